// Issuer mode: the server verifies tokens of a configured issuer by its JWKS, and no longer the
// tokens of its own local key. The issuer here is a JWKS server on 127.0.0.1, port 0.
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, type JWTPayload, SignJWT } from "jose";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mintLocalToken } from "../../src/auth/local-tokens.ts";
import { ConfigError, loadConfig } from "../../src/config.ts";
import { appsPath, createTestApp, statusesPath, type TestApp } from "../helpers/test-app.ts";

const ISSUER = "https://issuer.example/tenant/";
const AUDIENCE = "https://graph.microsoft.com";
const TENANT_ID = "5e1f0000-0000-4000-8000-00000000abcd";
const KEY_ID = "issuer-key-1";
const WWW_AUTHENTICATE =
  'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';

const issuerKey = generateKeyPairSync("rsa", { modulusLength: 2048 });

let jwks: Server;
let jwksUri: string;
let jwksRequests = 0;
beforeAll(async () => {
  const publicJwk = { ...(await exportJWK(issuerKey.publicKey)), kid: KEY_ID, alg: "RS256", use: "sig" };
  const body = JSON.stringify({ keys: [publicJwk] });
  jwks = createServer((request, response) => {
    jwksRequests++;
    if (request.url !== "/keys") {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": "application/json" }).end(body);
  });
  jwks.listen(0, "127.0.0.1");
  await once(jwks, "listening");
  jwksUri = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/keys`;
});
afterAll(async () => {
  jwks.close();
  await once(jwks, "close");
});

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ AUTH_JWKS_URI: jwksUri, AUTH_ISSUER: ISSUER, AUTH_AUDIENCES: AUDIENCE });
});
afterEach(() => t.close());

function issuerToken(changes: JWTPayload = {}, key: KeyObject = issuerKey.privateKey, kid = KEY_ID) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: ISSUER,
    aud: AUDIENCE,
    tid: TENANT_ID,
    scp: "DeviceManagementApps.ReadWrite.All",
    iat: now,
    nbf: now,
    exp: now + 3600,
    ...changes,
  })
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid })
    .sign(key);
}

const webApp = { "@odata.type": "#microsoft.graph.webApp", displayName: "Contoso Portal" };

describe("issuer mode: tokens of the configured issuer", () => {
  it("are accepted: 201 on createMobileApp and createUserStatus, 200 on listUserStatuses", async () => {
    const token = await issuerToken();
    const app = await t.call({ method: "POST", url: appsPath, token, payload: webApp });
    expect(app.statusCode, app.body).toBe(201);
    const appId = app.json().id as string;
    const status = await t.call({ method: "POST", url: statusesPath(appId), token, payload: { userName: "A" } });
    expect(status.statusCode, status.body).toBe(201);
    const listed = await t.call({ method: "GET", url: statusesPath(appId), token });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().value).toEqual([status.json()].map(({ "@odata.context": _, ...rest }) => rest));
    expect(jwksRequests).toBeGreaterThan(0);
  });

  it("still need the operation's permission: a Read.All token may list but not create", async () => {
    const token = await issuerToken({ scp: "DeviceManagementApps.Read.All" });
    expect((await t.call({ method: "GET", url: appsPath, token })).statusCode).toBe(200);
    const refused = await t.call({ method: "POST", url: appsPath, token, payload: webApp });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe("Forbidden");
    expect(refused.json().error.message).toContain("DeviceManagementApps.ReadWrite.All");
  });
});

describe("issuer mode: tokens that are refused with 401", () => {
  const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  const INVALID = "Access token validation failure.";
  const refused: Array<[string, (t: TestApp) => Promise<string>, string]> = [
    [
      "a token of the issuer's key with another iss",
      () => issuerToken({ iss: "https://other.example/tenant/" }),
      INVALID,
    ],
    [
      "a token of the issuer's key with the Entra issuer of its tid",
      () => issuerToken({ iss: `https://sts.windows.net/${TENANT_ID}/` }),
      INVALID,
    ],
    ["a token signed with the local key (mintLocalToken)", (t) => mintLocalToken(t.key), INVALID],
    [
      "a token signed with the local key under the configured iss",
      (t) => mintLocalToken(t.key, { issuer: ISSUER }),
      INVALID,
    ],
    ["a token signed by another key under the issuer's kid", () => issuerToken({}, otherKey, KEY_ID), INVALID],
    [
      "a token for an audience outside AUTH_AUDIENCES",
      () => issuerToken({ aud: "00000003-0000-0000-c000-000000000000" }),
      "Access token validation failure. Invalid audience.",
    ],
    [
      "an expired token",
      () => issuerToken({ exp: Math.floor(Date.now() / 1000) - 3600 }),
      "Access token has expired or is not yet valid.",
    ],
  ];

  it.each(refused)("%s", async (_name, mint, message) => {
    const response = await t.call({ method: "POST", url: appsPath, token: await mint(t), payload: webApp });
    expect(response.statusCode).toBe(401);
    expect(response.headers["www-authenticate"]).toBe(WWW_AUTHENTICATE);
    expect(response.json().error).toMatchObject({ code: "InvalidAuthenticationToken", message });
    expect(await t.store.listTenants()).toEqual([]);
  });
});

describe("issuer mode: configuration", () => {
  const base = { DATABASE_URL: "sqlite::memory:" };

  it("requires AUTH_ISSUER with AUTH_JWKS_URI", () => {
    const load = () => loadConfig({ ...base, AUTH_JWKS_URI: "https://issuer.example/keys", AUTH_AUDIENCES: AUDIENCE });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/AUTH_ISSUER/);
  });

  it("requires AUTH_AUDIENCES with AUTH_JWKS_URI", () => {
    const load = () => loadConfig({ ...base, AUTH_JWKS_URI: "https://issuer.example/keys", AUTH_ISSUER: ISSUER });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/AUTH_AUDIENCES/);
  });

  it("refuses AUTH_ISSUER without AUTH_JWKS_URI, and a JWKS URI that is not http(s)", () => {
    expect(() => loadConfig({ ...base, AUTH_ISSUER: ISSUER })).toThrow(/AUTH_JWKS_URI/);
    const ftp = () =>
      loadConfig({ ...base, AUTH_JWKS_URI: "ftp://x/keys", AUTH_ISSUER: ISSUER, AUTH_AUDIENCES: AUDIENCE });
    expect(ftp).toThrow(ConfigError);
    expect(ftp).toThrow(/AUTH_JWKS_URI/);
  });

  it("reads a comma-separated list of issuers", () => {
    const config = loadConfig({
      ...base,
      AUTH_JWKS_URI: "https://issuer.example/keys",
      AUTH_ISSUER: `${ISSUER}, https://second.example/`,
      AUTH_AUDIENCES: AUDIENCE,
    });
    expect(config.auth).toMatchObject({ mode: "issuer", issuers: [ISSUER, "https://second.example/"] });
  });
});

describe("issuer mode: an unreachable issuer", () => {
  it("answers 503 ServiceUnavailable with Retry-After, not a 401 that blames a good token", async () => {
    const closed = createServer();
    closed.listen(0, "127.0.0.1");
    await once(closed, "listening");
    const deadUri = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/keys`;
    closed.close();
    await once(closed, "close");
    const cut = await createTestApp({ AUTH_JWKS_URI: deadUri, AUTH_ISSUER: ISSUER, AUTH_AUDIENCES: AUDIENCE });
    try {
      const response = await cut.call({ method: "GET", url: appsPath, token: await issuerToken() });
      expect(response.statusCode).toBe(503);
      expect(response.headers["retry-after"]).toBe("5");
      expect(response.json().error.code).toBe("ServiceUnavailable");
    } finally {
      await cut.close();
    }
  });
});
