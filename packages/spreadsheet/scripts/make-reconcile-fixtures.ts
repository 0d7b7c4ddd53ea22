// Writes the sample national extracts to fixtures/doi-chieu/ (committed, for people to open
// and for the fixture test): `pnpm make:reconcile-fixtures`. Every name is synthetic.
import { mkdir, writeFile } from "node:fs/promises";
import { extractScenario, extractXlsx } from "../test/national-extract";

const directory = new URL("../fixtures/doi-chieu/", import.meta.url);
await mkdir(directory, { recursive: true });
const files = [
  ["trich-xuat-to-dan-pho.xlsx", extractScenario()],
  ["trich-xuat-to-dan-pho-tcvn3.xlsx", extractScenario({ legacy: "tcvn3" })],
] as const;
for (const [name, scenario] of files) {
  const bytes = await extractXlsx(scenario.rows);
  await writeFile(new URL(name, directory), bytes);
  console.log(`fixtures/doi-chieu/${name}: ${bytes.length} bytes`);
}
