import { test, expect } from "@playwright/test";
import { expectAccessible } from "./helpers";

test.describe("the public reads the negotiation", () => {
  test("home shows the process as of a chosen date", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Where the negotiation stands" })).toBeVisible();
    // the follow-up and review goes on: the second Forum is planned for 2026
    await expect(page.locator(".process-status")).toContainText("Second International Migration Review Forum, in progress");

    await page.getByLabel("As of").fill("2017-10-01");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/as_of=2017-10-01/);
    await expect(page.locator(".process-status")).toContainText("Phase I: Consultations, in progress");
    const next = page.getByRole("region", { name: "Next events" });
    await expect(next.getByRole("link", { name: /Thematic session 6/ })).toBeVisible();
    const changes = page.getByRole("region", { name: "Latest timeline changes" });
    await expect(changes.getByRole("listitem").first()).toBeVisible();
    await expectAccessible(page);
  });

  test("a visitor reads the timeline and filters it by region", async ({ page }) => {
    await page.goto("/timeline");
    await expect(page.getByRole("heading", { level: 1, name: "Timeline" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: /Phase I: Consultations/ })).toBeVisible();
    const vallarta = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Preparatory stocktaking meeting" }) });
    await expect(vallarta).toContainText("4-6 Dec 2017");
    await expect(vallarta).toContainText("Puerto Vallarta, Mexico");
    const unece = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "UNECE regional consultation" }) });
    await expect(unece.locator("time")).toHaveText("2017");
    await expectAccessible(page);

    await page.getByLabel("Region", { exact: true }).selectOption({ label: "Africa" });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/region=africa/);
    await expect(page.getByRole("status")).toHaveText("Consultations shown: 2");
    await expect(page.getByRole("link", { name: "African Regional Consultative Meeting on the Global Compact" })).toBeVisible();
    await expect(page.getByRole("link", { name: "First regional review of the compact: Africa" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Preparatory stocktaking meeting" })).toHaveCount(0);
    await expect(page.getByLabel("Region", { exact: true })).toHaveValue("africa");
  });

  test("the timeline goes on after adoption: the regional reviews and the review forums", async ({ page }) => {
    await page.goto("/timeline");
    await expect(page.getByRole("heading", { level: 2, name: /First International Migration Review Forum/ })).toBeVisible();
    const forum = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "First International Migration Review Forum", exact: true }) });
    await expect(forum).toContainText("17-20 May 2022");
    await expect(forum).toContainText("International Migration Review Forum");
    const next = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Second International Migration Review Forum", exact: true }) });
    await expect(next.locator("time")).toHaveText("2026");
    await expectAccessible(page);
  });

  test("the Puerto Vallarta stocktaking shows its history", async ({ page }) => {
    await page.goto("/timeline");
    await page.getByRole("link", { name: "Preparatory stocktaking meeting" }).click();
    await expect(page).toHaveURL(/\/consultations\/stocktaking-puerto-vallarta$/);
    await expect(page.getByRole("heading", { level: 1, name: "Preparatory stocktaking meeting" })).toBeVisible();
    const history = page.getByRole("region", { name: "History" });
    await expect(history).toContainText("City: Cancún → Puerto Vallarta");
    await expect(history).toContainText("Dates: Nov 2017 → 4-6 Dec 2017");
    await expect(history).toContainText("As planned in April 2017");
    await expectAccessible(page);
  });

  test("element (i) lists the organisations that address it", async ({ page }) => {
    await page.goto("/elements");
    await expect(page.getByRole("row")).toHaveCount(25);
    await page.getByRole("link", { name: "(i)", exact: true }).click();
    await expect(page).toHaveURL(/\/elements\/i$/);
    await expect(page.getByRole("heading", { level: 1, name: "Element (i)" })).toBeVisible();
    await expect(page.locator(".element-text")).toContainText("Effective protection of the human rights");
    const addressed = page.getByRole("region", { name: "Organisations and demands addressing it" });
    await expect(addressed.getByRole("link", { name: "Global Coalition on Migration" })).toBeVisible();
    expect(await addressed.getByRole("heading", { level: 3 }).count()).toBeGreaterThan(5);
    await expect(addressed.locator(".stance-advance").first()).toContainText("advance");
    await expectAccessible(page);
  });

  test("organisations list and an organisation's demands with their sources", async ({ page }) => {
    await page.goto("/organisations");
    expect(await page.getByRole("row").count()).toBeGreaterThan(20);
    await expectAccessible(page);
    await page.getByRole("link", { name: /Global Coalition on Migration/ }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: /Global Coalition on Migration/ })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Positions and demands" })).toBeVisible();
    await expect(page.locator(".position cite").first()).toBeVisible();
    await expect(page.locator(".demand-elements a").first()).toHaveAttribute("href", /\/elements\/[a-x]$/);
    await expectAccessible(page);
  });

  test("drafts list the successive texts", async ({ page }) => {
    await page.goto("/drafts");
    const zero = page.getByRole("row").filter({ hasText: "Zero draft" }).first();
    await expect(zero).toContainText("5 Feb 2018");
    await expect(zero).toContainText("22");
    await expect(page.getByRole("row").filter({ hasText: "Agreed text" })).toContainText("13 July 2018");
    await expectAccessible(page);
  });

  test("switching to French keeps the page and sets the language", async ({ page }) => {
    await page.goto("/timeline?region=africa");
    await page.getByRole("link", { name: "Français" }).click();
    await expect(page).toHaveURL(/\/timeline\?region=africa$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Timeline");
    await expect(page.getByRole("link", { name: "Français" })).toHaveAttribute("aria-current", "true");
    await expectAccessible(page);
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  });

  test("the browser's language is used when none was chosen", async ({ browser }) => {
    const context = await browser.newContext({ locale: "es-ES" });
    const page = await context.newPage();
    await page.goto("/elements");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await context.close();
  });
});

test.describe("bad addresses and bad input", () => {
  test("an unknown consultation is a 404 page in the reader's language", async ({ page }) => {
    const response = await page.goto("/consultations/no-such-meeting");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expectAccessible(page);
  });

  test("the sign-in page leads to the forgotten-password page, which says whom to ask without email", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Forgotten password" })).toBeVisible();
    await expect(page.getByText("does not send email")).toBeVisible();
    await expectAccessible(page);
  });

  test("an unknown page is a 404", async ({ page }) => {
    const response = await page.goto("/nowhere/at/all");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  });

  test("a malformed filter is a 400 that says what was wrong", async ({ page }) => {
    const response = await page.goto("/timeline?region=atlantis");
    expect(response?.status()).toBe(400);
    await expect(page.getByRole("heading", { level: 1, name: "The request could not be understood" })).toBeVisible();
    await expect(page.getByText("“atlantis” is not a known value")).toBeVisible();
    const date = await page.goto("/?as_of=2017-13-45");
    expect(date?.status()).toBe(400);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  for (const [url, text] of [
    ["/", "Latest timeline changes"],
    ["/timeline", "Preparatory stocktaking meeting"],
    ["/consultations/stocktaking-puerto-vallarta", "Cancún → Puerto Vallarta"],
    ["/elements", "Effective protection of the human rights"],
    ["/elements/i", "Organisations and demands addressing it"],
    ["/organisations", "Global Coalition on Migration"],
    ["/drafts", "Zero Draft Plus"],
  ] as const) {
    test(`${url} shows its content`, async ({ page }) => {
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      await expect(page.getByText(text).first()).toBeVisible();
    });
  }

  test("filters and the as-of date work as plain forms", async ({ page }) => {
    await page.goto("/timeline");
    await page.getByLabel("Kind").selectOption({ label: "Negotiation round" });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByRole("status")).toHaveText("Consultations shown: 6");
    await page.goto("/?as_of=2018-03-01");
    await expect(page.locator(".process-status")).toContainText("Phase III: Intergovernmental negotiations, in progress");
  });

  test("the language switch works without JavaScript", async ({ page }) => {
    await page.goto("/elements");
    await page.getByRole("link", { name: "Español" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page).toHaveURL(/\/elements$/);
  });
});
