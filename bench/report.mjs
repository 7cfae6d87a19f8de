// Turns bench/run's raw figures into the Markdown report (the README's benchmark section).
// Usage: node bench/report.mjs raw.tsv frontend.tsv DATE CORES DURATION
import { readFileSync } from "node:fs";

const [raw, frontend, date, cores, duration] = process.argv.slice(2);
const rows = readFileSync(raw, "utf8").trim().split("\n").filter(Boolean).map((l) => l.split("\t"));
const out = [];
const line = (cells) => out.push(`| ${cells.join(" | ")} |`);
const table = (header) => {
  line(header);
  line(header.map(() => "---"));
};
const num = (x) => Number(x);
const fmt = (x, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : "–");

const databases = [...new Set(rows.map((r) => r[0]))];
const sizes = [...new Set(rows.map((r) => r[1]))].sort((a, b) => num(a) - num(b));
const pages = [...new Set(rows.filter((r) => r[2] === "page").map((r) => r[3]))];
const connections = [...new Set(rows.filter((r) => r[2] === "page").map((r) => r[4]))].sort((a, b) => num(a) - num(b));
const find = (db, size, kind, name, c) =>
  rows.find((r) => r[0] === db && r[1] === size && r[2] === kind && (name === undefined || r[3] === name) && (c === undefined || r[4] === c));

out.push(`Measured on ${date}, release build, ${cores} cores, wrk for ${duration} s per figure, gzip.`);
out.push("");
out.push("**Public reads** (requests per second; p50 / p99 latency in ms), and nginx serving the same bytes at 64 connections:");
out.push("");
table(["database", "organisations", "page", ...connections.map((c) => `${c} conn.`), "nginx (64)", "ratio", "errors"]);
for (const db of databases) {
  for (const size of sizes) {
    for (const page of pages) {
      const cells = connections.map((c) => {
        const r = find(db, size, "page", page, c);
        return r ? `${r[5]} (${fmt(num(r[6]), 2)} / ${fmt(num(r[7]), 2)})` : "–";
      });
      const top = find(db, size, "page", page, connections[connections.length - 1]);
      const ceiling = find(db, size, "nginx", page);
      const errors = connections.reduce((n, c) => n + num(find(db, size, "page", page, c)?.[8] ?? 0), 0);
      const ratio = top && ceiling ? `${fmt((100 * num(top[5])) / num(ceiling[5]), 0)} %` : "–";
      line([db, size, page, ...cells, ceiling ? ceiling[5] : "–", ratio, String(errors)]);
    }
  }
}
out.push("");
out.push("**Members posting comments** (16 concurrent writers), **server peak memory** and **time to load the synthetic record**:");
out.push("");
table(["database", "organisations", "comments/s", "p50 ms", "p99 ms", "failed writes", "peak memory MB", "load s"]);
for (const db of databases) {
  for (const size of sizes) {
    const w = find(db, size, "write");
    const m = find(db, size, "memory");
    const l = find(db, size, "load");
    line([db, size, w?.[5] ?? "–", w ? fmt(num(w[6]), 2) : "–", w ? fmt(num(w[7]), 2) : "–", w?.[8] ?? "–", m?.[4] ?? "–", l?.[4] ?? "–"]);
  }
}
if (sizes.length > 1) {
  const [small, large] = [sizes[0], sizes[sizes.length - 1]];
  const top = connections[connections.length - 1];
  out.push("");
  out.push(`**Growth from ${small} to ${large} organisations** (at ${top} connections: throughput and p50 at ${large} over the same at ${small}; 1.0 = no growth):`);
  out.push("");
  table(["database", "page", "throughput ×", "p50 ×", "p99 ×"]);
  for (const db of databases) {
    for (const page of pages) {
      const a = find(db, small, "page", page, top);
      const b = find(db, large, "page", page, top);
      if (a && b) line([db, page, fmt(num(b[5]) / num(a[5]), 2), fmt(num(b[6]) / num(a[6]), 2), fmt(num(b[7]) / num(a[7]), 2)]);
    }
  }
}
if (frontend) {
  const fe = readFileSync(frontend, "utf8").trim().split("\n").filter(Boolean).map((l) => l.split("\t"));
  const kb = (x) => fmt(num(x) / 1024, 1);
  out.push("");
  out.push("**Front-end weight** (KB downloaded, gzipped, empty cache) and **time to interactive** in Chromium (median of 5; usable = HTML parsed, links and forms work; hydrated = the WebAssembly has taken over):");
  out.push("");
  table(["page", "HTML", "CSS", "JS", "WASM", "JS + WASM", "usable ms", "hydrated ms"]);
  for (const [path, html, css, js, wasm, usable, hydrated] of fe) {
    line([`\`${path}\``, kb(html), kb(css), kb(js), kb(wasm), kb(num(js) + num(wasm)), usable, hydrated]);
  }
}
console.log(out.join("\n"));
