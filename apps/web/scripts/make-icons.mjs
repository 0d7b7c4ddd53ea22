// Renders public/icon.svg to the PNG icons of the web manifest with Debian's Chromium
// (no download). Run after changing the SVG: `pnpm icons`; the PNGs are committed.
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const publicDir = fileURLToPath(new URL("../public/", import.meta.url));
const svg = await readFile(`${publicDir}icon.svg`, "utf8");

// A maskable icon keeps its picture inside the central 80% safe zone.
const targets = [
  { file: "icon-192.png", size: 192, padding: 0, background: "transparent" },
  { file: "icon-512.png", size: 512, padding: 0, background: "transparent" },
  { file: "icon-maskable-512.png", size: 512, padding: 0.1, background: "#0b5cad" },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
try {
  for (const { file, size, padding, background } of targets) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const inset = Math.round(size * padding);
    await page.setContent(
      `<html><body style="margin:0;background:${background}">` +
        `<div style="position:absolute;inset:${inset}px">${svg.replace("<svg ", '<svg width="100%" height="100%" ')}</div>` +
        `</body></html>`,
    );
    await writeFile(`${publicDir}${file}`, await page.screenshot({ omitBackground: background === "transparent" }));
    await page.close();
    console.log(`wrote ${file}`);
  }
} finally {
  await browser.close();
}
