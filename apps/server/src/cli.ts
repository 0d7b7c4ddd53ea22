import { readEnv } from "./env";
import { RosterError } from "./errors";
import { openStore } from "./storage/open-store";
import { parseArgs } from "./cli/args";
import { runCommand, USAGE } from "./cli/commands";
import { StoreConflictError, StoreNotFoundError } from "./storage/errors";

/** `pnpm roster <command>`: the operator CLI (DESIGN.md "Operator CLI"). */
async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.words.length === 0 || args.flags.has("help")) {
    process.stdout.write(USAGE + "\n");
    return args.words.length === 0 && !args.flags.has("help") ? 2 : 0;
  }
  const env = readEnv();
  const store = await openStore(env);
  try {
    process.stdout.write((await runCommand(store, args)) + "\n");
    return 0;
  } catch (error) {
    if (error instanceof StoreConflictError) {
      process.stderr.write(`Đã tồn tại / Already exists: ${error.entity} ${error.key}\n`);
      return 1;
    }
    if (error instanceof StoreNotFoundError) {
      process.stderr.write(`Không tìm thấy / Not found: ${error.entity} ${error.key}\n`);
      return 1;
    }
    if (error instanceof RosterError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Lỗi / Error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
