import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signIn } from "./helpers";

const COORDINATOR = "coordinator@demo.invalid";
const SIMN = "Scalabrini International Migration Network";

// A revision as a coordinator would paste it: objectives and numbered paragraphs.
const TEXT = `# Preamble

1. We, the Heads of State and Government, have gathered in Marrakech.

Objective 7: Address and reduce vulnerabilities in migration

23. We commit to respond to the needs of migrants who face situations of vulnerability.

Objective 13: Use migration detention only as a measure of last resort and work towards alternatives

29. We commit to ensure that any detention in the context of international migration follows due process, is non-arbitrary, and is used as a measure of last resort.

Objective 15: Provide access to basic services for migrants

31. We commit to ensure that all migrants, regardless of their migration status, can exercise their human rights through safe access to basic services.
`;

/** The Scalabrini network's row of the matrix: its "all elements" cell (the organisation's score). */
function simnScore(page: Page) {
  return page.locator("table.matrix tbody tr", { has: page.getByRole("rowheader", { name: SIMN }) }).locator("td").first();
}

test.describe("coordinators score a new draft", () => {
  test("a coordinator pastes a revision and rates three demands; the public scorecard, matrix and trend change", async ({
    page,
    browser,
  }) => {
    // eleven page loads and three saves: beside the other workbench tests it takes 20-35 s here
    test.setTimeout(90_000);
    await signIn(page, COORDINATOR, "/drafts");
    await page.getByRole("link", { name: "Enter a draft" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Enter a draft" })).toBeVisible();
    await expectAccessible(page);

    // A text without sections is refused next to the field, keeping what was pasted.
    await page.getByLabel("Draft", { exact: true }).fill("Revision 4 (test)");
    await page.getByLabel("Address", { exact: true }).fill("revision-4-test");
    await page.getByLabel("Released").fill("2018-07-20");
    await page.getByLabel("Text of the draft").fill("Prose without any numbered section.");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText(/no numbered paragraph/)).toBeVisible();
    await expect(page.getByLabel("Text of the draft")).toHaveValue("Prose without any numbered section.");
    await expect(page.getByLabel("Address", { exact: true })).toHaveValue("revision-4-test");
    await expectAccessible(page);

    await page.getByLabel("Text of the draft").fill(TEXT);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page).toHaveURL(/\/drafts\/revision-4-test$/);
    await expect(page.getByRole("heading", { name: /^Objective 13: Use migration detention/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Paragraph 29" })).toBeVisible();

    // Before any rating, the public sees no score for the new draft.
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto("/scorecard/matrix?draft=revision-4-test");
    await expect(simnScore(visitor)).toContainText("No score");

    // The assessing page: the network's demands not yet rated, the previous draft's rating beside each.
    await page.getByRole("link", { name: "Rate the demands against this draft" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /^Rate the demands against Revision 4/ })).toBeVisible();
    await page.getByLabel("Organisation", { exact: true }).selectOption({ label: SIMN });
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/organisation=scalabrini-international-migration-network/);
    await expectAccessible(page);
    const pending = page.locator("p.lead");
    const before = Number((await pending.textContent())?.match(/^(\d+)/)?.[1]);
    expect(before).toBeGreaterThanOrEqual(3);
    await expect(page.locator(".work-item .previous").first()).toContainText("On Agreed text:");

    const ratings = ["Met", "Met", "Partly met"];
    for (const [i, rating] of ratings.entries()) {
      const item = page.locator(".work-item").first();
      const demand = (await item.locator("h2").textContent())?.trim() ?? "";
      await item.getByRole("radio", { name: rating, exact: true }).check();
      await item.getByLabel("Section cited").selectOption("objective-13");
      await item.getByLabel(/^Evidence/).fill("used as a measure of last resort");
      await item.getByLabel(/^Why this rating/).fill(`Rated in the browser test (${i + 1})`);
      await item.getByRole("button", { name: "Save the rating" }).click();
      await expect(page.locator(".notice-ok")).toContainText(`Saved the rating of: ${demand.slice(0, 40)}`);
      await expect(page.locator(".work-item h2", { hasText: demand })).toHaveCount(0);
    }

    // The public scorecard (the newest draft by default), the matrix cell and the network's trend.
    await visitor.goto("/scorecard");
    await expect(visitor.locator("#f-draft")).toHaveValue("revision-4-test");
    await expect(visitor.locator(".overall")).toContainText("(from 3 assessed demands)");
    await expect(visitor.locator(".big-score").first()).toContainText("+0.83");
    await expectAccessible(visitor);
    await visitor.goto("/scorecard/matrix?draft=revision-4-test");
    await expect(simnScore(visitor)).toContainText("+0.83");
    await visitor.goto("/organisations/scalabrini-international-migration-network");
    const trend = visitor.locator("details", { hasText: "The figures in a table" });
    await trend.locator("summary").click();
    await expect(trend.getByRole("row", { name: /Revision 4 \(test\)/ })).toContainText("+0.83");
  });
});
