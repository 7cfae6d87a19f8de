import { test, expect } from "@playwright/test";
import { expectAccessible, signedIn } from "./helpers";

const POSITION = "/positions/coalition-faq-2017-asks";

test.describe("members argue positions; coordinators moderate and invite", () => {
  test("a member comments on a position and a coordinator hides the comment", async ({ browser }) => {
    const member = await signedIn(browser, "member@demo.invalid");
    await member.goto(POSITION);
    await expect(member.getByRole("heading", { level: 1 })).toHaveText(/What the Global Compact could do/);
    const text = `Keep the **firewall** between services and enforcement ${Date.now()}`;
    // With JavaScript, the field counts characters as they are typed (retried until hydrated).
    const counter = member.locator(".field", { has: member.locator("#f-body-general") }).locator(".counter");
    await expect(async () => {
      await member.locator("#f-body-general").fill(text);
      await expect(counter).toHaveText(`${text.length} of 5000 characters`, { timeout: 1000 });
    }).toPass({ timeout: 15000 });
    await member.getByRole("button", { name: "Post" }).last().click();
    const mine = member.locator(".comment").filter({ hasText: "between services and enforcement" });
    await expect(mine).toBeVisible();
    await expect(mine.locator("strong", { hasText: "firewall" })).toBeVisible();
    await expect(mine).toContainText("Demo Member (PICUM)");
    await expectAccessible(member);

    const coordinator = await signedIn(browser, "coordinator@demo.invalid");
    await coordinator.goto(POSITION);
    const target = coordinator.locator(".comment").filter({ hasText: "between services and enforcement" });
    await target.getByText("Hide", { exact: true }).first().click();
    await target.getByLabel("Reason (shown in place of the comment)").fill("Off topic for this position");
    await target.locator('form[action$="/hide"] button[type=submit]').first().click();
    await expect(coordinator.locator(".comment").filter({ hasText: "Hidden by a coordinator: Off topic for this position" })).toBeVisible();

    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(POSITION);
    await expect(visitor.getByText("Hidden by a coordinator: Off topic for this position")).toBeVisible();
    await expect(visitor.getByText("between services and enforcement")).toHaveCount(0);
    await expectAccessible(visitor);
  });

  test("an empty comment is refused next to its field", async ({ browser }) => {
    const member = await signedIn(browser, "other-member@demo.invalid");
    await member.goto(POSITION);
    await member.getByRole("button", { name: "Post" }).last().click();
    await expect(member.getByRole("alert")).toContainText("Nothing was saved");
    await expect(member.locator("#e-body-general")).toHaveText("a value is required.");
    await expect(member.locator("#f-body-general")).toHaveAttribute("aria-invalid", "true");
  });

  test("the public reads comments but the server refuses their posts", async ({ page, request }) => {
    await page.goto(POSITION);
    await expect(page.getByText("Members of the coalition can comment once signed in.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Post" })).toHaveCount(0);
    const response = await request.post(`${POSITION}/comments`, { form: { body: "spam" }, maxRedirects: 0 });
    expect(response.status()).toBe(401);
    await page.reload();
    await expect(page.getByText("spam", { exact: true })).toHaveCount(0);
  });

  test("a coordinator invites a person, who sets a password once", async ({ browser }) => {
    const coordinator = await signedIn(browser, "coordinator@demo.invalid");
    await coordinator.getByRole("link", { name: "Accounts" }).click();
    await expect(coordinator.getByRole("heading", { level: 1, name: "Accounts" })).toBeVisible();
    await expectAccessible(coordinator);
    const email = `invitee-${Date.now()}@example.org`;
    const invite = coordinator.getByRole("region", { name: "Invite someone" });
    await invite.getByLabel("Email").fill(email);
    await invite.getByLabel("Name").fill("Invited Person");
    await invite.getByLabel("Role").selectOption({ label: "member" });
    await invite.getByLabel("Organisation").selectOption({ label: "Platform for International Cooperation on Undocumented Migrants" });
    await invite.getByRole("button", { name: "Create the invitation" }).click();
    const link = (await coordinator.locator(".invite-link").textContent()) ?? "";
    expect(link).toMatch(/\/invitations\/[0-9a-f]{64}$/);

    const invitee = await (await browser.newContext()).newPage();
    await invitee.goto(new URL(link).pathname);
    await expectAccessible(invitee);
    await invitee.getByLabel("New password", { exact: true }).fill("a long enough password");
    await invitee.getByLabel("New password again").fill("a long enough password");
    await invitee.getByRole("button", { name: "Open my account" }).click();
    await expect(invitee.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
    await expect(invitee.locator(".facts")).toContainText(email);

    const again = await (await browser.newContext()).newPage();
    await again.goto(new URL(link).pathname);
    await expect(again.getByText("This link has expired or was already used.")).toBeVisible();
  });
});
