import { test, expect } from "@playwright/test";
import { DEMO_PASSWORD, expectAccessible, signIn, signedIn } from "./helpers";

const COORDINATOR = "coordinator@demo.invalid";
const PASSWORD = DEMO_PASSWORD;

test.describe("coordinators keep the timeline true", () => {
  test("signing in: a wrong password keeps the email and says so; the pages pass axe", async ({ page }) => {
    await page.goto("/login");
    await expectAccessible(page);
    await page.getByLabel("Email").fill(COORDINATOR);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toContainText("The email or the password is not right.");
    await expect(page.getByLabel("Email")).toHaveValue(COORDINATOR);
    await expect(page.getByLabel("Password")).toHaveValue("");
    await expectAccessible(page);

    // Keyboard only: type the password and press Enter.
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByLabel("Password").press("Enter");
    await expect(page.getByRole("link", { name: /Demo Coordinator \(coordinator\)/ })).toBeVisible();
    await page.getByRole("link", { name: /Demo Coordinator/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  });

  test("a coordinator moves the stocktaking; the history and the Atom feed show it", async ({ page, request }) => {
    await signIn(page, COORDINATOR, "/consultations/stocktaking-puerto-vallarta");
    await page.getByRole("link", { name: "Edit this consultation" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /^Edit:/ })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("City", { exact: true }).fill("Guadalajara");
    await page.getByLabel("Starts on").fill("2017-12-11");
    await page.getByLabel("Ends on").fill("2017-12-13");
    await page.getByLabel(/^Why/).fill("Moved by the co-facilitators");
    await page.getByRole("button", { name: "Save" }).click();

    await expect(page).toHaveURL(/\/consultations\/stocktaking-puerto-vallarta$/);
    const history = page.getByRole("region", { name: "History" });
    await expect(history).toContainText("Puerto Vallarta → Guadalajara");
    await expect(history).toContainText("Moved by the co-facilitators");
    await expect(history).toContainText("a coordinator");

    // The public (no cookies) sees the change in the feed.
    const feed = await request.get("/feed.atom", { headers: { cookie: "" } });
    expect(feed.status()).toBe(200);
    expect(feed.headers()["content-type"]).toContain("application/atom+xml");
    const xml = await feed.text();
    expect(xml).toContain("Puerto Vallarta → Guadalajara");
    const calendar = await (await request.get("/calendar.ics?kind=stocktaking")).text();
    expect(calendar).toContain("LOCATION:Guadalajara\\, Mexico");
  });

  test("bad dates are refused next to the field, keeping what was typed", async ({ browser }) => {
    const page = await signedIn(browser, COORDINATOR);
    await page.goto("/consultations/regional-asia-pacific-bangkok/edit");
    await page.getByLabel("City", { exact: true }).fill("Somewhere typed");
    await page.getByLabel("Starts on").fill("2017-11-10");
    await page.getByLabel("Ends on").fill("2017-11-01");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("alert")).toContainText("Nothing was saved");
    await expect(page.getByLabel("Ends on")).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#e-ends_on")).toHaveText("the end date is before the start date.");
    await expect(page.getByLabel("City", { exact: true })).toHaveValue("Somewhere typed");
    await expectAccessible(page);
  });

  test("two coordinators editing the same consultation: the second gets the conflict page", async ({ browser }) => {
    const first = await signedIn(browser, COORDINATOR);
    const second = await signedIn(browser, COORDINATOR);
    await first.goto("/consultations/regional-unece/edit");
    await second.goto("/consultations/regional-unece/edit");

    await first.getByLabel("City", { exact: true }).fill("Geneva");
    await first.getByRole("button", { name: "Save" }).click();
    await expect(first).toHaveURL(/\/consultations\/regional-unece$/);

    await second.getByLabel("City", { exact: true }).fill("Vienna");
    await second.getByRole("button", { name: "Save" }).click();
    await expect(second.getByRole("alert")).toContainText("Someone else saved this record");
    const table = second.getByRole("region", { name: "Their saved values and yours" });
    await expect(table.getByRole("row", { name: /City/ })).toContainText("Geneva");
    await expect(table.getByRole("row", { name: /City/ })).toContainText("Vienna");
    await expect(second.getByLabel("City", { exact: true })).toHaveValue("Vienna");
    await expectAccessible(second);

    // Nothing was overwritten: the public page still says Geneva.
    const pub = await browser.newPage();
    await pub.goto("/consultations/regional-unece");
    await expect(pub.locator(".facts")).toContainText("Geneva");

    // Saving again, knowingly, merges on top of the latest version.
    await second.getByRole("button", { name: "Save" }).click();
    await expect(second).toHaveURL(/\/consultations\/regional-unece$/);
    await expect(second.locator(".facts")).toContainText("Vienna");
  });

  test("the public cannot post: the server refuses, not just the page", async ({ page, request }) => {
    await page.goto("/timeline/new");
    await expect(page.getByRole("heading", { level: 1, name: "Sign-in required" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
    const response = await request.post("/consultations/regional-lac/edit", {
      form: { version: "1", title: "Hijacked", slug: "regional-lac", kind: "regional_intergovernmental",
        starts_on: "2017-09-01", precision: "day", region: "latin_america_caribbean",
        civil_society_access: "open", status: "held" },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(401);
    await page.goto("/consultations/regional-lac");
    await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Hijacked");
    const forged = await request.post("/login", {
      form: { email: COORDINATOR, password: PASSWORD },
      headers: { origin: "https://evil.example" },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
  });

  test("the phase editor and the moderation queue pass axe", async ({ browser }) => {
    const page = await signedIn(browser, COORDINATOR);
    await page.goto("/timeline");
    await page.getByRole("link", { name: "Edit this phase" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: /^Edit:/ })).toBeVisible();
    await expectAccessible(page);
    await page.goto("/moderation");
    await expect(page.getByRole("heading", { level: 1, name: "Reported comments" })).toBeVisible();
    await expectAccessible(page);
  });

  test("an expired session says so", async ({ page, context }) => {
    const url = `http://127.0.0.1:${process.env.E2E_PORT ?? 3917}`;
    await context.addCookies([{ name: "tracker_session", value: "long-gone", url }]);
    await page.goto("/timeline");
    await expect(page.getByText("Your session has expired")).toBeVisible();
    await expectAccessible(page);
    await page.reload();
    await expect(page.getByText("Your session has expired")).toHaveCount(0);
  });
});
