import { describe, expect, it } from "vitest";
import { createRecordsDoc, IntakeSessions, RosterRecords } from "@roster/doc";
import { compareVietnameseNames } from "@roster/rules";
import { translate } from "../i18n/translate";
import { callListHtml } from "./call-list-html";

const police = { id: "u-police", name: "Trần Văn Bình" };

function sessionWithChildren() {
  const records = new RosterRecords(createRecordsDoc());
  const intake = new IntakeSessions(records, { now: () => new Date("2026-06-08T01:00:00Z") });
  const id = intake.createSession(
    { date: "2026-06-08", start: "07:30", end: "11:30", placeKind: "police", place: "Trụ sở Công an xã", capacity: 40 },
    police,
  );
  const mother = records.createGuardian({ fullName: "Trần Thị Hoa", phone: "0912345678", vneid: "level1" });
  const names = ["Nguyễn Văn Ân", "Lò Thị Mai", "Nguyễn Văn An", "Đinh Văn Đức", "Hà Thị Dung", "<b>Vàng A Sử</b>"];
  for (const fullName of names) {
    const child = records.createChild({ fullName, dob: "2015-03-02", village: "Thôn Đông", motherId: mother, representative: "mother" });
    intake.assign(child, id, police);
  }
  return { intake, id };
}

describe("the call list", () => {
  it("sorts the Vietnamese way: given name first, then family name, letters and tones in Vietnamese order", () => {
    const { intake, id } = sessionWithChildren();
    expect(intake.callList(id, compareVietnameseNames).map((e) => e.child.fullName)).toEqual([
      "Nguyễn Văn An",
      "Nguyễn Văn Ân",
      "Hà Thị Dung",
      "Đinh Văn Đức",
      "Lò Thị Mai",
      "<b>Vàng A Sử</b>",
    ]);
  });

  it("prints as an A4 page with the national heading, the session, the table and escaped values", () => {
    const { intake, id } = sessionWithChildren();
    const first = intake.callList(id, compareVietnameseNames)[0]!;
    intake.markAttendance(id, first.child.id, true, police);
    const html = callListHtml(
      {
        rosterName: "Thôn Đông",
        session: intake.getSession(id)!,
        entries: intake.callList(id, compareVietnameseNames),
        madeAt: "08/06/2026 08:00",
      },
      { t: (key, params) => translate("vi", key, params), date: (iso) => (iso ?? "").split("-").reverse().join("/") },
    );
    expect(html).toContain("@page { size: A4 landscape");
    expect(html).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(html).toContain("Độc lập - Tự do - Hạnh phúc");
    expect(html).toContain("Thời gian: 08/06/2026, 07:30–11:30. Địa điểm: Trụ sở Công an xã.");
    expect(html).toContain("<th>STT</th><th>Họ và tên trẻ</th><th>Ngày sinh</th>");
    expect(html).toContain('<td class="rep">Trần Thị Hoa (Mẹ)</td><td class="phone">0912345678</td>');
    expect(html).toContain("người đại diện chưa có VNeID mức 2");
    expect(html).toMatch(/<td class="no">1<\/td><td class="name">Nguyễn Văn An<\/td>.*<td class="tick">✓<\/td>/);
    expect(html).toContain("&lt;b&gt;Vàng A Sử&lt;/b&gt;");
    expect(html).not.toContain("<b>Vàng");
    expect(html).toContain("Tổng số: 6 trẻ (tối đa 40).");
  });
});
