import { afterEach, describe, expect, it, vi } from "vitest";
import { appsPath, createTestApp } from "../helpers/test-app.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("verified tokens", () => {
  it("are trusted again only until they expire: the remembered verdict never outlives the token", async () => {
    const t = await createTestApp();
    try {
      const token = await t.token({ expiresInSeconds: 120 });
      expect((await t.call({ method: "GET", url: appsPath, token })).statusCode).toBe(200);
      expect((await t.call({ method: "GET", url: appsPath, token })).statusCode).toBe(200);
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(Date.now() + (120 + 61) * 1000); // past exp and the 60 s skew
      const late = await t.call({ method: "GET", url: appsPath, token });
      expect(late.statusCode).toBe(401);
      expect(late.json().error.message).toBe("Access token has expired or is not yet valid.");
    } finally {
      vi.useRealTimers();
      await t.close();
    }
  });

  it("keep each token's own permissions: a read token verified first does not lend them to a write token", async () => {
    const t = await createTestApp();
    try {
      const reader = await t.token({ scopes: ["DeviceManagementApps.Read.All"] });
      const writer = await t.token();
      const body = { "@odata.type": "#microsoft.graph.webApp", displayName: "x" };
      expect((await t.call({ method: "GET", url: appsPath, token: reader })).statusCode).toBe(200);
      expect((await t.call({ method: "POST", url: appsPath, token: reader, payload: body })).statusCode).toBe(403);
      expect((await t.call({ method: "POST", url: appsPath, token: writer, payload: body })).statusCode).toBe(201);
      expect((await t.call({ method: "POST", url: appsPath, token: reader, payload: body })).statusCode).toBe(403);
    } finally {
      await t.close();
    }
  });
});
