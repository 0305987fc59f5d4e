// THROTTLE=intune: Intune's documented limits for app resources, per application in a tenant and per tenant,
// over 20-second windows, answered with 429 TooManyRequests and Retry-After. The app's clock is the test's.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";
import { appsPath, type CallResponse, createTestApp, statusesPath, type TestApp } from "../helpers/test-app.ts";

const TENANT_A = "11111111-1111-4111-8111-111111111111";
const TENANT_B = "22222222-2222-4222-8222-222222222222";
const APP_1 = "aaaaaaaa-0000-4000-8000-000000000001";
const APP_2 = "aaaaaaaa-0000-4000-8000-000000000002";
const APP_3 = "aaaaaaaa-0000-4000-8000-000000000003";

let clock: number;
let t: TestApp;
let mobileAppId: string;
beforeEach(async () => {
  clock = Date.parse("2026-01-01T00:00:00Z");
  t = await createTestApp({ THROTTLE: "intune" }, { now: () => clock });
  // The app every test writes into, one in each tenant, is put into the store directly: it counts against no one.
  mobileAppId = "throttled-app";
  for (const tenantId of [TENANT_A, TENANT_B]) {
    await t.store.forTenant(tenantId).createMobileApp({
      id: mobileAppId,
      "@odata.type": "#microsoft.graph.webApp",
      createdDateTime: "2026-01-01T00:00:00.000Z",
      lastModifiedDateTime: "2026-01-01T00:00:00.000Z",
      properties: { displayName: "Throttled", appUrl: "https://contoso.example" },
    });
  }
});
afterEach(() => t.close());

const tokens = new Map<string, Promise<string>>();
function tokenOf(tenantId: string, appId: string): Promise<string> {
  const key = `${tenantId} ${appId}`;
  if (!tokens.has(key)) tokens.set(key, t.token({ tenantId, appId }));
  return tokens.get(key) as Promise<string>;
}

let created = 0;
async function write(tenantId: string, appId: string): Promise<CallResponse> {
  const payload = { id: `status-${created++}` };
  return t.call({ method: "POST", url: statusesPath(mobileAppId), payload, token: await tokenOf(tenantId, appId) });
}
async function read(tenantId: string, appId: string): Promise<CallResponse> {
  return t.call({ method: "GET", url: `${statusesPath(mobileAppId)}?$top=1`, token: await tokenOf(tenantId, appId) });
}

/** Runs `request` n times, in order, and answers the statuses. */
async function times(n: number, request: () => Promise<CallResponse>): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) statuses.push((await request()).statusCode);
  return statuses;
}
const all = (n: number, status: number) => Array.from({ length: n }, () => status);

function expectThrottled(response: CallResponse, retryAfterSeconds: number, limit: RegExp) {
  expect(response.statusCode).toBe(429);
  expect(response.headers["retry-after"]).toBe(String(retryAfterSeconds));
  const { error } = response.json();
  expect(error.code).toBe("TooManyRequests");
  expect(error.message).toMatch(limit);
  expect(error.message).toContain(`Retry after ${retryAfterSeconds} seconds.`);
}

describe("THROTTLE=intune", () => {
  it("refuses an application's 101st write within 20 s with 429 and Retry-After, stores nothing, and lets it in once the window has passed", async () => {
    expect(await times(100, () => write(TENANT_A, APP_1))).toEqual(all(100, 201));
    const before = await t.store.forTenant(TENANT_A).countUserStatuses(mobileAppId, undefined);

    expectThrottled(await write(TENANT_A, APP_1), 20, /application is over Intune's limit of 100 write requests/);
    clock += 15_500;
    expectThrottled(await write(TENANT_A, APP_1), 5, /limit of 100 write requests/);
    expect(await t.store.forTenant(TENANT_A).countUserStatuses(mobileAppId, undefined)).toBe(before);
    // Reads have a limit of their own.
    expect((await read(TENANT_A, APP_1)).statusCode).toBe(200);

    clock += 4_500;
    expect((await write(TENANT_A, APP_1)).statusCode).toBe(201);
  });

  it("counts updates and deletes as writes", async () => {
    const url = `${statusesPath(mobileAppId)}/status-x`;
    const token = await tokenOf(TENANT_A, APP_1);
    expect(
      (await t.call({ method: "POST", url: statusesPath(mobileAppId), payload: { id: "status-x" }, token })).statusCode,
    ).toBe(201);
    const patches = await times(98, () => t.call({ method: "PATCH", url, payload: { userName: "x" }, token }));
    expect(patches).toEqual(all(98, 200));
    expect((await t.call({ method: "DELETE", url, token })).statusCode).toBe(204);
    expect((await t.call({ method: "DELETE", url, token })).statusCode).toBe(429);
  });

  it("gives each application of a tenant its own 100 writes, and the tenant 200 in all", async () => {
    expect(await times(100, () => write(TENANT_A, APP_1))).toEqual(all(100, 201));
    expect(await times(100, () => write(TENANT_A, APP_2))).toEqual(all(100, 201));
    expectThrottled(await write(TENANT_A, APP_3), 20, /tenant is over Intune's limit of 200 write requests/);
    // Another tenant is not affected.
    expect((await write(TENANT_B, APP_1)).statusCode).toBe(201);
  });

  it("refuses an application's 1001st request of any kind within 20 s, and a tenant's 2001st", async () => {
    expect(await times(1000, () => read(TENANT_A, APP_1))).toEqual(all(1000, 200));
    expectThrottled(await read(TENANT_A, APP_1), 20, /application is over Intune's limit of 1000 requests per 20/);
    expectThrottled(await write(TENANT_A, APP_1), 20, /limit of 1000 requests/);

    clock += 10_000;
    expect(await times(1000, () => read(TENANT_A, APP_2))).toEqual(all(1000, 200));
    // APP_1's window started 10 s before APP_2's, and the tenant's with APP_1's.
    expectThrottled(await read(TENANT_A, APP_3), 10, /tenant is over Intune's limit of 2000 requests/);
    clock += 10_000;
    expect((await read(TENANT_A, APP_3)).statusCode).toBe(200);
    expectThrottled(await read(TENANT_A, APP_2), 10, /application is over/);
  });

  it("does not count refused requests", async () => {
    expect(await times(100, () => write(TENANT_A, APP_1))).toEqual(all(100, 201));
    expect(await times(5, () => write(TENANT_A, APP_1))).toEqual(all(5, 429));
    // 100 writes + 900 reads make the 1000 of the window; the 5 refused writes took none of it.
    expect(await times(900, () => read(TENANT_A, APP_1))).toEqual(all(900, 200));
    expect((await read(TENANT_A, APP_1)).statusCode).toBe(429);
  });

  it("answers 401 before 429, and never throttles the probes and the contract", async () => {
    expect(await times(100, () => write(TENANT_A, APP_1))).toEqual(all(100, 201));
    const noToken = await t.call({ method: "POST", url: statusesPath(mobileAppId), payload: {}, token: false });
    expect(noToken.statusCode).toBe(401);
    for (const url of ["/healthz", "/readyz", "/openapi.json"]) {
      expect(await times(1001, () => t.call({ method: "GET", url, token: false }))).toEqual(all(1001, 200));
    }
  });

  it("answers the mobileApps operations the same way", async () => {
    const token = await tokenOf(TENANT_A, APP_1);
    const body = { "@odata.type": "#microsoft.graph.webApp", displayName: "x" };
    const creates = await times(101, () => t.call({ method: "POST", url: appsPath, payload: body, token }));
    expect(creates).toEqual([...all(100, 201), 429]);
  });
});

describe("the THROTTLE setting", () => {
  it("is off by default: 300 writes of one application in the same instant all succeed", async () => {
    const unthrottled = await createTestApp({}, { now: () => clock });
    try {
      const id = await unthrottled.createApp();
      const statuses = await times(300, () => unthrottled.call({ method: "POST", url: statusesPath(id), payload: {} }));
      expect(statuses).toEqual(all(300, 201));
    } finally {
      await unthrottled.close();
    }
  });

  it.each(["off", "intune"])("accepts THROTTLE=%s", (value) => {
    expect(loadConfig({ THROTTLE: value }).throttle).toBe(value);
  });

  it.each(["on", "Intune", "graph"])("refuses THROTTLE=%s, naming the variable", (value) => {
    expect(() => loadConfig({ THROTTLE: value })).toThrow(ConfigError);
    expect(() => loadConfig({ THROTTLE: value })).toThrow(/THROTTLE/);
  });
});
