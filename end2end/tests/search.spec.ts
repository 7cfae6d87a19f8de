import { test, expect } from "@playwright/test";
import { expectAccessible } from "./helpers";

const FIREWALLS = "/positions/coalition-hrc34-statement-2017#coalition-hrc-firewalls";

test.describe("searching the record", () => {
  test("a reader searches from the header, reads the marked passage and narrows by kind", async ({ page }) => {
    await page.goto("/timeline");
    await page.getByRole("searchbox", { name: "Search the record" }).fill("firewalls");
    await page.getByRole("searchbox", { name: "Search the record" }).press("Enter");
    await expect(page).toHaveURL(/\/search\?q=firewalls/);
    await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
    const result = page.locator(`.search-result:has(a[href="${FIREWALLS}"])`);
    await expect(result).toBeVisible();
    await expect(result.locator("mark").first()).toHaveText(/firewalls/i);
    await expectAccessible(page);

    const form = page.getByRole("search", { name: "Search", exact: true });
    await form.getByLabel("Kind").selectOption({ label: "Position" });
    await form.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/kind=position/);
    await expect(page.locator(`a[href="${FIREWALLS}"]`)).toHaveCount(0);
    await expect(page.locator(".result-kind").first()).toContainText("Position");
  });

  test("a query too long is refused next to the box, what was typed kept", async ({ page }) => {
    const typed = "detention ".repeat(25).trim();
    const response = await page.goto(`/search?q=${encodeURIComponent(typed)}`);
    expect(response?.status()).toBe(400);
    await expect(page.locator("#f-q")).toHaveValue(typed);
    await expect(page.locator("#e-q")).toBeVisible();
    await expectAccessible(page);
  });

  for (const [lang, heading] of [["fr", "Recherche"], ["es", "Búsqueda"]] as const) {
    test(`the search finds a demand in ${lang}`, async ({ page, context, baseURL }) => {
      await context.addCookies([{ name: "i18n_pref_locale", value: lang, url: baseURL! }]);
      await page.goto("/search?q=firewalls");
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expect(page.locator(`a[href="${FIREWALLS}"]`)).toBeVisible();
      await expectAccessible(page);
    });
  }
});

test.describe("searching without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the header's box and the page's filters are plain forms", async ({ page }) => {
    await page.goto("/elements");
    await page.getByRole("searchbox", { name: "Search the record" }).fill("detention commitments");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/search\?q=detention\+commitments/);
    await expect(page.getByRole("status")).toContainText("results");
    await page.getByRole("search", { name: "Search", exact: true }).getByLabel("Element").selectOption({ label: "(i)" });
    await page.getByRole("search", { name: "Search", exact: true }).getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/element=i/);
    await expect(page.locator("a[href$='#idc-zd-strengthen-detention']")).toBeVisible();
  });
});
