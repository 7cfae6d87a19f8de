import { test, expect } from "@playwright/test";
import { expectAccessible, signedIn } from "./helpers";

test.describe("the record: members draft, coordinators publish", () => {
  test("a member drafts a position with a demand; it stays private until a coordinator publishes it", async ({ browser }) => {
    const slug = `picum-draft-${Date.now()}`;
    const member = await signedIn(browser, "member@demo.invalid");
    await member.goto("/organisations/picum");
    await member.getByRole("link", { name: "Draft a position" }).click();
    await expectAccessible(member);
    await member.getByLabel("Title").fill("Firewall between services and enforcement");
    await member.getByLabel("Address", { exact: true }).fill(slug);
    await member.getByLabel("Published on").fill("2018-03-01");
    await member.getByRole("button", { name: "Save" }).click();
    await expect(member).toHaveURL(new RegExp(`/positions/${slug}$`));
    await expect(member.getByText("This position is a draft")).toBeVisible();

    await member.getByRole("link", { name: "Add a demand" }).click();
    await member.getByLabel("The demand, in our words").fill("Public services must not pass migrants' data to immigration enforcement.");
    await member.getByLabel("Address", { exact: true }).fill(`${slug}-1`);
    await member.getByLabel("(i)", { exact: true }).selectOption("advance");
    await member.getByLabel("(s)", { exact: true }).selectOption("limit");
    await expectAccessible(member);
    await member.getByRole("button", { name: "Save" }).click();
    await expect(member.locator(".demands")).toContainText("must not pass migrants' data");
    await expect(member.locator(".demands")).toContainText("(i) advance");

    // The public does not see the draft, not even its address.
    const visitor = await (await browser.newContext()).newPage();
    const hidden = await visitor.goto(`/positions/${slug}`);
    expect(hidden?.status()).toBe(404);

    // A member cannot publish; a coordinator does, from the moderation page's draft list.
    await expect(member.getByRole("button", { name: "Publish" })).toHaveCount(0);
    const coordinator = await signedIn(browser, "coordinator@demo.invalid");
    await coordinator.goto("/moderation");
    await coordinator.getByRole("link", { name: "Firewall between services and enforcement" }).first().click();
    await coordinator.getByRole("button", { name: "Publish" }).click();
    await expect(coordinator.getByText("This position is a draft")).toHaveCount(0);

    const published = await visitor.goto(`/positions/${slug}`);
    expect(published?.status()).toBe(200);
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("Firewall between services and enforcement");
    await visitor.goto("/elements/i");
    await expect(visitor.getByText("must not pass migrants' data")).toBeVisible();
  });

  test("a demand without any element is refused next to the stances, keeping the text", async ({ browser }) => {
    const coordinator = await signedIn(browser, "coordinator@demo.invalid");
    await coordinator.goto("/positions/coalition-faq-2017-asks/demands/new");
    await coordinator.getByLabel("The demand, in our words").fill("Text that must survive the refusal");
    await coordinator.getByLabel("Address", { exact: true }).fill(`no-elements-${Date.now()}`);
    await coordinator.getByRole("button", { name: "Save" }).click();
    await expect(coordinator.getByRole("alert").first()).toContainText("Nothing was saved");
    await expect(coordinator.locator(".stances .field-error")).toHaveText("a value is required.");
    await expect(coordinator.getByLabel("The demand, in our words")).toHaveValue("Text that must survive the refusal");
  });

  test("a coordinator edits an organisation and its coalitions", async ({ browser }) => {
    const coordinator = await signedIn(browser, "coordinator@demo.invalid");
    await coordinator.goto("/organisations/picum");
    await coordinator.getByRole("link", { name: "Edit this organisation" }).click();
    await expectAccessible(coordinator);
    await coordinator.getByLabel("Country").fill("Belgium");
    await coordinator.getByRole("button", { name: "Save" }).click();
    await expect(coordinator).toHaveURL(/\/organisations\/picum$/);
    await expect(coordinator.locator(".facts").first()).toContainText("Belgium");
  });
});
