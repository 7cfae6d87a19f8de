import { expect, test, type Page } from "@playwright/test";
import { signedIn } from "./helpers";

// A corpus of XSS payloads put into every text field a user can fill (every text input and
// textarea of every form: the record, the timeline, phases, drafts, invitations, comments and
// moderation), submitted, then read back in Chromium where the text is shown: on the page the
// form leads to (the saved record, or the form again with what was typed kept) and on the
// public pages. No dialog may open, no payload may run (`window.__xss`), and no element the
// payloads carry (event-handler attributes, javascript: addresses, frames) may be in the page,
// even where the Content-Security-Policy would have stopped it from running.

const PAYLOADS = [
  `<script>window.__xss=1;alert(1)</script>`,
  `<img src=x onerror="window.__xss=1;alert(2)">`,
  `"><svg onload=alert(3)>`,
  `'><iframe src="javascript:alert(4)">`,
  `</textarea><script>alert(5)</script>`,
  `</title><script>alert(6)</script>`,
  `[click](javascript:alert(7))`,
  `<a href="javascript:alert(8)">link</a>`,
  `<details open ontoggle=alert(9)>`,
  `<math><mtext></form><form><mglyph><style></math><img src onerror=alert(10)>`,
  `<noscript><p title="</noscript><img src=x onerror=alert(11)>">`,
  `<svg><a xlink:href="javascript:alert(12)"><text y="20">x</text></a></svg>`,
  `<meta http-equiv="refresh" content="0;url=javascript:alert(13)">`,
  `<base href="javascript:alert(14)//">`,
  `[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxNSk8L3NjcmlwdD4=)`,
  `{{constructor.constructor('alert(16)')()}}`,
  `<style>*{background:url("javascript:alert(17)")}</style>`,
  `\u202e<svg/onload=alert(18)>`,
];

/** The payloads in groups short enough for a title field (120 characters at most). */
function chunks(): string[] {
  const out: string[] = [];
  let current = "";
  for (const p of PAYLOADS) {
    if (current && current.length + p.length + 1 > 120) {
      out.push(current);
      current = "";
    }
    current = current ? `${current} ${p}` : p;
  }
  if (current) out.push(current);
  return out;
}

/** Every dialog that opened, on any page (each is dismissed). */
const dialogs: string[] = [];

function noDialogs(page: Page) {
  page.on("dialog", async (dialog) => {
    dialogs.push(`${page.url()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
}

/** What of the payloads made it into the page as markup, or ran. */
async function injected(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    if ((window as unknown as { __xss?: number }).__xss) found.push("a payload ran");
    for (const el of Array.from(document.querySelectorAll("*"))) {
      for (const a of Array.from(el.attributes)) {
        if (a.name.startsWith("on")) found.push(`<${el.tagName} ${a.name}>`);
        if (/^(href|src|action|formaction|xlink:href|data)$/.test(a.name) && /^\s*(javascript|vbscript|data):/i.test(a.value))
          found.push(`<${el.tagName} ${a.name}="${a.value.slice(0, 40)}">`);
      }
      if (/^(IFRAME|OBJECT|EMBED|BASE|FRAME)$/.test(el.tagName)) found.push(`<${el.tagName}>`);
      if (el.tagName === "META" && el.getAttribute("http-equiv")?.toLowerCase() === "refresh") found.push("<META refresh>");
    }
    for (const s of Array.from(document.scripts)) {
      if (/alert\(|__xss/.test(s.textContent ?? "")) found.push("a script with a payload");
    }
    for (const s of Array.from(document.querySelectorAll("style"))) {
      if (/javascript:/.test(s.textContent ?? "")) found.push("a style with a payload");
    }
    return found;
  });
}

async function expectClean(page: Page, where: string) {
  expect(await injected(page), `${where}: ${page.url()}`).toEqual([]);
  expect(dialogs, "no dialog opened").toEqual([]);
}

/**
 * Fills every text input and textarea of the form `form` on the current page with `text`
 * (cut to the field's maxlength; `slug` fields get `slug`, address fields a valid address
 * carrying the text), submits it, and checks the page it leads to.
 */
async function submitEverywhere(page: Page, form: string, text: string, slug: string) {
  const fields = page.locator(
    `${form} input[type=text], ${form} input:not([type]), ${form} input[type=url], ${form} input[type=email], ${form} textarea`,
  );
  const count = await fields.count();
  expect(count, `${form} on ${page.url()} has text fields`).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const field = fields.nth(i);
    const name = (await field.getAttribute("name")) ?? "";
    const type = (await field.getAttribute("type")) ?? "text";
    const max = Number((await field.getAttribute("maxlength")) ?? "100000");
    let value = text.slice(0, max);
    if (name === "slug") value = slug;
    else if (type === "url") value = `https://example.org/?q=${encodeURIComponent(text)}`.slice(0, max);
    else if (type === "email") value = `${slug}@example.org`;
    await field.fill(value);
  }
  await page.locator(`${form} button[type=submit]`).first().click();
  await page.waitForLoadState("load");
  await expectClean(page, `after submitting ${form}`);
}

test("XSS payloads in every text field run nowhere", async ({ browser }) => {
  test.setTimeout(240_000);
  const coordinator = await signedIn(browser, "coordinator@demo.invalid");
  const member = await signedIn(browser, "member@demo.invalid");
  const reader = await (await browser.newContext()).newPage();
  for (const page of [coordinator, member, reader]) noDialogs(page);

  const groups = chunks();
  let submitted = 0;
  const shown = new Set<string>(["/", "/timeline", "/organisations", "/drafts", "/scorecard", "/accounts", "/moderation"]);
  for (const [n, text] of groups.entries()) {
    const forms: [Page, string, string][] = [
      [coordinator, "/organisations/new", `xss-org-${n}`],
      [coordinator, "/timeline/new", `xss-consultation-${n}`],
      [coordinator, "/phases/new", `xss-phase-${n}`],
      [coordinator, "/drafts/new", `xss-draft-${n}`],
      [coordinator, "/accounts", `xss-invite-${n}`],
      [member, "/organisations/picum/positions/new", `xss-position-${n}`],
    ];
    for (const [page, address, slug] of forms) {
      await page.goto(address);
      const form = address === "/accounts" ? `main form[action="/accounts/invite"]` : `main form[method="post"]`;
      await submitEverywhere(page, form, text, slug);
      submitted++;
      const path = new URL(page.url()).pathname;
      // Where a saved record is shown (a refused form stays at the address it was posted to).
      if (!path.endsWith("/new") && !path.startsWith("/accounts/")) shown.add(path);
    }
    // A demand on the member's new position (if it was saved), with the payloads in its text.
    const position = `/positions/xss-position-${n}`;
    await member.goto(`${position}/demands/new`);
    if ((await member.locator(`main form[method="post"]`).count()) > 0) {
      await submitEverywhere(member, `main form[method="post"]`, text, `xss-demand-${n}`);
      submitted++;
      shown.add(position);
    }
  }

  // Comments take the whole corpus at once (one comment, one reply: the flood limit holds).
  const everything = PAYLOADS.join("\n\n");
  const thread = "/positions/coalition-faq-2017-asks";
  await member.goto(thread);
  await submitEverywhere(member, `form[action="${thread}/comments"]:has(input[value="general"])`, everything, "");
  await expect(member, "the comment with every payload was saved").toHaveURL(/#comment-\d+$/);
  submitted++;
  // The coordinator hides one comment, with the payloads as the public reason.
  await coordinator.goto(thread);
  const hide = coordinator.locator(`form[action$="/hide"]`).last();
  await hide.evaluate((f) => f.closest("details")?.setAttribute("open", ""));
  await submitEverywhere(coordinator, `form[action="${await hide.getAttribute("action")}"]`, groups[0], "");
  submitted++;
  shown.add(thread);

  const signedInOnly = ["/accounts", "/moderation"];
  for (const address of shown) {
    for (const page of signedInOnly.includes(address) ? [coordinator] : [reader, coordinator]) {
      await page.goto(address);
      await expectClean(page, "reading");
    }
  }
  console.log(`XSS: ${PAYLOADS.length} payloads in ${submitted} submissions, read back on ${shown.size} pages`);
});
