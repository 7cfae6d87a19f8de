// Front-end weight and time to interactive, measured in Debian's Chromium on the release build.
// For each public page: the gzipped bytes downloaded (HTML, CSS, JS, WebAssembly) with an empty
// cache, the moment the HTML is parsed and usable (domInteractive: links and forms work without
// JavaScript), and the moment hydration ends (the "hydrated" mark the WebAssembly entry sets).
// Usage: node bench/frontend.mjs http://127.0.0.1:3950  > frontend.tsv
import { createRequire } from "node:module";

// Playwright comes from the browser tests' packages (end2end/), installed by scripts/install-tools.
const require = createRequire(new URL("../end2end/package.json", import.meta.url));
const { chromium } = require("@playwright/test");

const base = process.argv[2];
const pages = [
  "/",
  "/timeline",
  "/consultations/stocktaking-puerto-vallarta",
  "/elements",
  "/elements/i",
  "/organisations",
  "/organisations/picum",
  "/positions/coalition-faq-2017-asks",
  "/drafts",
  "/drafts/agreed-text",
  "/drafts/compare?from=zero-draft&to=agreed-text",
  "/scorecard",
  "/scorecard/matrix",
];
const kindOf = (url, type) => {
  if (type === "document") return "html";
  if (url.endsWith(".wasm")) return "wasm";
  if (url.endsWith(".js")) return "js";
  if (url.endsWith(".css")) return "css";
  return "other";
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
for (const path of pages) {
  const samples = [];
  let bytes = null;
  for (let run = 0; run < 5; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const sizes = { html: 0, css: 0, js: 0, wasm: 0, other: 0 };
    const pending = [];
    page.on("requestfinished", (request) => {
      pending.push(
        request.sizes().then((s) => {
          sizes[kindOf(request.url(), request.resourceType())] += s.responseBodySize;
        }),
      );
    });
    await page.goto(base + path, { waitUntil: "load" });
    await page.waitForFunction(() => performance.getEntriesByName("hydrated").length > 0, null, { timeout: 30_000 });
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      return { usable: nav.domInteractive, hydrated: performance.getEntriesByName("hydrated")[0].startTime };
    });
    await Promise.all(pending);
    bytes = sizes;
    samples.push(timing);
    await context.close();
  }
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const usable = median(samples.map((s) => s.usable));
  const hydrated = median(samples.map((s) => s.hydrated));
  console.log([path, bytes.html, bytes.css, bytes.js, bytes.wasm, usable.toFixed(0), hydrated.toFixed(0)].join("\t"));
}
await browser.close();
