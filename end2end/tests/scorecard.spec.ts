import { expect, test } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { expectAccessible } from "./helpers";

test.describe("the public scorecard", () => {
  test("shows the coalition's result, the trend, the elements and the method, and downloads as CSV", async ({ page }) => {
    await page.goto("/scorecard");
    await expect(page.getByRole("heading", { level: 1, name: "Scorecard" })).toBeVisible();
    await expect(page.locator("#f-draft")).toHaveValue("agreed-text");
    await expect(page.getByText(/made by the tracker from public sources documenting each draft's wording/)).toBeVisible();
    await expect(page.getByText(/Which demands a draft counts: those of published positions that address the compact's negotiation/)).toBeVisible();
    await expect(page.getByRole("img", { name: /coalition's score on each draft/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: "By element of the New York Declaration" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Method" })).toBeVisible();
    const score = (await page.locator(".big-score strong").first().textContent())?.trim() ?? "";
    expect(score).toMatch(/^[+\u2212]?\d\.\d\d$/);
    await expectAccessible(page);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator(".overall .downloads").getByRole("link", { name: "CSV" }).click(),
    ]);
    const csv = await readFile((await download.path()) ?? "", "utf8");
    const lines = csv.trim().split("\n");
    const header = lines[0].split(",");
    const coalition = lines.find((l) => l.split(",")[1] === "coalition")?.split(",") ?? [];
    const shown = Number(score.replace("\u2212", "-").replace("+", ""));
    expect(Number(coalition[header.indexOf("score")])).toBeCloseTo(shown, 2);
  });

  test("the matrix links each cell to the demands behind it", async ({ page }) => {
    await page.goto("/scorecard/matrix?draft=revision-2");
    await expect(page.getByRole("table", { name: /Scores by organisation and element, Revision 2/ })).toBeVisible();
    await expectAccessible(page);
    const cell = page.locator("td.cell a").first();
    await cell.click();
    await expect(page).toHaveURL(/\/scorecard\/demands\?draft=revision-2&organisation=.+&element=[a-x]/);
    await expect(page.getByRole("heading", { level: 1, name: /^Demands of .+ on element \([a-x]\)$/ })).toBeVisible();
    await expectAccessible(page);
  });

  test("a reader follows a demand from the matrix to the draft's section and the source of its wording", async ({ page }) => {
    // the Scalabrini network's row on Revision 2, element (i): its child-detention demand
    await page.goto("/scorecard/matrix?draft=revision-2");
    const row = page.getByRole("row", { name: /Scalabrini International Migration Network/ });
    await row.locator("td.cell a").first().click();
    await expect(page).toHaveURL(/\/scorecard\/demands\?draft=revision-2&organisation=scalabrini-international-migration-network&element=/);
    const rated = page.locator("li.rated-demand").filter({ has: page.locator(".evidence") }).first();
    await expect(rated.getByText("Assessed by the tracker from public sources")).toBeVisible();
    await expect(rated.getByText(/Rests on a public source documenting the draft's wording/)).toBeVisible();
    const source = await rated.locator(".basis a").getAttribute("href");
    expect(source).toMatch(/^https?:\/\//);
    await expectAccessible(page);
    // the section cited opens the draft at that section, titled as known for that draft
    await rated.locator(".evidence a").first().click();
    await expect(page).toHaveURL(/\/drafts\/revision-2#(objective|paragraph)-\d+/);
    const anchor = new URL(page.url()).hash.slice(1);
    await expect(page.locator(`[id="${anchor}"]`)).toBeVisible();
    await expect(page.getByText(/The tracker does not hold this draft's text/)).toBeVisible();
    await expect(page.getByRole("heading", { name: "Changes first documented in this draft" })).toBeVisible();
    await expectAccessible(page);
    // and the demand itself, with what its position responds to
    await page.goto("/positions/simn-rev2-round-5");
    await expect(page.getByRole("link", { name: "Revision 2" }).first()).toBeVisible();
    await expect(page.getByText(/Counted in the scorecard of Revision 2, the draft it responds to/)).toBeVisible();
    await expectAccessible(page);
  });

  test("a demand made after a draft is not counted there, and a follow-up position is shown as context", async ({ page }) => {
    await page.goto("/scorecard/demands?draft=zero-draft&organisation=scalabrini-international-migration-network");
    // the network's statements all came after the zero draft's release
    await expect(page.locator("li.rated-demand")).toHaveCount(0);
    await page.goto("/organisations/civil-society-action-committee");
    await expect(page.getByText(/Not scored against the drafts: it addresses the compact's follow-up and review/).first()).toBeVisible();
    await expect(page.getByText("The compact's follow-up and review").first()).toBeVisible();
    await expectAccessible(page);
  });

  test("a visitor compares two drafts: the documented changes with their sources, and objective 23 added", async ({ page }) => {
    await page.goto("/drafts/compare");
    await page.getByLabel("From").selectOption({ label: "Zero draft" });
    await page.getByLabel("To").selectOption({ label: "Agreed text" });
    await page.getByRole("button", { name: "Compare" }).click();
    await expect(page).toHaveURL(/from=zero-draft&to=agreed-text/);
    await expect(page.getByRole("heading", { name: "Changes documented between these drafts" })).toBeVisible();
    const documented = page.locator(".documented-changes li.change");
    expect(await documented.count()).toBeGreaterThanOrEqual(25);
    await expect(documented.filter({ hasText: "Revision 2" }).filter({ hasText: /child detention/i }).first()).toBeVisible();
    await expect(documented.first().locator(".change-source a")).toHaveAttribute("href", /^https?:\/\//);
    const added = page.locator("section.compared.added");
    await expect(added).toHaveCount(1);
    await expect(added.getByRole("heading")).toContainText("Objective 23");
    await expect(page.locator("section.compared.reworded").filter({ hasText: "Objective 21" })).toHaveCount(1);
    await expectAccessible(page);
  });

  test("the change, gaps, draft and organisation pages read well", async ({ page }) => {
    for (const path of ["/scorecard/change?from=zero-draft&to=agreed-text", "/scorecard/gaps", "/drafts/revision-2"]) {
      await page.goto(path);
      await expect(page.locator("h1")).toBeVisible();
      await expectAccessible(page);
    }
    await page.goto("/organisations/international-detention-coalition");
    await expect(page.getByRole("heading", { name: "Scorecard: demands rated draft by draft" })).toBeVisible();
    await expectAccessible(page);
  });

  test("works without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/scorecard?draft=zero-draft");
    await expect(page.locator(".big-score")).toBeVisible();
    await page.locator("#f-draft").selectOption("revision-3");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/draft=revision-3/);
    await expect(page.getByText(/Ratings against Revision 3/)).toBeVisible();
    await context.close();
  });

  test("once the islands are hydrated, the header's links reach every public section", async ({ page }) => {
    const errors: string[] = [];
    page.on("response", (r) => {
      if (r.status() >= 500) errors.push(`${r.status()} ${r.url()}`);
    });
    await page.goto("/");
    // The WebAssembly entry marks the end of hydration (of the islands only: pages are server
    // HTML, and links load the next page from the server).
    await page.waitForFunction(() => performance.getEntriesByName("hydrated").length > 0);
    for (const [link, heading] of [
      ["Timeline", "Timeline"],
      ["The 24 elements", "The 24 elements"],
      ["Organisations", "Organisations"],
      ["Drafts", "Drafts"],
      ["Scorecard", "Scorecard"],
    ]) {
      await page.getByRole("navigation", { name: /main/i }).getByRole("link", { name: link, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    }
    await expect(page.locator(".overall")).toContainText("assessed demands");
    expect(errors).toEqual([]);
  });
});
