// POST /beta/$batch: Graph's JSON batching. Each request passes through the same authentication, validation,
// permission check, throttling and handlers as if sent alone; dependsOn and 424; malformed batches refused
// whole, with nothing run or stored. The Graph JS client's batch classes drive it in test/clients/entra-clients.test.ts.
import { afterEach, describe, expect, it } from "vitest";
import { appsPath, createTestApp, type TestApp } from "../helpers/test-app.ts";

const BATCH = "/beta/$batch";
const webApp = (displayName: string) => ({
  "@odata.type": "#microsoft.graph.webApp",
  displayName,
  appUrl: "https://contoso.example",
});
const json = { "Content-Type": "application/json" };

let t: TestApp;
afterEach(() => t?.close());

const batch = (requests: unknown[], options: { token?: string; headers?: Record<string, string> } = {}) =>
  t.call({ method: "POST", url: BATCH, payload: { requests }, ...options });
const appCount = async () => Number((await t.call({ url: `${appsPath}/$count` })).body);

describe("sendBatch", () => {
  it("answers each request as it would have been answered alone", async () => {
    t = await createTestApp();
    const response = await batch(
      [
        { id: "1", method: "POST", url: "/deviceAppManagement/mobileApps", headers: json, body: webApp("One") },
        { id: "2", method: "GET", url: "deviceAppManagement/mobileApps?$top=1", dependsOn: ["1"] },
        { id: "3", method: "POST", url: "/deviceAppManagement/mobileApps", headers: json, body: { displayName: 1 } },
        { id: "4", method: "GET", url: "/deviceAppManagement/nothing" },
        { id: "5", method: "GET", url: "/beta/deviceAppManagement/mobileApps/$count", dependsOn: ["1"] },
      ],
      { headers: { host: "graph.example:8443" } },
    );
    expect(response.statusCode).toBe(200);
    const answers = Object.fromEntries(response.json().responses.map((r: { id: string }) => [r.id, r]));
    expect(answers["1"]).toMatchObject({
      status: 201,
      headers: {
        "Content-Type": expect.stringMatching(/^application\/json/),
        Location: expect.stringMatching(/^http:\/\/graph\.example:8443\/beta\/deviceAppManagement\/mobileApps\//),
      },
      body: {
        displayName: "One",
        "@odata.context": expect.stringMatching(/^http:\/\/graph\.example:8443\/beta\/\$metadata#/),
      },
    });
    expect(answers["2"]).toMatchObject({ status: 200, body: { value: [{ displayName: "One" }] } });
    expect(answers["3"]).toMatchObject({ status: 400, body: { error: { code: "BadRequest" } } });
    expect(answers["4"]).toMatchObject({
      status: 400,
      body: { error: { message: "Resource not found for the segment 'nothing'." } },
    });
    expect(answers["5"]).toMatchObject({ status: 200, body: "1" });
  });

  it("checks each request's permission with the batch's token", async () => {
    t = await createTestApp();
    const reader = await t.token({ roles: ["DeviceManagementApps.Read.All"] });
    const response = await batch(
      [
        { id: "write", method: "POST", url: "/deviceAppManagement/mobileApps", headers: json, body: webApp("No") },
        { id: "read", method: "GET", url: "/deviceAppManagement/mobileApps" },
        {
          id: "escalate",
          method: "POST",
          url: "/deviceAppManagement/mobileApps",
          headers: { ...json, Authorization: `Bearer ${await t.token()}` },
          body: webApp("No"),
        },
      ],
      { token: reader },
    );
    const status = Object.fromEntries(
      response.json().responses.map((r: { id: string; status: number }) => [r.id, r.status]),
    );
    expect(status).toEqual({ write: 403, read: 200, escalate: 403 });
    expect(await appCount()).toBe(0);
  });

  it("reads an absolute URL of this service, and depends_on, as msgraph-core for Python sends them", async () => {
    t = await createTestApp();
    const answer = await batch(
      [
        {
          id: "1",
          method: "POST",
          url: "http://graph.example/beta/deviceAppManagement/mobileApps",
          headers: json,
          body: { displayName: 1 },
        },
        {
          id: "2",
          method: "GET",
          url: "http://graph.example/beta/deviceAppManagement/mobileApps?$top=1",
          depends_on: ["1"],
        },
        { id: "3", method: "GET", url: "http://graph.example/beta/deviceAppManagement/mobileApps/$count" },
      ],
      { headers: { host: "graph.example" } },
    );
    const status = Object.fromEntries(
      answer.json().responses.map((r: { id: string; status: number }) => [r.id, r.status]),
    );
    expect(status).toEqual({ "1": 400, "2": 424, "3": 200 });
  });

  it.each([
    ["a control character in its url", { id: "1", method: "GET", url: "/deviceAppManagement/mobileApps\u0007x" }],
    [
      "a header name no request can carry",
      { id: "1", method: "GET", url: "/deviceAppManagement/mobileApps", headers: { "bad name": "x" } },
    ],
    [
      "a header value with a line break",
      { id: "1", method: "GET", url: "/deviceAppManagement/mobileApps", headers: { "x-a": "a\r\nb" } },
    ],
    [
      "a wrong Content-Length",
      {
        id: "1",
        method: "POST",
        url: "/deviceAppManagement/mobileApps",
        headers: { ...json, "Content-Length": "1" },
        body: webApp("Framed"),
      },
    ],
  ])("answers a request with %s by itself, never a 5xx", async (_name, item) => {
    t = await createTestApp();
    const response = await batch([item, { id: "2", method: "GET", url: "/deviceAppManagement/mobileApps" }]);
    expect(response.statusCode).toBe(200);
    const [first, second] = response.json().responses;
    expect(first.status).toBeGreaterThanOrEqual(200);
    expect(first.status).toBeLessThan(500);
    expect(second.status).toBe(200);
  });

  it("needs a token itself", async () => {
    t = await createTestApp();
    const response = await t.call({
      method: "POST",
      url: BATCH,
      token: false,
      payload: { requests: [{ id: "1", method: "GET", url: "/deviceAppManagement/mobileApps" }] },
    });
    expect(response.statusCode).toBe(401);
  });

  it("answers 424 for the dependents of a failed request, does not run them, and keeps what succeeded", async () => {
    t = await createTestApp();
    const app = await t.createApp();
    const statuses = `/deviceAppManagement/mobileApps/${app}/userStatuses`;
    const response = await batch([
      { id: "a", method: "POST", url: statuses, headers: json, body: { id: "u1", userName: "A" } },
      { id: "b", method: "POST", url: statuses, headers: json, body: { id: "u1", userName: "B" }, dependsOn: ["a"] },
      { id: "c", method: "POST", url: statuses, headers: json, body: { id: "u2", userName: "C" }, dependsOn: ["b"] },
      {
        id: "d",
        method: "POST",
        url: statuses,
        headers: json,
        body: { id: "u3", userName: "D" },
        dependsOn: ["a", "c"],
      },
      { id: "e", method: "POST", url: statuses, headers: json, body: { id: "u4", userName: "E" } },
    ]);
    const status = Object.fromEntries(
      response.json().responses.map((r: { id: string; status: number }) => [r.id, r.status]),
    );
    expect(status).toEqual({ a: 201, b: 409, c: 424, d: 424, e: 201 });
    expect(response.json().responses.find((r: { id: string }) => r.id === "c").body.error.code).toBe(
      "FailedDependency",
    );
    const stored = await t.call({ url: `/beta${statuses}?$select=id` });
    expect(stored.json().value.map((s: { id: string }) => s.id)).toEqual(["u1", "u4"]);
  });

  it("counts each request against the throttling limits, and a 429 inside carries Retry-After", async () => {
    const clock = 1_700_000_000_000;
    t = await createTestApp({ THROTTLE: "intune" }, { now: () => clock });
    const answers: { status: number; headers: Record<string, string> }[] = [];
    for (let b = 0; b < 6; b++) {
      const requests = Array.from({ length: 20 }, (_, i) => ({
        id: String(i),
        method: "POST",
        url: "/deviceAppManagement/mobileApps",
        headers: json,
        body: webApp(`App ${b}-${i}`),
      }));
      const response = await batch(requests);
      expect(response.statusCode).toBe(200);
      answers.push(...response.json().responses);
    }
    expect(answers.filter((a) => a.status === 201)).toHaveLength(100);
    const throttled = answers.filter((a) => a.status === 429);
    expect(throttled).toHaveLength(20);
    for (const answer of throttled) expect(answer.headers["Retry-After"]).toMatch(/^\d+$/);
  });

  it("is not itself a target of fault injection: the faults land on its requests", async () => {
    t = await createTestApp({ FAULT_RATE: "1", FAULT_STATUSES: "503" });
    const response = await batch([{ id: "1", method: "GET", url: "/deviceAppManagement/mobileApps" }]);
    expect(response.statusCode).toBe(200);
    expect(response.json().responses[0]).toMatchObject({ status: 503, headers: { "Retry-After": "1" } });
  });

  it("ignores a batch marker header sent from outside", async () => {
    t = await createTestApp();
    const response = await t.call({
      method: "POST",
      url: appsPath,
      headers: { host: "mine.example", "x-graph-intune-batch": "guess" },
      payload: webApp("Mine"),
    });
    expect(response.json()["@odata.context"]).toMatch(/^http:\/\/mine\.example\//);
  });

  const get = (id: string, url = "/deviceAppManagement/mobileApps") => ({ id, method: "GET", url });
  const refused: [string, unknown, RegExp][] = [
    ["more than 20 requests", Array.from({ length: 21 }, (_, i) => get(String(i))), /requests/],
    ["no requests", [], /requests/],
    ["a repeated id", [get("1"), get("1")], /'1' is repeated/],
    ["an empty id", [get("")], /id/],
    ["a dependsOn naming no request", [{ ...get("1"), dependsOn: ["9"] }], /depends on '9'/],
    [
      "a dependsOn cycle",
      [
        { ...get("1"), dependsOn: ["2"] },
        { ...get("2"), dependsOn: ["1"] },
      ],
      /cycle/,
    ],
    ["a request depending on itself", [{ ...get("1"), dependsOn: ["1"] }], /cycle/],
    ["a nested $batch", [{ id: "1", method: "POST", url: "/$batch", body: { requests: [] } }], /nested/],
    [
      "a nested $batch under /beta",
      [{ id: "1", method: "POST", url: "beta/$batch", body: { requests: [] } }],
      /nested/,
    ],
    ["an absolute URL", [get("1", "https://graph.microsoft.com/beta/deviceAppManagement/mobileApps")], /relative/],
    ["a scheme-relative URL", [get("1", "//evil.example/beta/x")], /relative/],
    ["another port of this host", [get("1", "http://localhost:81/beta/deviceAppManagement/mobileApps")], /relative/],
    ["a URL that is not one", [get("1", "http:// bad")], /relative/],
    ["an unknown method", [{ id: "1", method: "TRACE", url: "/deviceAppManagement/mobileApps" }], /method/],
    ["an unknown member", [{ ...get("1"), extra: true }], /extra/],
    ["a request without url", [{ id: "1", method: "GET" }], /url/],
  ];
  it.each(refused)("refuses a batch with %s: 400, nothing run or stored", async (_name, requests, message) => {
    t = await createTestApp();
    const withWrite =
      Array.isArray(requests) && requests.length > 0 && requests.length < 20
        ? [
            ...requests,
            { id: "write", method: "POST", url: "/deviceAppManagement/mobileApps", headers: json, body: webApp("No") },
          ]
        : requests;
    const response = await batch(withWrite as unknown[]);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBe("BadRequest");
    expect(response.json().error.message).toMatch(message);
    expect(await appCount()).toBe(0);
  });

  it.each([
    ["a body that is not JSON", "text/plain", "x", 415],
    ["malformed JSON", "application/json", "{", 400],
    ["an empty body", "application/json", "", 400],
  ])("answers %s as any operation would", async (_name, contentType, payload, status) => {
    t = await createTestApp();
    const response = await t.call({ method: "POST", url: BATCH, headers: { "content-type": contentType }, payload });
    expect(response.statusCode).toBe(status);
  });
});
