// Turns bench/run's raw figures into the Markdown report (the README's benchmark section),
// ending with the budgets, each with its measured value and whether it is met.
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
const each = (fn) => databases.forEach((db) => sizes.forEach((size) => fn(db, size)));
const times = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN);
const figures = (r) => (r ? `${r[5]} (${fmt(num(r[6]), 2)} / ${fmt(num(r[7]), 2)})` : "–");
const connections = [...new Set(rows.filter((r) => r[2] === "page").map((r) => r[4]))].sort((a, b) => num(a) - num(b));
const find = (db, size, kind, name, c) =>
  rows.find((r) => r[0] === db && r[1] === size && r[2] === kind && (name === undefined || r[3] === name) && (c === undefined || r[4] === c));

out.push(`Measured on ${date}, release build, ${cores} cores, wrk for ${duration} s per figure, gzip. The ceiling is nginx on the same machine serving the same bytes gzipped ahead at level 6 (\`gzip_static\`), connections kept open as long as wrk's, no access log.`);
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
      const nginxErrors = num(ceiling?.[8] ?? 0);
      line([db, size, page, ...cells, ceiling ? ceiling[5] : "–", ratio, `${errors}${nginxErrors ? ` (nginx: ${nginxErrors})` : ""}`]);
    }
  }
}
out.push("");
out.push("**Members posting comments** (16 concurrent writers), **server peak memory** and **time to load the synthetic record**:");
out.push("");
table(["database", "organisations", "comments/s", "p50 ms", "p99 ms", "failed writes", "peak memory MB", "load s", "warnings and errors in the server's log"]);
for (const db of databases) {
  for (const size of sizes) {
    const w = find(db, size, "write");
    const m = find(db, size, "memory");
    const l = find(db, size, "load");
    const g = find(db, size, "server-log");
    line([db, size, w?.[5] ?? "–", w ? fmt(num(w[6]), 2) : "–", w ? fmt(num(w[7]), 2) : "–", w?.[8] ?? "–", m?.[4] ?? "–", l?.[4] ?? "–", g?.[4] ?? "–"]);
  }
}
out.push("");
out.push("**Reads during writes**: 64 readers cycling over the same public addresses for the same time, alone, then while a coordinator re-rates a demand every second and a member posts a comment every second (requests per second; p50 / p99 latency in ms):");
out.push("");
table(["database", "organisations", "addresses", "without writes", "with writes", "with / without", "errors"]);
each((db, size) => {
  const alone = find(db, size, "mix", "without writes");
  const busy = find(db, size, "mix", "with writes");
  if (!alone && !busy) return;
  const errors = num(alone?.[8] ?? 0) + num(busy?.[8] ?? 0);
  line([db, size, find(db, size, "mix-addresses")?.[4] ?? "–", figures(alone), figures(busy), `${fmt(times(num(busy?.[5]), num(alone?.[5])), 2)}×`, String(errors)]);
});
out.push("");
out.push("**The writes during those reads** (each request timed from the client; failed: answered with anything but 303 or 200, or not at all):");
out.push("");
table(["database", "organisations", "writes", "requests", "p50 ms", "p99 ms", "failed"]);
each((db, size) => {
  for (const kind of ["rating", "comment"]) {
    const w = find(db, size, "writer", kind);
    if (w) line([db, size, kind === "rating" ? "coordinator's ratings" : "member's comments", w[4], fmt(num(w[7]), 2), fmt(num(w[8]), 2), w[6]]);
  }
});
out.push("");
out.push("**The long tail**: 64 readers over thousands of distinct public addresses, each fetched once beforehand, and nginx serving the same bytes, one file an address (requests per second; p50 / p99 latency in ms):");
out.push("");
table(["database", "organisations", "addresses (their pages' size)", "server", "nginx", "server / nginx", "errors"]);
each((db, size) => {
  const server = find(db, size, "tail", "server");
  const ceiling = find(db, size, "tail", "nginx");
  if (!server && !ceiling) return;
  const count = find(db, size, "tail-addresses");
  const dropped = num(count?.[5] ?? 0);
  const megabytes = count?.[6] ? `, ${fmt(num(count[6]) / 1048576, 1)} MB` : "";
  const addresses = count ? `${count[4]}${megabytes}${dropped ? ` (${dropped} not 200, left out)` : ""}` : "–";
  line([db, size, addresses, figures(server), figures(ceiling), `${fmt(times(num(server?.[5]), num(ceiling?.[5])), 2)}×`, String(num(server?.[8] ?? 0) + num(ceiling?.[8] ?? 0))]);
});
const searches = rows.filter((r) => r[2] === "search");
if (searches.length) {
  out.push("");
  out.push("**The search**: distinct queries (words, pairs, phrases, exclusions, alternatives; some narrowed by kind, element or page), each asked once, so every answer is rendered, one at a time and 16 at once (ms, timed from the client):");
  out.push("");
  table(["database", "organisations", "at once", "queries", "p50 ms", "p99 ms", "errors"]);
  for (const r of searches) line([r[0], r[1], r[3], r[4], fmt(num(r[5]), 2), fmt(num(r[6]), 2), r[7]]);
}
const cold = rows.filter((r) => r[2] === "cold");
if (cold.length) {
  out.push("");
  out.push("**Cold cost**: each page's first render (ms, curl's total time) as the first request after the server starts, and after a change (the server warm, a coordinator rates one demand, then the page is asked for once):");
  out.push("");
  table(["database", "organisations", "page", "after a restart", "after a change"]);
  const cell = (ms, code) => `${fmt(num(ms), 1)}${code === "200" ? "" : ` (status ${code})`}`;
  for (const r of cold) line([r[0], r[1], `\`${r[3]}\``, cell(r[4], r[6]), cell(r[5], r[7])]);
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
const fe = frontend ? readFileSync(frontend, "utf8").trim().split("\n").filter(Boolean).map((l) => l.split("\t")) : [];
if (fe.length) {
  const kb = (x) => fmt(num(x) / 1024, 1);
  out.push("");
  out.push("**Front-end weight** (KB downloaded, gzipped, empty cache) and **time to interactive** in Chromium (median of 5; usable = HTML parsed, links and forms work; hydrated = the WebAssembly has taken over):");
  out.push("");
  table(["page", "HTML", "CSS", "JS", "WASM", "JS + WASM", "usable ms", "hydrated ms"]);
  for (const [path, html, css, js, wasm, usable, hydrated] of fe) {
    line([`\`${path}\``, kb(html), kb(css), kb(js), kb(wasm), kb(num(js) + num(wasm)), usable, hydrated]);
  }
}

// The budgets: each with the value measured and whether it is met.
const verdict = (ok) => (ok === undefined ? "not measured" : ok ? "met" : "**not met**");
const budgets = [];
each((db, size) => {
  const add = (budget, measured, ok) => budgets.push([db, size, budget, measured, verdict(ok)]);
  const withErrors = (text, errors) => (errors > 0 ? `${text}, ${errors} errors` : text);
  const alone = find(db, size, "mix", "without writes");
  const busy = find(db, size, "mix", "with writes");
  if (alone && busy) {
    const ratio = times(num(busy[5]), num(alone[5]));
    const errors = num(alone[8]) + num(busy[8]);
    add("reads during writes ≥ 0.8× the reads alone", withErrors(`${fmt(ratio, 2)}× (${busy[5]} / ${alone[5]} req/s)`, errors), ratio >= 0.8 && errors === 0);
    add("reads during writes: p99 < 50 ms", `${fmt(num(busy[7]), 2)} ms`, num(busy[7]) < 50 && num(busy[8]) === 0);
  } else {
    add("reads during writes ≥ 0.8× the reads alone", "–", undefined);
  }
  const tail = find(db, size, "tail", "server");
  const tailCeiling = find(db, size, "tail", "nginx");
  if (tail && tailCeiling) {
    const ratio = times(num(tail[5]), num(tailCeiling[5]));
    add("long tail ≥ 0.25× nginx", withErrors(`${fmt(ratio, 2)}× (${tail[5]} / ${tailCeiling[5]} req/s)`, num(tail[8])), ratio >= 0.25 && num(tail[8]) === 0);
    add("long tail: p99 < 50 ms", `${fmt(num(tail[7]), 2)} ms`, num(tail[7]) < 50 && num(tail[8]) === 0);
  } else {
    add("long tail ≥ 0.25× nginx", "–", undefined);
  }
  const renders = rows
    .filter((r) => r[0] === db && r[1] === size && r[2] === "cold")
    .flatMap((r) => [
      { page: r[3], when: "after a restart", ms: num(r[4]), code: r[6] },
      { page: r[3], when: "after a change", ms: num(r[5]), code: r[7] },
    ]);
  if (renders.length) {
    const slowest = renders.reduce((a, b) => (b.ms > a.ms ? b : a));
    const over = renders.filter((r) => !(r.ms < 50)).length;
    const refused = renders.filter((r) => r.code !== "200").length;
    const measured = `slowest ${fmt(slowest.ms, 1)} ms (\`${slowest.page}\`, ${slowest.when}); ${over} of ${renders.length} at 50 ms or more${refused ? `; ${refused} not 200` : ""}`;
    add("every cold render < 50 ms", measured, over === 0 && refused === 0);
  } else {
    add("every cold render < 50 ms", "–", undefined);
  }
  const hot = pages
    .map((page) => ({ page, r: find(db, size, "page", page, "64"), c: find(db, size, "nginx", page) }))
    .filter((h) => h.r && h.c)
    .map((h) => ({ ...h, ratio: times(num(h.r[5]), num(h.c[5])), errors: num(h.r[8]) + num(h.c[8]) }));
  if (hot.length) {
    const lowest = hot.reduce((a, b) => (b.ratio < a.ratio ? b : a));
    const errors = hot.reduce((n, h) => n + h.errors, 0);
    add("every hot cached page ≥ 0.5× nginx (64 conn.)", withErrors(`lowest ${fmt(lowest.ratio, 2)}× (${lowest.page})`, errors), hot.every((h) => h.ratio >= 0.5) && errors === 0);
  } else {
    add("every hot cached page ≥ 0.5× nginx (64 conn.)", "–", undefined);
  }
  const search = find(db, size, "search", "1");
  add("search, one at a time: p99 < 50 ms", search ? withErrors(`${fmt(num(search[6]), 2)} ms`, num(search[7])) : "–", search ? num(search[6]) < 50 && num(search[7]) === 0 : undefined);
  const memory = find(db, size, "memory");
  add("peak memory < 250 MB", memory ? `${memory[4]} MB` : "–", memory ? num(memory[4]) < 250 : undefined);
  const flood = find(db, size, "write");
  const member = find(db, size, "writer", "comment");
  const rating = find(db, size, "writer", "rating");
  const p99s = [flood && { who: "16 members at once", p99: num(flood[7]) }, member && { who: "one member during the reads", p99: num(member[8]) }].filter(Boolean);
  if (p99s.length) {
    add("comments: p99 < 100 ms", p99s.map((p) => `${fmt(p.p99, 2)} ms (${p.who})`).join("; "), p99s.every((p) => p.p99 < 100));
  } else {
    add("comments: p99 < 100 ms", "–", undefined);
  }
  const failed = [flood && { who: "16 members' comments", n: num(flood[8]) }, member && { who: "member's comments during the reads", n: num(member[6]) }, rating && { who: "coordinator's ratings", n: num(rating[6]) }].filter(Boolean);
  if (failed.length) {
    add("no failed write", failed.map((f) => `${f.n} (${f.who})`).join("; "), failed.every((f) => f.n === 0));
  } else {
    add("no failed write", "–", undefined);
  }
});
if (budgets.length) {
  out.push("");
  out.push("**Budgets** (each with the value measured):");
  out.push("");
  table(["database", "organisations", "budget", "measured", "verdict"]);
  budgets.forEach(line);
}
console.log(out.join("\n"));
