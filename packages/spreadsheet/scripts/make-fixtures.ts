// Writes the sample import files to fixtures/ (committed, for people to open in Excel and
// for the fixture test to check against): `pnpm make:fixtures`. The tests build the same
// files in memory from test/fixture-files.ts. Every name in them is synthetic.
import { mkdir, writeFile } from "node:fs/promises";
import { allFixtures } from "../test/fixture-files";
import { realListFixtures } from "../test/real-list-files";

const directory = new URL("../fixtures/", import.meta.url);
await mkdir(directory, { recursive: true });
for (const { fileName, bytes } of [...(await allFixtures()), ...(await realListFixtures())]) {
  await writeFile(new URL(fileName, directory), bytes);
  console.log(`fixtures/${fileName}: ${bytes.length} bytes`);
}
