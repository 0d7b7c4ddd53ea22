import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import type { AxeResults, Result } from "axe-core";

const AXE_SCRIPT = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** The WCAG 2.1 A/AA rules, plus the experimental check that a control's spoken name contains its visible text (2.5.3). */
const OPTIONS = {
  runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
  rules: { "label-content-name-mismatch": { enabled: true } },
  resultTypes: ["violations"],
} as const;

function describe(violations: readonly Result[]): string {
  return violations
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `   ${n.target.join(" ")} — ${n.failureSummary?.split("\n")[1] ?? ""}`).join("\n")}`)
    .join("\n");
}

/** The serious and critical axe-core violations of what the page shows now. */
export async function seriousViolations(page: Page): Promise<Result[]> {
  // Evaluated through the browser's protocol rather than added as a <script>: the app's
  // content security policy (script-src 'self') rightly refuses an injected inline script.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(`${readFileSync(AXE_SCRIPT, "utf8")}\n;undefined`);
  const results = (await page.evaluate(
    (options) => (window as unknown as { axe: { run: (c: Document, o: unknown) => Promise<unknown> } }).axe.run(document, options),
    OPTIONS,
  )) as AxeResults;
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Fails with the rule, the elements and what is wrong when axe-core finds a serious or critical violation. */
export async function expectNoSeriousViolations(page: Page, label: string): Promise<void> {
  const violations = await seriousViolations(page);
  if (violations.length > 0) throw new Error(`axe-core on ${label}: ${violations.length} serious or critical\n${describe(violations)}`);
}
