import { defineConfig } from "@playwright/test";
import * as os from "node:os";
import * as path from "node:path";

// The server under test: the release binary, on its own port and its own fresh SQLite file
// (or DATABASE_URL when E2E_DATABASE_URL is given), so runs never collide.
const port = Number(process.env.E2E_PORT ?? 3917);
const baseURL = `http://127.0.0.1:${port}`;
const database =
  process.env.E2E_DATABASE_URL ??
  `sqlite://${path.join(os.tmpdir(), `gcm-e2e-${process.pid}-${Date.now()}.db`)}?mode=rwc`;

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  // The workbench changes the shared record, so it runs after the public pages were read.
  projects: [
    { name: "public", testMatch: /(public|scorecard|openapi|search)\.spec\.ts/ },
    { name: "workbench", testMatch: /(workbench|members|record|assessing|xss|following)\.spec\.ts/, dependencies: ["public"] },
  ],
  use: {
    baseURL,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "./target/release/server serve --demo",
    cwd: "..",
    url: `${baseURL}/timeline`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: "target/site",
      DATABASE_URL: database,
      RUST_LOG: "warn",
      // A test that reads a page right after changing it gets the changed page, however busy
      // the machine (the page cache's wait itself is tested in server/src/page_cache.rs).
      RENDER_WAIT_MS: "60000",
    },
  },
});
