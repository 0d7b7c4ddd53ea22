import { expect, it } from "vitest";
import type { StoredSession } from "./store";
import type { HarnessRef } from "./store-contract";

const T0 = "2026-06-01T07:00:00.000Z";
const LATER = "2026-06-01T09:00:00.000Z";
const EXPIRES = "2026-06-04T07:00:00.000Z";

async function seedUsers(ref: HarnessRef): Promise<void> {
  const { store } = ref();
  await store.addCommune({ code: "25252", name: "Xã Tân Phú" });
  await store.addCommune({ code: "26881", name: "Phường Hòa Bình" });
  for (const [id, username, commune] of [["u-lan", "lan.nguyen", "25252"], ["u-hung", "hung.tran", "25252"]] as const) {
    await store.addUser({ id, username, displayName: username, role: "police", commune, passwordHash: "scrypt$old", createdAt: T0, disabled: false });
  }
}

function session(id: string, userId: string, patch: Partial<StoredSession> = {}): Omit<StoredSession, "revokedAt"> {
  return { id, userId, device: "Chrome trên Android", createdAt: T0, lastUsedAt: T0, expiresAt: EXPIRES, ...patch };
}

/** Sessions, one-time password codes and the security log. */
export function sessionContract(ref: HarnessRef): void {
  it("stores a session, touches it, and lists the open ones most recently used first", async () => {
    await seedUsers(ref);
    const { store } = ref();
    await store.addSession(session("s-1", "u-lan"));
    await store.addSession(session("s-2", "u-lan", { device: "Firefox trên Windows" }));
    await store.addSession(session("s-old", "u-lan", { expiresAt: "2026-06-01T08:00:00.000Z" }));
    await store.addSession(session("s-hung", "u-hung"));
    await store.touchSession("s-2", LATER);
    expect(await store.getSession("s-2")).toEqual({ ...session("s-2", "u-lan", { device: "Firefox trên Windows" }), lastUsedAt: LATER, revokedAt: null });
    expect((await store.listSessions("u-lan", "2026-06-01T08:30:00.000Z")).map((s) => s.id)).toEqual(["s-2", "s-1"]);
    expect(await store.getSession("khong-co")).toBeUndefined();
  });

  it("revokes one session once, or every session of a user but one; a revoked session is not listed", async () => {
    await seedUsers(ref);
    const { store } = ref();
    for (const id of ["s-1", "s-2", "s-3"]) await store.addSession(session(id, "u-lan"));
    await store.addSession(session("s-hung", "u-hung"));
    expect(await store.revokeSession("s-1", LATER)).toBe(true);
    expect(await store.revokeSession("s-1", LATER)).toBe(false);
    expect((await store.getSession("s-1"))?.revokedAt).toBe(LATER);
    expect(await store.revokeUserSessions("u-lan", LATER, "s-3")).toEqual(["s-2"]);
    expect((await store.listSessions("u-lan", T0)).map((s) => s.id)).toEqual(["s-3"]);
    expect((await store.listSessions("u-hung", T0)).map((s) => s.id)).toEqual(["s-hung"]);
    expect(await store.revokeUserSessions("u-lan", LATER)).toEqual(["s-3"]);
    expect(await store.listSessions("u-lan", T0)).toEqual([]);
  });

  it("redeems a password code once, before it expires, setting the password in the same step", async () => {
    await seedUsers(ref);
    const { store } = ref();
    await store.addPasswordCode({ codeHash: "h-1", userId: "u-lan", createdAt: T0, expiresAt: EXPIRES });
    expect(await store.findPasswordCode("h-1", LATER)).toBe("u-lan");
    expect(await store.findPasswordCode("h-1", EXPIRES)).toBeUndefined();
    expect(await store.redeemPasswordCode("h-1", EXPIRES, "scrypt$late")).toBeUndefined();
    expect((await store.getUserById("u-lan"))?.passwordHash).toBe("scrypt$old");
    expect(await store.redeemPasswordCode("h-1", LATER, "scrypt$new")).toBe("u-lan");
    expect((await store.getUserById("u-lan"))?.passwordHash).toBe("scrypt$new");
    expect(await store.redeemPasswordCode("h-1", LATER, "scrypt$again")).toBeUndefined();
    expect((await store.getUserById("u-lan"))?.passwordHash).toBe("scrypt$new");
    expect(await store.redeemPasswordCode("khong-co", LATER, "scrypt$x")).toBeUndefined();
  });

  it("a new code for a user retires the earlier unused one", async () => {
    await seedUsers(ref);
    const { store } = ref();
    await store.addPasswordCode({ codeHash: "h-1", userId: "u-lan", createdAt: T0, expiresAt: EXPIRES });
    await store.addPasswordCode({ codeHash: "h-2", userId: "u-lan", createdAt: LATER, expiresAt: EXPIRES });
    await store.addPasswordCode({ codeHash: "h-hung", userId: "u-hung", createdAt: LATER, expiresAt: EXPIRES });
    expect(await store.findPasswordCode("h-1", LATER)).toBeUndefined();
    expect(await store.findPasswordCode("h-2", LATER)).toBe("u-lan");
    expect(await store.findPasswordCode("h-hung", LATER)).toBe("u-hung");
  });

  it("keeps the security log per commune, newest first, up to a limit", async () => {
    const { store } = ref();
    const event = (at: string, action: "user.create" | "user.disable", commune = "25252") =>
      ({ commune, at, actor: "a.admin", target: "hung.tran", action, detail: "hamlet" }) as const;
    await store.appendSecurityEvent(event(T0, "user.create"));
    await store.appendSecurityEvent(event(LATER, "user.disable"));
    await store.appendSecurityEvent(event(LATER, "user.create", "26881"));
    const { commune: _c, ...newest } = event(LATER, "user.disable");
    const { commune: _d, ...oldest } = event(T0, "user.create");
    expect(await store.listSecurityEvents("25252", 10)).toEqual([newest, oldest]);
    expect(await store.listSecurityEvents("25252", 1)).toEqual([newest]);
    expect(await store.listSecurityEvents("99999", 10)).toEqual([]);
  });
}
