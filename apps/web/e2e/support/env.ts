// The only place the browser tests read the environment.

/** Debian's Chromium unless CHROMIUM_PATH names another build already on the machine. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Where screenshots meant for a person's review go (outside the repository). */
export const SCREENS_DIR = process.env.ROSTER_SCREENS ?? "/work/screens";

/** The environment a child process (server, CLI) inherits, with `overrides` on top. */
export function childEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}
