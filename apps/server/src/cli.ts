import { readEnv } from "./env";
import { RosterError } from "./errors";
import { openStore } from "./storage/open-store";
import { runningServerPid } from "./storage/server-lock";
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
  // Commands that write roster documents must not run behind a live server's back: its
  // in-memory copy would not see the change and its next compaction could drop it.
  const [noun] = args.words;
  const writesDocs = noun === "seed" || (noun === "import" && !args.flags.has("preview"));
  const serverPid = writesDocs ? runningServerPid(env.DATA_DIR) : undefined;
  if (serverPid !== undefined) {
    process.stderr.write(
      `Máy chủ đang chạy trên DATA_DIR này (pid ${serverPid}): hãy nhập qua ứng dụng hoặc POST /api/rosters/:id/import, hoặc dừng máy chủ trước.
` +
        `The server is running on this DATA_DIR (pid ${serverPid}): import through the app or POST /api/rosters/:id/import, or stop the server first.
`,
    );
    return 1;
  }
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
