// Microsoft's documented examples of the mobileAppInstallStatus pages (create, get, list, update, delete), replayed
// byte for byte against the real app: test/fixtures/graph-docs/intune-apps-mobileappinstallstatus-*.http, copied
// from the pages' code blocks, each with its page and commit. The server must answer the documented status, and
// the documented answer's properties with the values sent. Notes beside each fixture say where the replay departs
// from the page and why (the doc generator's placeholders and its GET answer wrapped in "value").
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appsPath, createTestApp, type TestApp } from "../helpers/test-app.ts";

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "graph-docs");
const PREFIX = "intune-apps-mobileappinstallstatus-";
const DOCUMENTED_ID = "7560ee45-ee45-7560-45ee-607545ee6075";

interface HttpMessage {
  startLine: string;
  headers: Record<string, string>;
  body: string;
}

interface Fixture {
  page: string;
  source: string;
  commit: string;
  request: HttpMessage;
  response: HttpMessage;
}

function parseMessage(text: string): HttpMessage {
  const [head = "", ...rest] = text.split("\n\n");
  const [startLine = "", ...headerLines] = head.split("\n");
  const headers = Object.fromEntries(
    headerLines.map((line) => {
      const at = line.indexOf(":");
      return [line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim()];
    }),
  );
  return { startLine, headers, body: rest.join("\n\n").replace(/\n$/, "") };
}

function parseFixture(file: string): Fixture {
  const text = readFileSync(path.join(FIXTURES, file), "utf8");
  const comment = (name: string) => new RegExp(`^# ${name}: (.+)$`, "m").exec(text)?.[1] ?? "";
  const [, request = "", response = ""] = text.split(/^### (?:request|response)\n/m);
  return {
    page: file.replace(/\.http$/, ""),
    source: comment("source"),
    commit: comment("commit"),
    request: parseMessage(request),
    response: parseMessage(response),
  };
}

const fixtures = readdirSync(FIXTURES)
  .filter((file) => file.startsWith(PREFIX) && file.endsWith(".http"))
  .sort()
  .map(parseFixture);

/** The docs' code blocks end lines with CRLF on the wire: their Content-Length counts them. */
const onTheWire = (body: string) => body.replaceAll("\n", "\r\n");

/** A DateTimeOffset as 100 ns ticks since the epoch, read independently of the server's code. */
function ticks(text: string): bigint {
  const match = /^(.+T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!match) throw new Error(`not a DateTimeOffset: ${text}`);
  const [, seconds, fraction = "", zone] = match as unknown as [string, string, string | undefined, string];
  return BigInt(Date.parse(`${seconds}${zone}`)) * 10_000n + BigInt(fraction.padEnd(7, "0").slice(0, 7));
}

let t: TestApp;
let appId: string;
beforeEach(async () => {
  t = await createTestApp();
  appId = await t.createApp();
});
afterEach(() => t.close());

describe("Microsoft's mobileAppInstallStatus examples", () => {
  it("are all here: create, get, list, update and delete, each with its page and commit", () => {
    expect(fixtures.map((fixture) => fixture.page)).toEqual(
      ["create", "delete", "get", "list", "update"].map((operation) => `${PREFIX}${operation}`),
    );
    for (const fixture of fixtures) {
      expect(fixture.source).toBe(
        `microsoftgraph/microsoft-graph-docs-contrib api-reference/beta/api/${fixture.page}.md`,
      );
      expect(fixture.commit).toMatch(/^[0-9a-f]{40}$/);
    }
  });

  it.each(fixtures.filter((fixture) => fixture.response.body !== ""))(
    "$page: the copied bodies are the documented bytes (their Content-Length)",
    (fixture) => {
      for (const message of [fixture.request, fixture.response]) {
        if (message.body === "") continue;
        expect(Buffer.byteLength(onTheWire(message.body))).toBe(Number(message.headers["content-length"]));
      }
    },
  );

  it.each(fixtures)("$page: the server answers the documented status and properties", async (fixture) => {
    // The items the example's placeholders stand for: one status with the documented id and values.
    const create = fixtures.find((f) => f.page === `${PREFIX}create`) as Fixture;
    const seeded = { ...JSON.parse(create.request.body), id: DOCUMENTED_ID };
    if (!fixture.page.endsWith("-create")) {
      const response = await t.call({ method: "POST", url: `${appsPath}/${appId}/deviceStatuses`, payload: seeded });
      expect(response.statusCode).toBe(201);
    }

    const [method = "", documentedUrl = ""] = fixture.request.startLine.split(" ");
    const url = documentedUrl
      .replace("https://graph.microsoft.com", "")
      .replace("{mobileAppId}", appId)
      .replace("{mobileAppInstallStatusId}", DOCUMENTED_ID);
    const headers: Record<string, string> = {};
    if (fixture.request.headers["content-type"]) headers["content-type"] = fixture.request.headers["content-type"];
    const response = await t.call({
      method: method as "GET" | "POST" | "PATCH" | "DELETE",
      url,
      headers,
      ...(fixture.request.body === "" ? {} : { payload: onTheWire(fixture.request.body) }),
    });

    const documentedStatus = Number(fixture.response.startLine.split(" ")[1]);
    expect(response.statusCode).toBe(documentedStatus);
    if (fixture.response.body === "") {
      expect(response.body).toBe("");
      return;
    }

    const documented = JSON.parse(fixture.response.body);
    const answer = response.json();
    // get: the page wraps the entity in "value" (doc generator); list: "value" is the collection, as on Graph.
    const pairs: Array<[Record<string, unknown>, Record<string, unknown>]> = fixture.page.endsWith("-list")
      ? documented.value.map((item: Record<string, unknown>, i: number) => [item, answer.value[i]])
      : [[fixture.page.endsWith("-get") ? documented.value : documented, answer]];
    if (fixture.page.endsWith("-list")) expect(answer.value).toHaveLength(documented.value.length);
    for (const [expected, actual] of pairs) {
      for (const [property, value] of Object.entries(expected)) {
        expect(actual, `${fixture.page}: ${property}`).toHaveProperty([property]);
        if (property === "id" && fixture.page.endsWith("-create")) {
          expect(actual.id).toMatch(/^[0-9a-f-]{36}$/); // server-issued: the create example sends none
        } else if (property === "lastSyncDateTime") {
          expect(ticks(actual[property] as string), `${fixture.page}: ${property}`).toBe(ticks(value as string));
          expect(actual[property]).toBe("2017-01-01T08:02:49.3205976Z");
        } else {
          expect(actual[property], `${fixture.page}: ${property}`).toEqual(value);
        }
      }
    }
  });
});
