import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreUnavailableError } from "../../src/model/store-unavailable-error.ts";
import { SPEC_PATH } from "../../src/spec.ts";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.ts";
import type { Store } from "../../src/store/store.ts";
import { withTenantMethods } from "../helpers/store-views.ts";
import { appsPath, createTestApp, statusesPath, type TestApp } from "../helpers/test-app.ts";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe("correlation headers", () => {
  it("carry a fresh request-id GUID and echo it as client-request-id when the client sent none", async () => {
    const first = await t.call({ method: "GET", url: appsPath });
    const second = await t.call({ method: "GET", url: appsPath });
    expect(first.headers["request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.headers["request-id"]).not.toBe(second.headers["request-id"]);
    expect(first.headers["client-request-id"]).toBe(first.headers["request-id"]);
    expect(first.headers["odata-version"]).toBe("4.0");
  });

  it("echo the client's client-request-id, on errors too, inside innerError", async () => {
    const sent = "6f1a0c4e-3b7d-4b8e-9f6a-2d1c0b9a8e7f";
    const ok = await t.call({ method: "GET", url: appsPath, headers: { "client-request-id": sent } });
    expect(ok.headers["client-request-id"]).toBe(sent);
    const failed = await t.call({ method: "GET", url: `${appsPath}/missing`, headers: { "client-request-id": sent } });
    expect(failed.statusCode).toBe(404);
    expect(failed.headers["client-request-id"]).toBe(sent);
    const inner = failed.json().error.innerError;
    expect(inner["client-request-id"]).toBe(sent);
    expect(inner["request-id"]).toBe(failed.headers["request-id"]);
    expect(inner.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  it("answer 400 for an unusable client-request-id, and still carry both headers", async () => {
    const response = await t.call({
      method: "GET",
      url: appsPath,
      headers: { "client-request-id": "x".repeat(200) },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.target).toBe("client-request-id");
    expect(response.headers["client-request-id"]).toBe(response.headers["request-id"]);
  });
});

describe("unknown routes", () => {
  const unknownSegments: Array<[string, string]> = [
    ["/beta/deviceAppManagement/managedApps", "managedApps"],
    ["/beta/deviceManagement", "deviceManagement"],
    ["/beta/deviceAppManagement/mobileApps/a1/userStatuses/s1/foo", "foo"],
    ["/beta/deviceAppManagement/mobileApps/a1/installSummary", "installSummary"],
  ];
  it.each(unknownSegments)("GET %s → 400 Resource not found for the segment '%s'", async (url, segment) => {
    const response = await t.call({ method: "GET", url });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: "BadRequest",
      message: `Resource not found for the segment '${segment}'.`,
    });
  });

  it("answers 404 outside /beta", async () => {
    const response = await t.call({ method: "GET", url: "/v1.0/me" });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe("ResourceNotFound");
  });

  const unsupported: Array<[string, string, string]> = [
    ["PUT", statusesPath("a1"), "GET, POST"],
    ["PUT", `${statusesPath("a1")}/s1`, "GET, PATCH, DELETE"],
    ["POST", `${appsPath}/a1`, "GET, PATCH, DELETE"],
    ["DELETE", appsPath, "GET, POST"],
    ["POST", "/healthz", "GET"],
    // A literal segment wins over a parameter, as in the router: $count is not an app's id.
    ["OPTIONS", `${appsPath}/$count`, "GET"],
    ["OPTIONS", `${statusesPath("a1")}/$count`, "GET"],
    // A method fastify parses a body for, without the body's media type, is still a method not allowed.
    ["QUERY", `${appsPath}/a1`, "GET, PATCH, DELETE"],
  ];
  it.each(unsupported)("%s %s → 405 with Allow: %s", async (method, url, allow) => {
    const response = await t.call({ method: method as "PUT", url, ...(method === "QUERY" ? {} : { payload: {} }) });
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe(allow);
    expect(response.json().error.code).toBe("MethodNotAllowed");
  });
});

describe("requests without their body", () => {
  it.each([
    ["POST", appsPath],
    ["POST", statusesPath("a1")],
    ["PATCH", `${statusesPath("a1")}/s1`],
  ])("%s %s with no body and no Content-Type → 400 Empty Payload, not a 500", async (method, url) => {
    const response = await t.call({ method: method as "POST", url });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe("Empty Payload. JSON content expected.");
  });
});

describe("server faults", () => {
  it("answer 500 in the Graph envelope without showing internals", async () => {
    const store = openSqliteStore(":memory:");
    const failing = withTenantMethods(store, {
      listMobileApps: () => Promise.reject(new Error("SQLITE_IOERR: disk I/O error at /secret/path/graph.db")),
    });
    const broken = await createTestApp({}, { store: failing });
    try {
      const response = await broken.call({ method: "GET", url: appsPath });
      expect(response.statusCode).toBe(500);
      expect(response.json().error.code).toBe("InternalServerError");
      expect(response.body).not.toMatch(/SQLITE|secret|disk|stack/i);
    } finally {
      await broken.close();
    }
  });
});

describe("an unavailable store", () => {
  it("answers 503 ServiceUnavailable with Retry-After, and the store's own closed state does too", async () => {
    const store = openSqliteStore(":memory:");
    const busy = withTenantMethods(store, {
      listMobileApps: () => Promise.reject(new StoreUnavailableError("SQLITE_BUSY", 2)),
    });
    const app = await createTestApp({}, { store: busy });
    try {
      const response = await app.call({ method: "GET", url: appsPath });
      expect(response.statusCode).toBe(503);
      expect(response.headers["retry-after"]).toBe("2");
      expect(response.json().error.code).toBe("ServiceUnavailable");

      await store.close();
      const closed = await app.call({ method: "GET", url: `${appsPath}/any` });
      expect(closed.statusCode).toBe(503);
    } finally {
      await app.close();
    }
  });
});

describe("service endpoints", () => {
  it("GET /healthz and /readyz answer 200 without a token", async () => {
    for (const url of ["/healthz", "/readyz"]) {
      const response = await t.call({ method: "GET", url, token: false });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ status: "ok" });
    }
  });

  it("GET /readyz answers 503 when the store does not answer", async () => {
    const store = openSqliteStore(":memory:");
    const unreachable: Store = { ...store, ping: () => Promise.reject(new Error("connection refused")) };
    const app = await createTestApp({}, { store: unreachable });
    try {
      const response = await app.call({ method: "GET", url: "/readyz", token: false });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ status: "unavailable" });
    } finally {
      await app.close();
    }
  });

  it("GET /openapi.json serves the contract the server runs from", async () => {
    const response = await t.call({ method: "GET", url: "/openapi.json", token: false });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(JSON.parse(readFileSync(SPEC_PATH, "utf8")));
  });
});

describe("@odata.context", () => {
  it("uses PUBLIC_BASE_URL when it is set", async () => {
    const proxied = await createTestApp({ PUBLIC_BASE_URL: "https://graph.contoso.example/" });
    try {
      const response = await proxied.call({ method: "GET", url: appsPath });
      expect(response.json()["@odata.context"]).toBe(
        "https://graph.contoso.example/beta/$metadata#deviceAppManagement/mobileApps",
      );
    } finally {
      await proxied.close();
    }
  });

  it("doubles quotes in key segments", async () => {
    const id = await t.createApp();
    const created = await t.call({ method: "POST", url: statusesPath(id), payload: { id: "o'neil" } });
    expect(created.json()["@odata.context"]).toContain(`mobileApps('${id}')/userStatuses/$entity`);
    const read = await t.call({ method: "GET", url: `${statusesPath(id)}/o'neil` });
    expect(read.statusCode).toBe(200);
  });
});

describe("Location on 201 Created", () => {
  it("names the new entity's URL, percent-encoded, for each collection, and a GET there finds it", async () => {
    const app = await t.call({
      method: "POST",
      url: appsPath,
      payload: { "@odata.type": "#microsoft.graph.webApp", displayName: "Located" },
    });
    const appId = app.json().id as string;
    const user = await t.call({ method: "POST", url: statusesPath(appId), payload: { id: "a b/c'd" } });
    const device = await t.call({
      method: "POST",
      url: `${statusesPath(appId)}/a%20b%2Fc'd/deviceStatuses`,
      payload: { id: "d" },
    });

    expect(app.headers.location).toBe(`http://localhost:80${appsPath}/${appId}`);
    expect(user.headers.location).toBe(`http://localhost:80${statusesPath(appId)}/a%20b%2Fc'd`);
    expect(device.headers.location).toBe(`http://localhost:80${statusesPath(appId)}/a%20b%2Fc'd/deviceStatuses/d`);
    for (const created of [app, user, device]) {
      const location = new URL(String(created.headers.location));
      const got = await t.call({ method: "GET", url: location.pathname });
      expect(got.json().id).toBe(created.json().id);
    }
  });

  it("uses PUBLIC_BASE_URL's origin when it is set", async () => {
    const proxied = await createTestApp({ PUBLIC_BASE_URL: "https://graph.contoso.example" });
    try {
      const appId = await proxied.createApp();
      const created = await proxied.call({ method: "POST", url: statusesPath(appId), payload: { id: "u" } });
      expect(created.headers.location).toBe(`https://graph.contoso.example${statusesPath(appId)}/u`);
    } finally {
      await proxied.close();
    }
  });
});
