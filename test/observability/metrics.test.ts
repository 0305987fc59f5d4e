// GET /metrics: Prometheus text, without a token, counting requests by operation and status, timing them
// and every store call, and showing the requests in flight.
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { StoreUnavailableError } from "../../src/model/store-unavailable-error.ts";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.ts";
import type { Store } from "../../src/store/store.ts";
import { loadContract } from "../helpers/contract.ts";
import { contractCheckingFetch } from "../helpers/live-server.ts";
import { openRequest } from "../helpers/server-process.ts";
import { withTenantMethods } from "../helpers/store-views.ts";
import { appsPath, createTestApp, statusesPath, type TestApp } from "../helpers/test-app.ts";

type Labels = Record<string, string>;
interface Sample {
  name: string;
  labels: Labels;
  value: number;
}

/** The samples of an exposition text (comments skipped). */
function parseExposition(text: string): Sample[] {
  return text
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not an exposition line: ${line}`);
      const labels = Object.fromEntries(
        [...(match[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
      ) as Labels;
      return { name: match[1] as string, labels, value: Number(match[3]) };
    });
}

/** The value of the one sample with this name and exactly these labels; undefined when there is none. */
function sampleValue(samples: Sample[], name: string, labels: Labels = {}): number | undefined {
  const found = samples.filter(
    (sample) =>
      sample.name === name &&
      Object.keys(sample.labels).length === Object.keys(labels).length &&
      Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function scrape(app: TestApp): Promise<Sample[]> {
  const response = await app.call({ method: "GET", url: "/metrics", token: false });
  expect(response.statusCode).toBe(200);
  return parseExposition(response.body);
}

describe("GET /metrics", () => {
  it("answers 200 without a token, as text/plain in the Prometheus format, declaring its four metrics", async () => {
    t = await createTestApp();
    const response = await t.call({ method: "GET", url: "/metrics", token: false });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/plain; charset=utf-8");
    for (const declaration of [
      "# TYPE http_requests_total counter",
      "# TYPE http_request_duration_seconds histogram",
      "# TYPE http_requests_in_flight gauge",
      "# TYPE store_operation_duration_seconds histogram",
    ]) {
      expect(response.body).toContain(declaration);
    }
  });

  it("counts requests by operationId, method and status", async () => {
    t = await createTestApp();
    const mobileAppId = await t.createApp();
    await t.call({ method: "POST", url: statusesPath(mobileAppId), payload: { userName: "Adele Vance" } });
    await t.call({ method: "POST", url: statusesPath(mobileAppId), payload: { userName: "Alex Wilber" } });
    await t.call({ method: "GET", url: appsPath });
    await t.call({ method: "GET", url: appsPath, token: false });
    await t.call({ method: "GET", url: `${appsPath}/unknown` });
    await t.call({ method: "GET", url: "/nowhere" });

    const samples = await scrape(t);
    const requests = (operation: string, method: string, status: string) =>
      sampleValue(samples, "http_requests_total", { operation, method, status });
    expect(requests("createMobileApp", "POST", "201")).toBe(1);
    expect(requests("createUserStatus", "POST", "201")).toBe(2);
    expect(requests("listMobileApps", "GET", "200")).toBe(1);
    expect(requests("listMobileApps", "GET", "401")).toBe(1);
    expect(requests("getMobileApp", "GET", "404")).toBe(1);
    expect(requests("unmatched", "GET", "404")).toBe(1);
    expect(requests("listUserStatuses", "GET", "200")).toBeUndefined();
  });

  it("times requests in a histogram with cumulative buckets", async () => {
    t = await createTestApp();
    const mobileAppId = await t.createApp();
    for (const userName of ["A", "B", "C"]) {
      await t.call({ method: "POST", url: statusesPath(mobileAppId), payload: { userName } });
    }

    const samples = await scrape(t);
    const labels = { operation: "createUserStatus", method: "POST", status: "201" };
    expect(sampleValue(samples, "http_request_duration_seconds_count", labels)).toBe(3);
    expect(sampleValue(samples, "http_request_duration_seconds_sum", labels)).toBeGreaterThan(0);
    const buckets = samples.filter(
      (s) => s.name === "http_request_duration_seconds_bucket" && s.labels.operation === "createUserStatus",
    );
    expect(buckets.at(-1)?.labels.le).toBe("+Inf");
    expect(buckets.at(-1)?.value).toBe(3);
    const counts = buckets.map((bucket) => bucket.value);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  });

  it("times store calls by method and outcome, failures included", async () => {
    const store = openSqliteStore(":memory:");
    const failing = withTenantMethods(store, {
      getMobileApp: () => Promise.reject(new StoreUnavailableError("SQLITE_BUSY", 1)),
    });
    t = await createTestApp({}, { store: failing });
    await t.createApp();
    expect((await t.call({ method: "GET", url: `${appsPath}/any` })).statusCode).toBe(503);

    const samples = await scrape(t);
    const calls = (method: string, outcome: string) =>
      sampleValue(samples, "store_operation_duration_seconds_count", { method, outcome });
    expect(calls("createMobileApp", "ok")).toBe(1);
    expect(calls("getMobileApp", "error")).toBe(1);
    expect(calls("getMobileApp", "ok")).toBeUndefined();
    await store.close();
  });

  it("times a store whose methods are inherited, as a class-based store's are", async () => {
    const store = openSqliteStore(":memory:");
    t = await createTestApp({}, { store: Object.create(store) as Store });
    await t.createApp();
    const samples = await scrape(t);
    expect(
      sampleValue(samples, "store_operation_duration_seconds_count", { method: "createMobileApp", outcome: "ok" }),
    ).toBe(1);
    await store.close();
  });

  it("shows the requests in flight: one held open besides the scrape itself, then none but the scrape", async () => {
    t = await createTestApp();
    let arrived: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    // Registered after the metrics hooks: it runs once the request counts as in flight.
    t.app.addHook("onRequest", (request, _reply, done) => {
      if (request.method === "POST") arrived();
      done();
    });
    await t.app.listen({ host: "127.0.0.1", port: 0 });
    const mobileAppId = await t.createApp();
    const baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const checkedFetch = contractCheckingFetch(await loadContract());
    const liveScrape = async () => parseExposition(await (await checkedFetch(`${baseUrl}/metrics`)).text());

    const body = JSON.stringify({ userName: "Adele Vance" });
    const pending = openRequest(baseUrl, {
      method: "POST",
      path: statusesPath(mobileAppId),
      token: await t.token(),
      body,
    });
    pending.write(body.slice(0, 5));
    await held;
    expect(sampleValue(await liveScrape(), "http_requests_in_flight")).toBe(2);

    expect(await pending.end(body.slice(5))).toMatchObject({ kind: "response", status: 201 });
    expect(sampleValue(await liveScrape(), "http_requests_in_flight")).toBe(1);
  });
});
