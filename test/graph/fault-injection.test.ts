// FAULT_RATE / FAULT_STATUSES: a share of /beta requests answered with Graph-shaped 429, 503 or 504, before
// anything else happens to them, so that users can test their retry logic.
import {
  Client,
  HTTPMessageHandler,
  type Middleware,
  RetryHandler,
  RetryHandlerOptions,
} from "@microsoft/microsoft-graph-client";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";
import { startLiveServer } from "../helpers/live-server.ts";
import { storeSnapshot } from "../helpers/store-views.ts";
import { appsPath, createTestApp, statusesPath, type TestApp } from "../helpers/test-app.ts";

const opened: TestApp[] = [];
async function appWith(env: Record<string, string>, random?: () => number): Promise<TestApp> {
  const t = await createTestApp(env, random ? { random } : {});
  opened.push(t);
  return t;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.close()));
});

/** The same JSON for every /beta operation shape: a list, a get, a create, an update and a delete. */
function betaRequests(mobileAppId: string) {
  return [
    { method: "GET", url: appsPath },
    { method: "GET", url: `${appsPath}/${mobileAppId}` },
    { method: "POST", url: statusesPath(mobileAppId), payload: { id: "new" } },
    { method: "PATCH", url: `${appsPath}/${mobileAppId}`, payload: { "@odata.type": "#microsoft.graph.webApp" } },
    { method: "DELETE", url: `${appsPath}/${mobileAppId}` },
  ] as const;
}

describe("FAULT_RATE=1", () => {
  it.each([
    [429, "TooManyRequests", "1"],
    [503, "ServiceUnavailable", "1"],
    [504, "GatewayTimeout", undefined],
  ])(
    "with FAULT_STATUSES=%i answers every /beta request with it in Graph's envelope and changes nothing",
    async (status, code, retryAfter) => {
      const seeded = await appWith({});
      const mobileAppId = await seeded.createApp();
      // The faulty app serves the same store.
      const t = await createTestApp({ FAULT_RATE: "1", FAULT_STATUSES: String(status) }, { store: seeded.store });
      const before = await storeSnapshot(t.store);
      for (const request of betaRequests(mobileAppId)) {
        const response = await t.call(request);
        expect(response.statusCode).toBe(status);
        expect(response.headers["retry-after"]).toBe(retryAfter);
        expect(response.json().error.code).toBe(code);
      }
      expect(await storeSnapshot(t.store)).toEqual(before);
      await t.app.close(); // the store is seeded's, closed with it
    },
  );

  it("fails requests before authentication: a request without a token gets the fault too", async () => {
    const t = await appWith({ FAULT_RATE: "1", FAULT_STATUSES: "503" });
    const response = await t.call({ method: "GET", url: appsPath, token: false });
    expect(response.statusCode).toBe(503);
  });

  it("leaves the probes, the contract and unknown paths alone", async () => {
    const t = await appWith({ FAULT_RATE: "1" });
    for (const url of ["/healthz", "/readyz", "/openapi.json"]) {
      expect((await t.call({ method: "GET", url, token: false })).statusCode).toBe(200);
    }
    expect((await t.call({ method: "GET", url: "/beta/nowhere" })).statusCode).toBe(400);
  });
});

describe("FAULT_RATE between 0 and 1", () => {
  it("fails about that share of requests, with each of FAULT_STATUSES", async () => {
    const t = await appWith({ FAULT_RATE: "0.25" });
    const counts = new Map<number, number>();
    for (let i = 0; i < 2000; i++) {
      const { statusCode } = await t.call({ method: "GET", url: `${appsPath}?$top=1` });
      counts.set(statusCode, (counts.get(statusCode) ?? 0) + 1);
    }
    const failed = 2000 - (counts.get(200) ?? 0);
    // 500 expected; a binomial's five standard deviations either side.
    expect(failed).toBeGreaterThan(400);
    expect(failed).toBeLessThan(600);
    expect([...counts.keys()].sort()).toEqual([200, 429, 503, 504]);
  });

  it("is off by default: 500 requests, no fault", async () => {
    const t = await appWith({});
    for (let i = 0; i < 500; i++) expect((await t.call({ method: "GET", url: appsPath })).statusCode).toBe(200);
  });

  it("lets the official client's RetryHandler recover from an injected 503 after Retry-After", async () => {
    // The dice: fault, pick the first status (503), then no fault.
    const rolls = [0, 0];
    const server = await startLiveServer(
      { FAULT_RATE: "0.5", FAULT_STATUSES: "503" },
      { random: () => rolls.shift() ?? 0.99 },
    );
    try {
      const token = await server.t.token();
      const statuses: number[] = [];
      let toRetry: Middleware | undefined;
      let toHttp: Middleware | undefined;
      const client = Client.initWithMiddleware({
        baseUrl: server.baseUrl,
        defaultVersion: "beta",
        middleware: [
          {
            execute: (context) => {
              const headers = new Headers(context.options?.headers);
              headers.set("Authorization", `Bearer ${token}`);
              context.options = { ...context.options, headers };
              return (toRetry as Middleware).execute(context);
            },
            setNext: (next) => {
              toRetry = next;
            },
          },
          new RetryHandler(new RetryHandlerOptions(0, 3)),
          {
            execute: async (context) => {
              await (toHttp as Middleware).execute(context);
              statuses.push(context.response?.status ?? 0);
            },
            setNext: (next) => {
              toHttp = next;
            },
          },
          new HTTPMessageHandler(),
        ],
      });
      const apps = await client.api("/deviceAppManagement/mobileApps").get();
      expect(apps.value).toEqual([]);
      expect(statuses).toEqual([503, 200]);
    } finally {
      await server.close();
    }
  });
});

describe("the FAULT_ settings", () => {
  it("read a rate and a list of statuses", () => {
    expect(loadConfig({}).faults).toEqual({ rate: 0, statuses: [429, 503, 504] });
    expect(loadConfig({ FAULT_RATE: "0.1", FAULT_STATUSES: "503, 504" }).faults).toEqual({
      rate: 0.1,
      statuses: [503, 504],
    });
    expect(loadConfig({ FAULT_RATE: "1" }).faults.rate).toBe(1);
  });

  it.each([
    ["FAULT_RATE", "1.5"],
    ["FAULT_RATE", "-0.1"],
    ["FAULT_RATE", "abc"],
    ["FAULT_RATE", "10%"],
    ["FAULT_STATUSES", "500"],
    ["FAULT_STATUSES", "429,abc"],
    ["FAULT_STATUSES", ","],
  ])("refuse %s=%s, naming the variable", (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(variable));
  });
});
