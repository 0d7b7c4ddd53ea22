import { ROLES } from "@roster/schema";
import { addCommune, addRoster, addUser } from "../accounts/accounts";
import { BadRequestError } from "../errors";
import { seedRosters } from "../seed/seed-rosters";
import type { Store } from "../storage/store";
import { flag, intFlag, optionalFlag, type ParsedArgs } from "./args";
import { exportCommand, importCommand } from "./file-commands";

export const USAGE = `Cách dùng / Usage: pnpm roster <command>
  commune add --code CODE --name NAME
  roster add --commune CODE --id ID --name NAME        (ID: [a-z0-9-]{1,64})
  user add --commune CODE --username U --password P --role ${ROLES.filter((r) => r !== "province").join("|")} [--roster ID ...] [--display-name NAME]
  user add --province CODE --username U --password P --role province [--display-name NAME]
                                                        (CODE: 2 digits of the 2025 list, e.g. 01 Hà Nội)
  seed --commune CODE --villages N --children N [--seed S]
  rosters --commune CODE                                (list)
  import --roster ID FILE.xlsx|FILE.xls|FILE.csv [--preview] [--mapping JSON] [--sheet NAME ...] [--by NAME]
                                                        (dừng máy chủ trước / stop the server first)
  export --roster ID [--format xlsx|csv|html] [--status clean|needs-fix|verified]
         [--list cleaned|problems|handover] [--out FILE]
  backup --out FILE [--force]                           (khi máy chủ đang chạy cũng được / works while the server runs)
  restore FILE                                          (dừng máy chủ trước / stop the server first;
                                                         bản cũ giữ lại / keeps the replaced roster.db.before-restore-…)
  migrate --to postgres://USER@HOST:5432/DB             (chuyển DATA_DIR sang PostgreSQL trống và kiểm tra /
                                                         moves DATA_DIR into an empty PostgreSQL and checks the copy;
                                                         dừng máy chủ trước / stop the server first)
Với DATABASE_URL, seed và import ghi vào PostgreSQL (dừng máy chủ trước) /
With DATABASE_URL set, seed and import write to PostgreSQL (stop the server first).`;

/** Runs one operator command against the store; returns what to print. */
export async function runCommand(store: Store, args: ParsedArgs, now: () => Date = () => new Date()): Promise<string> {
  const [noun, verb] = args.words;
  // import / export take a file, not a verb.
  if (noun === "import") return importCommand(store, args, now);
  if (noun === "export") return exportCommand(store, args, now);
  const command = `${noun ?? ""} ${verb ?? ""}`.trim();
  switch (command) {
    case "commune add": {
      await addCommune(store, flag(args, "code"), flag(args, "name"));
      return `Đã thêm xã / Commune added: ${flag(args, "code")}`;
    }
    case "roster add": {
      await addRoster(store, flag(args, "commune"), flag(args, "id"), flag(args, "name"));
      return `Đã thêm danh sách / Roster added: ${flag(args, "id")}`;
    }
    case "user add": {
      const displayName = optionalFlag(args, "display-name");
      const commune = optionalFlag(args, "commune");
      const province = optionalFlag(args, "province");
      const id = await addUser(store, {
        ...(commune ? { commune } : {}),
        ...(province ? { province } : {}),
        username: flag(args, "username"),
        password: flag(args, "password"),
        role: flag(args, "role"),
        rosters: args.flags.get("roster") ?? [],
        ...(displayName ? { displayName } : {}),
      });
      return `Đã thêm tài khoản / User added: ${flag(args, "username")} (${id})`;
    }
    case "seed": {
      const seed = optionalFlag(args, "seed");
      const created = await seedRosters(store, {
        commune: flag(args, "commune"),
        villages: intFlag(args, "villages", 1, 200),
        children: intFlag(args, "children", 1, 200_000),
        ...(seed ? { seed: Number(seed) } : {}),
      });
      return created.map((r) => `${r.id}\t${r.children}\t${r.name}`).join("\n");
    }
    case "rosters": {
      const rosters = await store.listRosters(flag(args, "commune"));
      return rosters.map((r) => `${r.id}\t${r.name}`).join("\n");
    }
    default:
      throw new BadRequestError(`Lệnh không rõ / Unknown command: ${command || "(none)"}\n${USAGE}`, "unknown_command");
  }
}
