import { expect, test } from "@playwright/test";
import SwaggerParser from "@apidevtools/swagger-parser";

// The document the app serves is a valid OpenAPI document (checked by an independent
// validator), and what it promises is what a client gets. (server/tests/openapi.rs walks every
// operation; this checks the document itself and one round trip from outside the Rust suite.)
test.describe("the open data API", () => {
  test("serves a valid OpenAPI 3.1 document describing the public record", async ({ request }) => {
    const response = await request.get("/api/openapi.json");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/json");
    const doc = await response.json();
    expect(doc.openapi).toMatch(/^3\.1\./);
    // validate() throws, naming the problem, if the document breaks the specification.
    const api = await SwaggerParser.validate(structuredClone(doc));
    const paths = Object.keys(api.paths ?? {});
    for (const resource of ["timeline", "consultations", "elements", "organisations", "positions", "demands", "drafts", "assessments", "scorecard/overview"]) {
      expect(paths).toContain(`/api/v1/${resource}`);
    }

    // One documented call from outside: the organisations' list says its total and pages.
    const list = await request.get("/api/v1/organisations?region=europe");
    expect(list.status()).toBe(200);
    const page = await list.json();
    expect(page.page).toBe(1);
    expect(page.total).toBe(page.items.length);
    expect(page.items.every((o: { region: string }) => o.region === "europe")).toBe(true);

    // A malformed query is refused with the parameter named.
    const refused = await request.get("/api/v1/organisations?page=0");
    expect(refused.status()).toBe(400);
    expect((await refused.json()).error).toContain("page");
  });
});
