import { test, expect } from "@playwright/test";
import { expectAccessible, signedIn } from "./helpers";

const POSITION = "/positions/coalition-faq-2017-asks";

test.describe("following and notifications", () => {
  test("a member follows an organisation and chooses how they are told; the pages pass axe", async ({ browser }) => {
    const member = await signedIn(browser, "other-member@demo.invalid");
    await member.goto("/organisations/picum");
    const follow = member.locator("form.follow button");
    // Following is a plain form: it works before (and without) the page's JavaScript.
    await expect(follow).toHaveText(/^(Follow|Stop following)$/);
    if ((await follow.textContent()) === "Stop following") {
      await follow.click();
      await expect(member.locator("form.follow button")).toHaveText("Follow");
    }
    await member.locator("form.follow button").click();
    await expect(member).toHaveURL(/\/organisations\/picum$/);
    await expect(member.locator("form.follow button")).toHaveText("Stop following");
    await expectAccessible(member);

    await member.getByRole("link", { name: /^Notifications/ }).click();
    await expect(member.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
    // The server under test has no SMTP_URL, and the page says what that means.
    await expect(member.getByText("This tracker sends no email at present")).toBeVisible();
    await expectAccessible(member);
    const replies = member.getByRole("group", { name: "A reply to your comment" });
    await replies.getByLabel("Only on this page").check();
    await member.getByLabel("Language of the emails").selectOption("fr");
    await member.getByRole("button", { name: "Save" }).click();
    await expect(member.getByRole("status")).toHaveText("Saved.");
    await expect(member.getByRole("group", { name: "A reply to your comment" }).getByLabel("Only on this page")).toBeChecked();
    await expect(member.getByLabel("Language of the emails")).toHaveValue("fr");
    await expectAccessible(member);

    // The public has no notifications: the page asks to sign in, and the server refuses the form.
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto("/organisations/picum");
    await expect(visitor.locator("form.follow")).toHaveCount(0);
    const refused = await visitor.request.post("/follow", {
      form: { kind: "organisation", key: "picum", on: "1", back: "/organisations/picum" },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(401);
  });

  test("a reply to a member's comment shows in their header and list until marked read", async ({ browser }) => {
    const member = await signedIn(browser, "member@demo.invalid");
    await member.goto(POSITION);
    const text = `Ask for firewalls in every service ${Date.now()}`;
    await member.locator("#f-body-general").fill(text);
    await member.getByRole("button", { name: "Post" }).last().click();
    await expect(member.locator(".comment").filter({ hasText: text })).toBeVisible();

    const coordinator = await signedIn(browser, "coordinator@demo.invalid");
    await coordinator.goto(POSITION);
    const theirs = coordinator.locator(".comment").filter({ hasText: text }).first();
    await theirs.getByText("Reply", { exact: true }).first().click();
    await theirs.getByLabel("Your comment").first().fill("The draft names basic services.");
    await theirs.getByRole("button", { name: "Post" }).first().click();
    await expect(coordinator.getByText("The draft names basic services.").first()).toBeVisible();

    await member.goto("/notifications");
    await expect(member.getByRole("link", { name: /^Notifications \(\d+ unread\)$/ })).toBeVisible();
    const item = member.locator("li.notification.unread").filter({ hasText: "A reply to your comment" }).first();
    await expect(item).toBeVisible();
    await expectAccessible(member);
    await item.getByRole("link").click();
    await expect(member).toHaveURL(/\/positions\/coalition-faq-2017-asks/);

    await member.goto("/notifications");
    await member.getByRole("button", { name: "Mark all as read" }).click();
    await expect(member.getByRole("heading", { level: 2, name: "0 unread" })).toBeVisible();
    await expect(member.locator("li.notification.unread")).toHaveCount(0);
    await expect(member.getByRole("link", { name: "Notifications", exact: true })).toBeVisible();
  });

  test("the unsubscribe page works without signing in and says when a link is unknown", async ({ page }) => {
    await page.goto(`/unsubscribe/${"0".repeat(64)}`);
    await expect(page.getByRole("heading", { level: 1, name: "Stop these emails" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Stop these emails" }).click();
    await expect(page.getByRole("alert")).toContainText("This link is not known here, so nothing was changed.");
    await expectAccessible(page);
    await page.goto(`/unsubscribe/${"0".repeat(64)}?done`);
    await expect(page.getByRole("status")).toHaveText("Done: these emails will no longer be sent.");
    await expectAccessible(page);
  });
});
