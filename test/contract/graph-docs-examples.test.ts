// Microsoft's own examples, replayed: every request of the docs pages of the resources this service
// serves (test/fixtures/graph-docs/*.http, copied from the pages' code blocks with the page and commit
// they came from), sent byte for byte to the real app. Each must answer the documented status, and the
// documented answer's properties must all be there with the documented values. Where an example is an
// artifact of Microsoft's doc generator the replay follows real Graph instead; each such case is noted
// in its fixture (`# note:`) and handled below.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appsPath, createTestApp, type TestApp } from "../helpers/test-app.ts";

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "graph-docs");

interface HttpBlock {
  startLine: string;
  headers: Record<string, string>;
  /** As the page shows it, LF line ends. */
  body: string;
}
interface Fixture {
  page: string;
  source: string;
  commit: string;
  request: HttpBlock;
  response: HttpBlock;
}

function parseBlock(text: string): HttpBlock {
  const [head = "", ...rest] = text.replace(/\n$/, "").split("\n\n");
  const [startLine = "", ...headerLines] = head.split("\n");
  const headers = Object.fromEntries(
    headerLines.map((line) => {
      const colon = line.indexOf(":");
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  return { startLine, headers, body: rest.join("\n\n") };
}

function parseFixture(file: string): Fixture {
  const text = readFileSync(path.join(FIXTURES, file), "utf8");
  const [preamble = "", request = "", response = ""] = text.split(/^### (?:request|response)\n/m);
  const field = (name: string) => preamble.match(new RegExp(`^# ${name}: (.+)$`, "m"))?.[1] ?? "";
  return {
    page: file.replace(/\.http$/, ""),
    source: field("source"),
    commit: field("commit"),
    request: parseBlock(request),
    response: parseBlock(response),
  };
}

// mobileAppInstallStatus pages address statuses under a parent of their own: graph-docs-mobileappinstallstatus.test.ts.
const fixtures = readdirSync(FIXTURES)
  .filter((file) => file.endsWith(".http") && !file.startsWith("intune-apps-mobileappinstallstatus-"))
  .sort()
  .map(parseFixture);
const byPage = new Map(fixtures.map((f) => [f.page, f]));

/** The body as the HTTP example carries it: CRLF line ends, which is what its Content-length counts. */
const wire = (body: string) => body.replaceAll("\n", "\r\n");

/** Server-set properties whose documented values are examples: the answer carries the server's own. */
const SERVER_SET = new Set(["id", "createdDateTime", "lastModifiedDateTime"]);

/** Every documented property is answered with the documented value (`@odata.type` with or without `#`). */
function expectDocumented(answer: unknown, documented: unknown, where: string): void {
  if (documented !== null && typeof documented === "object" && !Array.isArray(documented)) {
    expect(answer, where).toBeTypeOf("object");
    for (const [key, value] of Object.entries(documented)) {
      const at = `${where}.${key}`;
      expect(answer, at).toHaveProperty([key]);
      const actual = (answer as Record<string, unknown>)[key];
      if (SERVER_SET.has(key)) continue;
      if (key === "@odata.type") expect(String(actual).replace(/^#/, ""), at).toBe(String(value).replace(/^#/, ""));
      else expectDocumented(actual, value, at);
    }
    return;
  }
  expect(answer, where).toEqual(documented);
}

/** Kind and operation of a page: intune-apps-<kind>-<operation>. */
function kindOf(page: string): { kind: string; operation: string } {
  const match = page.match(/^intune-apps-(\w+)-(create|get|list|update|delete)$/);
  if (!match) throw new Error(`unexpected page ${page}`);
  return { kind: match[1] as string, operation: match[2] as string };
}

/** Replays a create page's request (the seed of the other pages of its kind); the new item's id. */
async function replayCreate(kind: string, appId?: string): Promise<string> {
  const create = byPage.get(`intune-apps-${kind}-create`);
  if (!create) throw new Error(`no create fixture for ${kind}`);
  const [, url = ""] = create.request.startLine.split(" ");
  const response = await t.call({
    method: "POST",
    url: url.replace("https://graph.microsoft.com", "").replace("{mobileAppId}", appId ?? ""),
    headers: { "content-type": create.request.headers["content-type"] ?? "" },
    payload: wire(create.request.body),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

describe("the fixtures", () => {
  it("cover create, get, list, update and delete of each resource served", () => {
    const expected = ["userappinstallstatus", "webapp", "iosstoreapp", "androidstoreapp"].flatMap((kind) =>
      ["create", "get", "list", "update", "delete"].map((op) => `intune-apps-${kind}-${op}`),
    );
    expect(fixtures.map((f) => f.page)).toEqual(expect.arrayContaining(expected));
  });

  it.each(fixtures)("$page names its source page and commit", ({ page, source, commit }) => {
    expect(source).toBe(`microsoftgraph/microsoft-graph-docs-contrib api-reference/beta/api/${page}.md`);
    expect(commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it.each(fixtures)("$page is a faithful copy: each body is as long as its documented Content-Length", (f) => {
    for (const block of [f.request, f.response]) {
      const documented = block.headers["content-length"];
      if (documented) expect(Buffer.byteLength(wire(block.body))).toBe(Number(documented));
    }
  });
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** No apps left (and so no statuses): a list then answers the one item the example shows. */
async function deleteEveryApp(): Promise<void> {
  const { value } = (await t.call({ method: "GET", url: `${appsPath}?$top=999` })).json();
  for (const app of value as { id: string }[]) {
    expect((await t.call({ method: "DELETE", url: `${appsPath}/${app.id}` })).statusCode).toBe(204);
  }
}

describe.each(fixtures)("$page, replayed", (fixture) => {
  it("answers the documented status with the documented properties and values", async () => {
    await deleteEveryApp();
    const { kind, operation } = kindOf(fixture.page);
    const isStatus = kind === "userappinstallstatus";
    const appId = isStatus ? await t.createApp() : operation === "create" ? undefined : await replayCreate(kind);
    const statusId = isStatus && operation !== "create" ? await replayCreate(kind, appId) : undefined;
    const seeded = isStatus ? statusId : appId;

    const [method = "", documentedUrl = ""] = fixture.request.startLine.split(" ");
    const url = documentedUrl
      .replace("https://graph.microsoft.com", "")
      .replace("{mobileAppId}", appId ?? "")
      .replace("{userAppInstallStatusId}", statusId ?? "");
    const contentType = fixture.request.headers["content-type"];
    const response = await t.call({
      method: method as "GET",
      url,
      ...(contentType ? { headers: { "content-type": contentType }, payload: wire(fixture.request.body) } : {}),
    });
    const documentedStatus = Number(fixture.response.startLine.split(" ")[1]);
    expect(response.statusCode, response.body).toBe(documentedStatus);

    if (operation === "delete") {
      expect(response.body).toBe("");
      const gone = await t.call({ method: "GET", url });
      expect(gone.statusCode).toBe(404);
      return;
    }
    const documented = JSON.parse(fixture.response.body);
    const answer = response.json();
    if (operation === "list") {
      expect(answer.value).toHaveLength(1);
      expect(answer.value[0].id).toBe(seeded);
      expectDocumented(answer.value[0], documented.value[0], "value[0]");
    } else if (operation === "get") {
      // The page wraps the entity in "value" (doc generator); Graph answers the entity itself.
      expect(answer).not.toHaveProperty("value");
      expect(answer.id).toBe(seeded);
      expectDocumented(answer, documented.value, "answer");
    } else {
      if (seeded) expect(answer.id).toBe(seeded);
      expectDocumented(answer, documented, "answer");
    }
    for (const key of ["createdDateTime", "lastModifiedDateTime"]) {
      if (key in documented) expect(Date.parse(answer[key])).not.toBeNaN();
    }
  });
});
