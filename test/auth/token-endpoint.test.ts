// The Entra-shaped endpoints in process: discovery, keys, the client credentials token endpoint, its tokens
// accepted by /beta, and Entra's error shape and codes for every way a request can be wrong (never a 5xx,
// nothing stored). The real MSAL and azure-identity are driven against them in test/clients/entra-clients.test.ts.
import { X509Certificate } from "node:crypto";
import { decodeJwt, decodeProtectedHeader, importPKCS8, SignJWT } from "jose";
import { generate } from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashClientSecret } from "../../src/auth/client-secrets.ts";
import { appsPath, createTestApp, type TestApp } from "../helpers/test-app.ts";

const TENANT = "5f1a0c1e-7b9d-4c2a-9e1b-3d4f5a6b7c8d";
const CLIENT = "0d7c6f5e-4b3a-4291-8e7d-6c5b4a392817";
const CERT_CLIENT = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
const SECRET = "s3cr3t-Value~with.Chars_0123456789abcdef";
const GRAPH_SCOPE = "https://graph.microsoft.com/.default";
const TOKEN_URL = `/${TENANT}/oauth2/v2.0/token`;

let t: TestApp;
let certificateKey: string;
let certificatePem: string;

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const requestToken = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
  t.call({
    method: "POST",
    url: TOKEN_URL,
    token: false,
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    payload: form(fields),
  });
const secretRequest = {
  grant_type: "client_credentials",
  client_id: CLIENT,
  client_secret: SECRET,
  scope: GRAPH_SCOPE,
};

async function assertion(overrides: { aud?: string; iss?: string; exp?: number; x5t?: string } = {}) {
  const cert = new X509Certificate(certificatePem);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ jti: crypto.randomUUID() })
    .setProtectedHeader({
      alg: "RS256",
      typ: "JWT",
      "x5t#S256": overrides.x5t ?? Buffer.from(cert.fingerprint256.replaceAll(":", ""), "hex").toString("base64url"),
    })
    .setIssuer(overrides.iss ?? CERT_CLIENT)
    .setSubject(CERT_CLIENT)
    .setAudience(overrides.aud ?? `http://localhost:80${TOKEN_URL}`)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(overrides.exp ?? now + 600)
    .sign(await importPKCS8(certificateKey, "RS256"));
}

beforeAll(async () => {
  t = await createTestApp();
  const pems = await generate([{ name: "commonName", value: "token-endpoint-test" }], {
    keyType: "rsa",
    keySize: 2048,
    algorithm: "sha256",
  });
  certificateKey = pems.private;
  certificatePem = pems.cert;
  const base = {
    tenantId: TENANT,
    displayName: "test",
    secretHash: hashClientSecret(SECRET),
    createdDateTime: new Date().toISOString(),
  };
  await t.store.createClientRegistration({
    ...base,
    clientId: CLIENT,
    roles: ["DeviceManagementApps.ReadWrite.All"],
    certificate: null,
  });
  await t.store.createClientRegistration({
    ...base,
    clientId: CERT_CLIENT,
    roles: ["DeviceManagementApps.Read.All"],
    certificate: certificatePem,
  });
});
afterAll(() => t.close());

describe("getOpenIdConfiguration", () => {
  it("names this service's endpoints for a tenant with registrations", async () => {
    const response = await t.call({
      url: `/${TENANT}/v2.0/.well-known/openid-configuration`,
      token: false,
      headers: { host: "localhost:80" },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      token_endpoint: `http://localhost:80/${TENANT}/oauth2/v2.0/token`,
      jwks_uri: `http://localhost:80/${TENANT}/discovery/v2.0/keys`,
      issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    });
  });

  it("answers an unknown tenant 400 invalid_tenant, AADSTS90002", async () => {
    const response = await t.call({
      url: "/11111111-2222-4333-8444-555555555555/v2.0/.well-known/openid-configuration",
      token: false,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: "invalid_tenant", error_codes: [90002] });
  });
});

describe("getSigningKeys", () => {
  it("publishes the key that signs the service's tokens", async () => {
    const response = await t.call({ url: `/${TENANT}/discovery/v2.0/keys`, token: false });
    expect(response.statusCode).toBe(200);
    expect(response.json().keys).toEqual([expect.objectContaining({ kty: "RSA", use: "sig", kid: t.key.keyId })]);
  });
});

describe("requestToken", () => {
  it("issues a Graph app-only token for a client secret, which /beta accepts", async () => {
    const response = await requestToken(secretRequest);
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-store");
    const body = response.json();
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599 });
    expect(decodeProtectedHeader(body.access_token)).toMatchObject({ alg: "RS256", kid: t.key.keyId });
    const claims = decodeJwt(body.access_token);
    expect(claims).toMatchObject({
      aud: "https://graph.microsoft.com",
      iss: `https://sts.windows.net/${TENANT}/`,
      tid: TENANT,
      appid: CLIENT,
      appidacr: "1",
      idtyp: "app",
      roles: ["DeviceManagementApps.ReadWrite.All"],
      ver: "1.0",
    });
    expect((claims.exp as number) - (claims.iat as number)).toBe(3600);
    expect(claims.sub).toBe(claims.oid);
    const created = await t.call({
      method: "POST",
      url: appsPath,
      token: body.access_token,
      payload: {
        "@odata.type": "#microsoft.graph.webApp",
        displayName: "By a client secret",
        appUrl: "https://contoso.example",
      },
    });
    expect(created.statusCode).toBe(201);
  });

  it("takes the service's own origin as naming Graph, as PowerShell's Connect-MgGraph asks", async () => {
    const response = await requestToken(
      { ...secretRequest, scope: "http://localhost:80/.default" },
      { host: "localhost:80" },
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(decodeJwt(response.json().access_token).aud).toBe("https://graph.microsoft.com");
  });

  it("issues a token for a certificate client assertion (RFC 7523), with the registration's roles", async () => {
    const response = await requestToken(
      {
        grant_type: "client_credentials",
        client_id: CERT_CLIENT,
        scope: GRAPH_SCOPE,
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: await assertion(),
      },
      { host: "localhost:80" },
    );
    expect(response.statusCode, response.body).toBe(200);
    const claims = decodeJwt(response.json().access_token);
    expect(claims).toMatchObject({ appid: CERT_CLIENT, appidacr: "2", roles: ["DeviceManagementApps.Read.All"] });
    const write = await t.call({
      method: "POST",
      url: appsPath,
      token: response.json().access_token,
      payload: { "@odata.type": "#microsoft.graph.webApp", displayName: "x", appUrl: "https://contoso.example" },
    });
    expect(write.statusCode).toBe(403);
  });

  it("answers Entra's error shape, with the client's client-request-id as correlation id", async () => {
    const correlation = "8d3c6a1e-2f4b-4c5d-9e6f-7a8b9c0d1e2f";
    const response = await requestToken(
      { ...secretRequest, client_secret: "wrong" },
      { "client-request-id": correlation },
    );
    expect(response.statusCode).toBe(401);
    const body = response.json();
    expect(body).toEqual({
      error: "invalid_client",
      error_description: expect.stringMatching(
        /^AADSTS7000215: Invalid client secret provided\. .* Correlation ID: 8d3c6a1e/,
      ),
      error_codes: [7000215],
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/),
      trace_id: expect.any(String),
      correlation_id: correlation,
      error_uri: "https://login.microsoftonline.com/error?code=7000215",
    });
  });

  const bad: [string, Record<string, string> | string, string | undefined, number, string, number][] = [
    [
      "an unknown client",
      { ...secretRequest, client_id: "6e2f0c1b-0000-4000-8000-000000000000" },
      undefined,
      400,
      "unauthorized_client",
      700016,
    ],
    ["a wrong secret", { ...secretRequest, client_secret: "nope" }, undefined, 401, "invalid_client", 7000215],
    [
      "no credential",
      { grant_type: "client_credentials", client_id: CLIENT, scope: GRAPH_SCOPE },
      undefined,
      400,
      "invalid_client",
      7000216,
    ],
    [
      "no grant_type",
      { client_id: CLIENT, client_secret: SECRET, scope: GRAPH_SCOPE },
      undefined,
      400,
      "invalid_request",
      900144,
    ],
    [
      "no client_id",
      { grant_type: "client_credentials", client_secret: SECRET, scope: GRAPH_SCOPE },
      undefined,
      400,
      "invalid_request",
      900144,
    ],
    [
      "no scope",
      { grant_type: "client_credentials", client_id: CLIENT, client_secret: SECRET },
      undefined,
      400,
      "invalid_request",
      900144,
    ],
    [
      "a scope without /.default",
      { ...secretRequest, scope: "https://graph.microsoft.com/User.Read" },
      undefined,
      400,
      "invalid_scope",
      1002012,
    ],
    [
      "another resource's scope",
      { ...secretRequest, scope: "https://management.azure.com/.default" },
      undefined,
      400,
      "invalid_resource",
      500011,
    ],
    ["two scopes", { ...secretRequest, scope: `${GRAPH_SCOPE} openid` }, undefined, 400, "invalid_scope", 1002012],
    [
      "the password grant",
      { ...secretRequest, grant_type: "password" },
      undefined,
      400,
      "unsupported_grant_type",
      70003,
    ],
    [
      "a repeated parameter",
      "grant_type=client_credentials&grant_type=client_credentials",
      undefined,
      400,
      "invalid_request",
      90100,
    ],
    [
      "a value over its limit",
      { ...secretRequest, client_secret: "x".repeat(1001) },
      undefined,
      400,
      "invalid_request",
      90100,
    ],
    ["a NUL in a value", { ...secretRequest, client_id: "a\u0000b" }, undefined, 400, "invalid_request", 90100],
    ["a JSON body", JSON.stringify(secretRequest), "application/json", 400, "invalid_request", 900144],
    ["a text body", form(secretRequest), "text/plain", 400, "invalid_request", 900144],
    ["an unknown media type", form(secretRequest), "application/xml", 400, "invalid_request", 900144],
    ["malformed JSON", "{", "application/json", 400, "invalid_request", 900144],
    ["an empty body", "", undefined, 400, "invalid_request", 900144],
    [
      "a body over 64 KiB",
      form({ ...secretRequest, padding: "x".repeat(70_000) }),
      undefined,
      413,
      "invalid_request",
      90100,
    ],
    [
      "a client assertion that is no JWT",
      {
        grant_type: "client_credentials",
        client_id: CERT_CLIENT,
        scope: GRAPH_SCOPE,
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: "not.a.jwt",
      },
      undefined,
      400,
      "invalid_client",
      50027,
    ],
    [
      "a wrong client_assertion_type",
      {
        grant_type: "client_credentials",
        client_id: CERT_CLIENT,
        scope: GRAPH_SCOPE,
        client_assertion_type: "saml",
        client_assertion: "x",
      },
      undefined,
      400,
      "invalid_request",
      90100,
    ],
    [
      "a client assertion of a client without a certificate",
      {
        grant_type: "client_credentials",
        client_id: CLIENT,
        scope: GRAPH_SCOPE,
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: "eyJhbGciOiJSUzI1NiJ9.e30.c2ln",
      },
      undefined,
      401,
      "invalid_client",
      700027,
    ],
  ];
  it.each(bad)(
    "answers %s with Entra's error, never a 5xx",
    async (_name, fields, contentType, status, error, code) => {
      const response = await t.call({
        method: "POST",
        url: TOKEN_URL,
        token: false,
        headers: { "content-type": contentType ?? "application/x-www-form-urlencoded" },
        payload: typeof fields === "string" ? fields : form(fields),
      });
      expect(response.statusCode, response.body).toBe(status);
      expect(response.json()).toMatchObject({ error, error_codes: [code] });
    },
  );

  it.each([
    ["another audience", { aud: "https://login.microsoftonline.com/x/oauth2/v2.0/token" }, 700027],
    ["another issuer", { iss: "someone-else" }, 700027],
    ["an expired assertion", { exp: Math.floor(Date.now() / 1000) - 3600 }, 700024],
    ["another certificate's thumbprint", { x5t: "AAAA" }, 700027],
  ])("refuses a client assertion with %s: 401 invalid_client", async (_name, overrides, code) => {
    const response = await requestToken(
      {
        grant_type: "client_credentials",
        client_id: CERT_CLIENT,
        scope: GRAPH_SCOPE,
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: await assertion(overrides),
      },
      { host: "localhost:80" },
    );
    expect(response.statusCode, response.body).toBe(401);
    expect(response.json()).toMatchObject({ error: "invalid_client", error_codes: [code] });
  });

  it("answers an unknown tenant 400 invalid_tenant", async () => {
    const response = await t.call({
      method: "POST",
      url: "/common/oauth2/v2.0/token",
      token: false,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: form(secretRequest),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: "invalid_tenant", error_codes: [90002] });
  });

  it("refuses a form sent to a /beta operation (415), so no body reaches a handler unvalidated", async () => {
    const response = await t.call({
      method: "POST",
      url: appsPath,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "displayName=x",
    });
    expect(response.statusCode).toBe(415);
  });

  it("stores nothing, whatever it is sent", async () => {
    const before = await t.store.listClientRegistrations();
    await requestToken({ ...secretRequest, client_id: "new-client" });
    expect(await t.store.listClientRegistrations()).toEqual(before);
  });
});
