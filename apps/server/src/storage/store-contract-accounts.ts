import type { Commune, Roster } from "@roster/schema";
import { expect, it } from "vitest";
import { StoreConflictError, StoreNotFoundError } from "./errors";
import type { StoredUser } from "./store";
import type { HarnessRef } from "./store-contract";

const TAN_PHU: Commune = { code: "25252", name: "Xã Tân Phú" };
const HOA_BINH: Commune = { code: "26881", name: "Phường Hòa Bình" };
const ROSTERS: Roster[] = [
  { id: "thon-dong", name: "Thôn Đông", commune: "25252" },
  { id: "thon-tay", name: "Thôn Tây", commune: "25252" },
  { id: "to-dan-pho-3", name: "Tổ dân phố 3", commune: "26881" },
];

function user(id: string, username: string, patch: Partial<StoredUser> = {}): StoredUser {
  return {
    id,
    username,
    displayName: "Nguyễn Thị Lan",
    role: "police",
    commune: "25252",
    passwordHash: `scrypt$16384$8$1$c2FsdA$${id}`,
    rosters: [],
    createdAt: "2026-06-01T07:30:00.000Z",
    disabled: false,
    lastLoginAt: null,
    ...patch,
  };
}

const LAN = user("u-lan", "lan.nguyen");
const HUNG = user("u-hung", "hung.tran", { displayName: "Trần Văn Hùng", role: "hamlet", rosters: ["thon-dong", "thon-tay"] });
const MAI = user("u-mai", "mai.le", { displayName: "Lê Thị Mai", role: "viewer", disabled: true });
const BINH = user("u-binh", "binh.pham", { displayName: "Phạm Văn Bình", role: "admin", commune: "26881" });

/** Seeds two communes and their rosters. */
async function seed(ref: HarnessRef): Promise<void> {
  const { store } = ref();
  await store.addCommune(TAN_PHU);
  await store.addCommune(HOA_BINH);
  for (const roster of ROSTERS) await store.addRoster(roster);
}

/** Communes, rosters, users and roster assignments. */
export function accountContract(ref: HarnessRef): void {
  it("adds, reads and lists communes (by code); a duplicate code conflicts", async () => {
    const { store } = ref();
    await store.addCommune(HOA_BINH);
    await store.addCommune(TAN_PHU);
    expect(await store.getCommune("25252")).toEqual(TAN_PHU);
    expect(await store.getCommune("99999")).toBeUndefined();
    expect(await store.listCommunes()).toEqual([TAN_PHU, HOA_BINH]);
    await expect(store.addCommune({ code: "25252", name: "Xã khác" })).rejects.toBeInstanceOf(StoreConflictError);
    expect(await store.getCommune("25252")).toEqual(TAN_PHU);
  });

  it("lists the rosters of one commune only, by id", async () => {
    await seed(ref);
    const { store } = ref();
    expect(await store.listRosters("25252")).toEqual([ROSTERS[0], ROSTERS[1]]);
    expect(await store.listRosters("26881")).toEqual([ROSTERS[2]]);
    expect(await store.listRosters("99999")).toEqual([]);
    expect(await store.getRoster("to-dan-pho-3")).toEqual(ROSTERS[2]);
    expect(await store.getRoster("khong-co")).toBeUndefined();
  });

  it("refuses a roster id taken in any commune, and a roster of an unknown commune", async () => {
    await seed(ref);
    const { store } = ref();
    const taken = store.addRoster({ id: "thon-dong", name: "Thôn Đông 2", commune: "26881" });
    await expect(taken).rejects.toBeInstanceOf(StoreConflictError);
    await expect(taken).rejects.toMatchObject({ entity: "roster", key: "thon-dong" });
    const orphan = store.addRoster({ id: "ap-1", name: "Ấp 1", commune: "99999" });
    await expect(orphan).rejects.toBeInstanceOf(StoreNotFoundError);
    expect(await store.getRoster("ap-1")).toBeUndefined();
  });

  it("stores a user exactly and finds it by id and by username", async () => {
    await seed(ref);
    const { store } = ref();
    for (const u of [LAN, HUNG, MAI]) await store.addUser(u);
    expect(await store.getUserById("u-hung")).toEqual(HUNG);
    expect(await store.getUserByUsername("mai.le")).toEqual(MAI);
    expect(await store.getUserById("khong-co")).toBeUndefined();
    expect(await store.getUserByUsername("khong.co")).toBeUndefined();
  });

  it("matches usernames regardless of case, and refuses one that differs only in case", async () => {
    await seed(ref);
    const { store } = ref();
    await store.addUser(LAN);
    expect(await store.getUserByUsername("Lan.Nguyen")).toEqual(LAN);
    const twin = store.addUser(user("u-lan-2", "LAN.NGUYEN"));
    await expect(twin).rejects.toBeInstanceOf(StoreConflictError);
    await expect(twin).rejects.toMatchObject({ entity: "username" });
  });

  it("refuses a taken user id, an unknown commune, and a roster outside the user's commune", async () => {
    await seed(ref);
    const { store } = ref();
    await store.addUser(LAN);
    await expect(store.addUser(user("u-lan", "lan.khac"))).rejects.toMatchObject({ entity: "user", key: "u-lan" });
    await expect(store.addUser(user("u-x", "x.y", { commune: "99999" }))).rejects.toBeInstanceOf(StoreNotFoundError);
    const stray = store.addUser(user("u-z", "z.z", { role: "hamlet", rosters: ["thon-dong", "to-dan-pho-3"] }));
    await expect(stray).rejects.toBeInstanceOf(StoreNotFoundError);
    // All or nothing: neither the user nor its first assignment was kept.
    expect(await store.getUserById("u-z")).toBeUndefined();
    expect(await store.getUserByUsername("z.z")).toBeUndefined();
  });

  it("assigns and unassigns rosters (idempotently), listed by roster id", async () => {
    await seed(ref);
    const { store } = ref();
    await store.addUser({ ...HUNG, rosters: undefined });
    await store.assignRoster("u-hung", "thon-tay");
    await store.assignRoster("u-hung", "thon-dong");
    await store.assignRoster("u-hung", "thon-tay");
    expect((await store.getUserById("u-hung"))?.rosters).toEqual(["thon-dong", "thon-tay"]);
    await store.unassignRoster("u-hung", "thon-tay");
    await store.unassignRoster("u-hung", "thon-tay");
    expect((await store.getUserByUsername("hung.tran"))?.rosters).toEqual(["thon-dong"]);
  });

  it.each([
    ["an unknown user", "u-khong-co", "thon-dong", "user"],
    ["an unknown roster", "u-hung", "khong-co", "roster"],
    ["a roster of another commune", "u-hung", "to-dan-pho-3", "roster"],
  ])("refuses to assign %s", async (_what, userId, rosterId, entity) => {
    await seed(ref);
    const { store } = ref();
    await store.addUser(HUNG);
    const assigned = store.assignRoster(userId, rosterId);
    await expect(assigned).rejects.toBeInstanceOf(StoreNotFoundError);
    await expect(assigned).rejects.toMatchObject({ entity });
    expect((await store.getUserById("u-hung"))?.rosters).toEqual(["thon-dong", "thon-tay"]);
  });

  it("lists the users of one commune, by username, each with its rosters", async () => {
    await seed(ref);
    const { store } = ref();
    for (const u of [MAI, BINH, HUNG, LAN]) await store.addUser(u);
    expect(await store.listUsers("25252")).toEqual([HUNG, LAN, MAI]);
    expect(await store.listUsers("26881")).toEqual([BINH]);
    expect(await store.listUsers("99999")).toEqual([]);
  });

  it("updates a user's name, role, disabled flag, password, last login and rosters, all or nothing", async () => {
    await seed(ref);
    const { store } = ref();
    await store.addUser(HUNG);
    await store.updateUser("u-hung", { displayName: "Trần Văn Hưng", role: "school", disabled: true, passwordHash: "scrypt$new", lastLoginAt: "2026-06-02T01:00:00.000Z", rosters: ["thon-tay"] });
    expect(await store.getUserById("u-hung")).toEqual({
      ...HUNG,
      displayName: "Trần Văn Hưng",
      role: "school",
      disabled: true,
      passwordHash: "scrypt$new",
      lastLoginAt: "2026-06-02T01:00:00.000Z",
      rosters: ["thon-tay"],
    });
    // A roster of another commune fails the whole patch: the name stays as it was.
    const stray = store.updateUser("u-hung", { displayName: "Khác", rosters: ["thon-dong", "to-dan-pho-3"] });
    await expect(stray).rejects.toBeInstanceOf(StoreNotFoundError);
    expect(await store.getUserById("u-hung")).toMatchObject({ displayName: "Trần Văn Hưng", rosters: ["thon-tay"] });
    await expect(store.updateUser("u-khong-co", { disabled: true })).rejects.toMatchObject({ entity: "user" });
  });

  it("renames and archives a roster, which stays listed with archived: true; unarchiving restores it", async () => {
    await seed(ref);
    const { store } = ref();
    await store.updateRoster("thon-dong", { name: "Thôn Đông Mới", archived: true });
    expect(await store.getRoster("thon-dong")).toEqual({ id: "thon-dong", name: "Thôn Đông Mới", commune: "25252", archived: true });
    expect((await store.listRosters("25252")).map((r) => [r.id, r.archived])).toEqual([["thon-dong", true], ["thon-tay", undefined]]);
    await store.updateRoster("thon-dong", { archived: false });
    expect(await store.getRoster("thon-dong")).toEqual({ id: "thon-dong", name: "Thôn Đông Mới", commune: "25252" });
    await expect(store.updateRoster("khong-co", { name: "X" })).rejects.toBeInstanceOf(StoreNotFoundError);
  });

  it("stores a province user without a commune, listed in no commune, and keeps its role apart", async () => {
    await seed(ref);
    const { store } = ref();
    const province = user("u-tinh", "tinh.hanoi", { role: "province", commune: "", province: "01", displayName: "Sở Công an" });
    await store.addUser(province);
    expect(await store.getUserById("u-tinh")).toEqual(province);
    expect((await store.listUsers("25252")).map((u) => u.id)).not.toContain("u-tinh");
    expect((await store.listUsers("")).map((u) => u.id)).toEqual([]);
    // A commune account does not become a province one (nor back) by a role change.
    await store.addUser(LAN);
    await expect(store.updateUser("u-lan", { role: "province" })).rejects.toBeInstanceOf(StoreConflictError);
    await expect(store.updateUser("u-tinh", { role: "viewer" })).rejects.toBeInstanceOf(StoreConflictError);
    expect((await store.getUserById("u-lan"))?.role).toBe("police");
  });
}
