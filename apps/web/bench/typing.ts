import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { explainProfile, startCpuProfile } from "./cpu-profile";
import type { BenchEnv } from "./env";
import { emit, machineFigures, note, round } from "./report";
import type { Stage } from "./stage";
import { max, percentile } from "./stats";

const TARGET_MS = 50;

/** The init script `buildStage` must install for this benchmark. */
export const KEYSTROKE_PROBE = fileURLToPath(new URL("./probes/keystroke.js", import.meta.url));

/** What `probes/keystroke.js` notes per key (document clock). */
interface KeySample {
  key: string;
  kind: "echo" | "commit";
  field: string;
  startMs: number;
  doneMs: number | null;
  codes: string | null;
}

/**
 * What a hamlet head retypes in the field, in ASCII as a phone keyboard sends it. The two
 * values of a field give different findings (name.format / none, pid.format /
 * pid.legacy_cmnd, bhyt.format / bhyt.prefix), so every Tab changes what the form shows.
 */
const PLAN: readonly { field: string; values: readonly [string, string] }[] = [
  { field: "child-fullName", values: ["nguyen van an", "Nguyen Van An"] },
  { field: "child-pid", values: ["0012150001", "012345678"] },
  { field: "child-bhyt", values: ["79123456789", "XX4791234567890"] },
];

function readSamples(page: Page): Promise<KeySample[]> {
  return page.evaluate(() => [...(window as unknown as { __benchKeys: KeySample[] }).__benchKeys]);
}

/** Waits (up to 10 s) until the last keystroke's effect is on screen. */
async function waitLastDone(page: Page): Promise<void> {
  await page
    .waitForFunction(() => {
      const keys = (window as unknown as { __benchKeys: KeySample[] }).__benchKeys;
      return keys.length > 0 && keys[keys.length - 1]?.doneMs != null;
    }, undefined, { timeout: 10_000, polling: 50 })
    .catch(() => note("a keystroke's effect never showed"));
}

/** Opens the first child of the list in the editor (alone on the screen of a phone). */
async function openFirstChild(page: Page): Promise<void> {
  await page.locator(".virtual-row a.child-item").first().click();
  await page.locator("#child-fullName").waitFor();
}

/**
 * Types the plan round after round, from round `first`, until about `keystrokes` keys have
 * been sent; returns the next round. Rounds alternate the values, so that each value
 * differs from the one in the field (an unchanged value writes nothing).
 */
async function typePlan(page: Page, keystrokes: number, delay: number, first = 0): Promise<number> {
  let sent = 0;
  let round = first;
  for (; sent < keystrokes; round += 1) {
    for (const { field, values } of PLAN) {
      const value = values[round % 2] as string;
      // Clearing is not a keystroke: it selects the field and empties it without a key.
      await page.locator(`#${field}`).fill("");
      await page.keyboard.type(value, { delay });
      await page.keyboard.press("Tab");
      await waitLastDone(page);
      sent += value.length + 1;
    }
  }
  return round;
}

/**
 * `web.typing`: per keystroke in the child editor, from the key event to a frame showing
 * its effect (echo for characters, re-rendered findings for the Tab that writes the
 * value), over a roster of `stage.children`. Prints one JSON line.
 */
export async function benchTyping(stage: Stage, env: BenchEnv): Promise<void> {
  const page = stage.page;
  await openFirstChild(page);
  await page.evaluate(() => ((window as unknown as { __benchKeys: KeySample[] }).__benchKeys.length = 0));
  const nextRound = await typePlan(page, env.BENCH_WEB_KEYSTROKES, env.BENCH_WEB_KEY_DELAY_MS);

  const samples = await readSamples(page);
  const done = samples.filter((s) => s.doneMs !== null);
  const latency = (s: KeySample) => (s.doneMs as number) - s.startMs;
  const all = done.map(latency);
  const echo = done.filter((s) => s.kind === "echo").map(latency);
  const commit = done.filter((s) => s.kind === "commit").map(latency);
  for (const s of samples.filter((x) => x.kind === "commit")) {
    note(`commit ${s.field}`, { ms: s.doneMs === null ? null : round(latency(s)), findings: s.codes });
  }
  const p95 = percentile(all, 95);
  const ok = p95 <= TARGET_MS && samples.length === done.length;
  emit("typing", {
    keystrokes: all.length,
    p50Ms: round(percentile(all, 50)),
    p95Ms: round(p95),
    maxMs: round(max(all)),
    echoP50Ms: round(percentile(echo, 50)),
    echoP95Ms: round(percentile(echo, 95)),
    echoMaxMs: round(max(echo)),
    commits: commit.length,
    commitP50Ms: round(percentile(commit, 50)),
    commitMaxMs: round(max(commit)),
    unobserved: samples.length - done.length,
    children: stage.children,
    keyDelayMs: env.BENCH_WEB_KEY_DELAY_MS,
    targetMs: TARGET_MS,
    ok,
    ...machineFigures(),
  });
  if (!ok) {
    // One more round under the profiler: one write of each field of the plan.
    const stop = await startCpuProfile(page);
    await typePlan(page, 1, env.BENCH_WEB_KEY_DELAY_MS, nextRound);
    explainProfile("web.typing", await stop(), env.BENCH_WEB_PROFILE_DIR);
  }
}
