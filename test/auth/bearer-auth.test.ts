// The bearerAuth security scheme in local mode: which tokens get in, what the others are told, and
// which permissions each operation of the spec asks for (read from its x-graph-permissions).
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { type JWTPayload, SignJWT, UnsecuredJWT } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LOCAL_TENANT_ID } from "../../src/auth/local-tokens.ts";
import { loadContract } from "../helpers/contract.ts";
import { appsPath, type CallOptions, createTestApp, statusesPath, type TestApp } from "../helpers/test-app.ts";

/** What Graph sends with every 401 (GRAPH-CONTRACT.md), spelled out here rather than imported from src/. */
const WWW_AUTHENTICATE =
  'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';
const GRAPH_AUDIENCE = "https://graph.microsoft.com";
const GRAPH_APP_ID_AUDIENCE = "00000003-0000-0000-c000-000000000000";
const PERSONAL_ACCOUNT_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";
const OTHER_TENANT_ID = "0badc0de-0000-4000-8000-000000000001";
const READ = "DeviceManagementApps.Read.All";
const READ_WRITE = "DeviceManagementApps.ReadWrite.All";
const CONFIGURATION_READ = "DeviceManagementConfiguration.Read.All";
const CONFIGURATION_READ_WRITE = "DeviceManagementConfiguration.ReadWrite.All";

const MESSAGES = {
  empty: "Access token is empty.",
  expired: "Access token has expired or is not yet valid.",
  audience: "Access token validation failure. Invalid audience.",
  invalid: "Access token validation failure.",
};

const webApp = { "@odata.type": "#microsoft.graph.webApp", displayName: "Contoso Portal", appUrl: "https://c.example" };

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The claims of an honest local token, for hand-built ones that change one thing. */
function honestClaims(changes: JWTPayload = {}): JWTPayload {
  const now = nowSeconds();
  return {
    tid: LOCAL_TENANT_ID,
    iss: `https://sts.windows.net/${LOCAL_TENANT_ID}/`,
    aud: GRAPH_AUDIENCE,
    scp: READ_WRITE,
    ver: "1.0",
    iat: now,
    nbf: now,
    exp: now + 3600,
    ...changes,
  };
}

function signRs256(payload: JWTPayload, privateKey: KeyObject, kid: string): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: "RS256", typ: "JWT", kid }).sign(privateKey);
}

const strangerKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;

/** Re-encodes the payload with one claim changed and keeps the original signature. */
function tamper(token: string, changes: JWTPayload): string {
  const [header, payload, signature] = token.split(".");
  const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8")) as JWTPayload;
  const forged = Buffer.from(JSON.stringify({ ...claims, ...changes })).toString("base64url");
  return [header, forged, signature].join(".");
}

interface Attack {
  name: string;
  /** The Authorization header to send (undefined: none) and a query string to add to the URL. */
  request: (t: TestApp) => Promise<{ authorization?: string; query?: string }>;
  message: string;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const attacks: Attack[] = [
  { name: "no Authorization header", request: async () => ({}), message: MESSAGES.empty },
  { name: '"Bearer " with no token', request: async () => ({ authorization: "Bearer " }), message: MESSAGES.empty },
  {
    name: "a Basic credential",
    request: async () => ({ authorization: `Basic ${Buffer.from("admin:admin").toString("base64")}` }),
    message: MESSAGES.invalid,
  },
  {
    name: "the token under a non-Bearer scheme",
    request: async (t) => ({ authorization: `Token ${await t.token()}` }),
    message: MESSAGES.invalid,
  },
  {
    name: "an unsigned token (alg none)",
    request: async () => bearer(new UnsecuredJWT(honestClaims()).encode()),
    message: MESSAGES.invalid,
  },
  {
    name: "an HS256 token keyed with the public key's PEM",
    request: async (t) => {
      const pem = t.key.publicKey.export({ type: "spki", format: "pem" }) as string;
      const token = await new SignJWT(honestClaims())
        .setProtectedHeader({ alg: "HS256", typ: "JWT", kid: t.key.keyId })
        .sign(new TextEncoder().encode(pem));
      return bearer(token);
    },
    message: MESSAGES.invalid,
  },
  {
    name: "a token expired beyond the clock skew",
    request: async (t) => bearer(await t.token({ expiresInSeconds: -120 })),
    message: MESSAGES.expired,
  },
  {
    name: "a token not valid until beyond the clock skew",
    request: async (t) => bearer(await t.token({ notBeforeSeconds: 120 })),
    message: MESSAGES.expired,
  },
  {
    name: "a token for another audience",
    request: async (t) => bearer(await t.token({ audience: "https://management.azure.com" })),
    message: MESSAGES.audience,
  },
  {
    name: "a token whose issuer is not its tenant's Entra issuer",
    request: async (t) => bearer(await t.token({ issuer: `https://sts.windows.net/${OTHER_TENANT_ID}/` })),
    message: MESSAGES.invalid,
  },
  {
    name: "a token from an unrelated issuer",
    request: async (t) => bearer(await t.token({ issuer: "https://evil.example/" })),
    message: MESSAGES.invalid,
  },
  {
    name: "a token without an issuer",
    request: async (t) => {
      const { iss: _iss, ...claims } = honestClaims();
      return bearer(await signRs256(claims, t.key.privateKey, t.key.keyId));
    },
    message: MESSAGES.invalid,
  },
  {
    name: "a tampered payload (Read.All raised to ReadWrite.All, signature kept)",
    request: async (t) => bearer(tamper(await t.token({ scopes: [READ] }), { scp: READ_WRITE })),
    message: MESSAGES.invalid,
  },
  {
    name: "a tampered payload (expiry extended, signature kept)",
    request: async (t) => bearer(tamper(await t.token({ expiresInSeconds: -3600 }), { exp: nowSeconds() + 3600 })),
    message: MESSAGES.invalid,
  },
  {
    name: "a token signed by another RSA key under its own key id",
    request: async () => bearer(await signRs256(honestClaims(), strangerKey, "stranger-key")),
    message: MESSAGES.invalid,
  },
  {
    name: "a token signed by another RSA key that claims the server's key id",
    request: async (t) => bearer(await signRs256(honestClaims(), strangerKey, t.key.keyId)),
    message: MESSAGES.invalid,
  },
  {
    name: "a token signed by the right key under another key id",
    request: async (t) => bearer(await signRs256(honestClaims(), t.key.privateKey, "some-other-kid")),
    message: MESSAGES.invalid,
  },
  {
    name: "a token without a key id",
    request: async (t) => {
      const token = await new SignJWT(honestClaims()).setProtectedHeader({ alg: "RS256" }).sign(t.key.privateKey);
      return bearer(token);
    },
    message: MESSAGES.invalid,
  },
  {
    name: "a token without exp",
    request: async (t) => {
      const { exp: _exp, ...claims } = honestClaims();
      return bearer(await signRs256(claims, t.key.privateKey, t.key.keyId));
    },
    message: MESSAGES.invalid,
  },
  { name: 'a malformed token ("abc.def")', request: async () => bearer("abc.def"), message: MESSAGES.invalid },
  {
    name: "a token in the query string (?access_token=) without the header",
    request: async (t) => ({ query: `?access_token=${await t.token()}` }),
    message: MESSAGES.empty,
  },
];

describe("bearerAuth: tokens that are refused", () => {
  it.each(attacks)("answers 401 InvalidAuthenticationToken to $name, and creates nothing", async (attack) => {
    const { authorization, query = "" } = await attack.request(t);
    const response = await t.call({
      method: "POST",
      url: `${appsPath}${query}`,
      token: false,
      headers: authorization === undefined ? {} : { authorization },
      payload: webApp,
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers["www-authenticate"]).toBe(WWW_AUTHENTICATE);
    const { error } = response.json();
    expect(error.code).toBe("InvalidAuthenticationToken");
    expect(error.message).toBe(attack.message);
    expect(await t.store.listTenants()).toEqual([]);
  });

  it("authenticates before it reads the body: a bad token with a broken body answers 401", async () => {
    const response = await t.call({
      method: "POST",
      url: appsPath,
      token: "abc.def",
      headers: { "content-type": "application/json" },
      payload: "{not json",
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe("InvalidAuthenticationToken");
  });
});

describe("bearerAuth: tokens that are accepted", () => {
  const accepted: Array<[string, (t: TestApp) => Promise<string>]> = [
    ["a freshly minted local token", (t) => t.token()],
    ["a token that expired 30 s ago (within the 60 s clock skew)", (t) => t.token({ expiresInSeconds: -30 })],
    ["a token valid from 30 s from now (within the clock skew)", (t) => t.token({ notBeforeSeconds: 30 })],
    [`a token for aud ${GRAPH_APP_ID_AUDIENCE}`, (t) => t.token({ audience: GRAPH_APP_ID_AUDIENCE })],
    [
      "a token with the v2 issuer of its tenant",
      (t) => t.token({ issuer: `https://login.microsoftonline.com/${LOCAL_TENANT_ID}/v2.0` }),
    ],
    ["a token of another (work) tenant", (t) => t.token({ tenantId: OTHER_TENANT_ID })],
    // The control for the hand-built attacks above: built the same way, changed in nothing.
    ["a hand-built token with honest claims", (t) => signRs256(honestClaims(), t.key.privateKey, t.key.keyId)],
  ];

  it.each(accepted)("accepts %s", async (_name, mint) => {
    const token = await mint(t);
    const created = await t.call({ method: "POST", url: appsPath, token, payload: webApp });
    expect(created.statusCode).toBe(201);
    const listed = await t.call({ method: "GET", url: appsPath, token });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().value).toHaveLength(1);
  });

  it("accepts the scheme name in any case, as RFC 6750 allows", async () => {
    const response = await t.call({
      method: "GET",
      url: appsPath,
      token: false,
      headers: { authorization: `bearer ${await t.token()}` },
    });
    expect(response.statusCode).toBe(200);
  });
});

// ---- The permission matrix: every /beta operation of the spec × a set of tokens ----

interface Permissions {
  delegated: string[];
  application: string[];
}
interface SpecOperation {
  operationId: string;
  responses: Record<string, unknown>;
  security?: unknown[];
  "x-graph-permissions"?: Permissions;
}
interface BetaOperation {
  operationId: string;
  method: string;
  path: string;
  permissions: Permissions;
  /** The operation's one documented 2xx status. */
  success: number;
}

const METHODS = ["get", "post", "put", "patch", "delete"];
const spec = (await loadContract()).document as unknown as { paths: Record<string, Record<string, SpecOperation>> };
const betaOperations: BetaOperation[] = Object.entries(spec.paths)
  .filter(([path]) => path.startsWith("/beta/"))
  .flatMap(([path, item]) =>
    Object.entries(item)
      // $metadata is open to anyone, as on Graph: no token, so no permission to hold.
      .filter(([method, operation]) => METHODS.includes(method) && operation.security?.length !== 0)
      .map(([method, operation]) => {
        const successes = Object.keys(operation.responses).filter((status) => /^2\d\d$/.test(status));
        const permissions = operation["x-graph-permissions"];
        if (successes.length !== 1 || !permissions) {
          throw new Error(`${operation.operationId}: expected one 2xx response and x-graph-permissions`);
        }
        return { operationId: operation.operationId, method, path, permissions, success: Number(successes[0]) };
      }),
  );

interface Fixture {
  appId: string;
  statusId: string;
  deviceStatusId: string;
}
const statusPath = (f: Fixture) => `${statusesPath(f.appId)}/${f.statusId}`;
const deviceStatusesPath = (f: Fixture) => `${statusPath(f)}/deviceStatuses`;
const appDeviceStatusesPath = (f: Fixture) => `${appsPath}/${f.appId}/deviceStatuses`;
/** A request for each operation that succeeds when the token is good enough. */
const requests: Record<string, (f: Fixture) => CallOptions> = {
  listMobileApps: () => ({ method: "GET", url: appsPath }),
  createMobileApp: () => ({ method: "POST", url: appsPath, payload: { ...webApp, displayName: "New" } }),
  getMobileApp: (f) => ({ method: "GET", url: `${appsPath}/${f.appId}` }),
  updateMobileApp: (f) => ({
    method: "PATCH",
    url: `${appsPath}/${f.appId}`,
    payload: { "@odata.type": "#microsoft.graph.webApp", displayName: "Renamed" },
  }),
  deleteMobileApp: (f) => ({ method: "DELETE", url: `${appsPath}/${f.appId}` }),
  countMobileApps: () => ({ method: "GET", url: `${appsPath}/$count` }),
  listUserStatuses: (f) => ({ method: "GET", url: statusesPath(f.appId) }),
  countUserStatuses: (f) => ({ method: "GET", url: `${statusesPath(f.appId)}/$count` }),
  createUserStatus: (f) => ({ method: "POST", url: statusesPath(f.appId), payload: { userName: "New" } }),
  getUserStatus: (f) => ({ method: "GET", url: statusPath(f) }),
  updateUserStatus: (f) => ({ method: "PATCH", url: statusPath(f), payload: { failedDeviceCount: 2 } }),
  deleteUserStatus: (f) => ({ method: "DELETE", url: statusPath(f) }),
  // The navigations of userAppInstallStatus (GRAPH-CONTRACT.md), matched when the spec declares them.
  getUserStatusApp: (f) => ({ method: "GET", url: `${statusPath(f)}/app` }),
  listDeviceStatuses: (f) => ({ method: "GET", url: deviceStatusesPath(f) }),
  countDeviceStatuses: (f) => ({ method: "GET", url: `${deviceStatusesPath(f)}/$count` }),
  createDeviceStatus: (f) => ({ method: "POST", url: deviceStatusesPath(f), payload: { deviceName: "New" } }),
  getDeviceStatus: (f) => ({ method: "GET", url: `${deviceStatusesPath(f)}/${f.deviceStatusId}` }),
  updateDeviceStatus: (f) => ({
    method: "PATCH",
    url: `${deviceStatusesPath(f)}/${f.deviceStatusId}`,
    payload: { errorCode: 1 },
  }),
  deleteDeviceStatus: (f) => ({ method: "DELETE", url: `${deviceStatusesPath(f)}/${f.deviceStatusId}` }),
  getDeviceStatusApp: (f) => ({ method: "GET", url: `${deviceStatusesPath(f)}/${f.deviceStatusId}/app` }),
  // The app's own deviceStatuses (mobileApp.deviceStatuses): the same permissions as the user statuses' ones.
  listAppDeviceStatuses: (f) => ({ method: "GET", url: appDeviceStatusesPath(f) }),
  countAppDeviceStatuses: (f) => ({ method: "GET", url: `${appDeviceStatusesPath(f)}/$count` }),
  createAppDeviceStatus: (f) => ({ method: "POST", url: appDeviceStatusesPath(f), payload: { deviceName: "New" } }),
  getAppDeviceStatus: (f) => ({ method: "GET", url: `${appDeviceStatusesPath(f)}/${f.deviceStatusId}` }),
  updateAppDeviceStatus: (f) => ({
    method: "PATCH",
    url: `${appDeviceStatusesPath(f)}/${f.deviceStatusId}`,
    payload: { errorCode: 1 },
  }),
  deleteAppDeviceStatus: (f) => ({ method: "DELETE", url: `${appDeviceStatusesPath(f)}/${f.deviceStatusId}` }),
  getAppDeviceStatusApp: (f) => ({ method: "GET", url: `${appDeviceStatusesPath(f)}/${f.deviceStatusId}/app` }),
  sendBatch: () => ({
    method: "POST",
    url: "/beta/$batch",
    payload: { requests: [{ id: "1", method: "GET", url: "/deviceAppManagement/mobileApps" }] },
  }),
};

interface Caller {
  name: string;
  token: Parameters<TestApp["token"]>[0];
  kind: keyof Permissions;
  holds: string[];
  personal?: boolean;
}
const callers: Caller[] = [
  { name: `a delegated token with scp ${READ}`, token: { scopes: [READ] }, kind: "delegated", holds: [READ] },
  {
    name: `a delegated token with scp ${READ_WRITE}`,
    token: { scopes: [READ_WRITE] },
    kind: "delegated",
    holds: [READ_WRITE],
  },
  { name: "a delegated token with only scp User.Read", token: { scopes: ["User.Read"] }, kind: "delegated", holds: [] },
  { name: `an application token with roles [${READ}]`, token: { roles: [READ] }, kind: "application", holds: [READ] },
  {
    name: `an application token with roles [${READ_WRITE}]`,
    token: { roles: [READ_WRITE] },
    kind: "application",
    holds: [READ_WRITE],
  },
  {
    name: `an application token with roles [${CONFIGURATION_READ}]`,
    token: { roles: [CONFIGURATION_READ] },
    kind: "application",
    holds: [CONFIGURATION_READ],
  },
  {
    // Configuration.Read.All is documented for application tokens only.
    name: `a delegated token with scp ${CONFIGURATION_READ}`,
    token: { scopes: [CONFIGURATION_READ] },
    kind: "delegated",
    holds: [CONFIGURATION_READ],
  },
  {
    name: `an application token with roles [${CONFIGURATION_READ_WRITE}]`,
    token: { roles: [CONFIGURATION_READ_WRITE] },
    kind: "application",
    holds: [CONFIGURATION_READ_WRITE],
  },
  {
    name: `a personal-account token (tid ${PERSONAL_ACCOUNT_TENANT_ID}) with scp ${READ_WRITE}`,
    token: { tenantId: PERSONAL_ACCOUNT_TENANT_ID, scopes: [READ_WRITE] },
    kind: "delegated",
    holds: [READ_WRITE],
    personal: true,
  },
];

describe("x-graph-permissions of the spec", () => {
  it("has a request in this matrix for every /beta operation, with the operation's method", () => {
    const missing = betaOperations.filter((op) => !(op.operationId in requests)).map((op) => op.operationId);
    expect(missing, "operations without a request in the permission matrix").toEqual([]);
    for (const op of betaOperations) {
      const request = requests[op.operationId]?.({ appId: "a", statusId: "s", deviceStatusId: "d" });
      expect(request?.method, op.operationId).toBe(op.method.toUpperCase());
    }
  });

  // The Permissions tables of Microsoft's pages (api-reference/beta/api/, read at the commits recorded in
  // test/fixtures/graph-docs/): every read page says delegated DeviceManagementApps.Read.All or
  // .ReadWrite.All, application also DeviceManagementConfiguration.Read.All; every write page
  // DeviceManagementApps.ReadWrite.All for both. Personal Microsoft accounts: "Not supported." on each.
  // `$count` has no page of its own: it reads the collection, so it takes the list page's permissions.
  const DOCUMENTED_READ = {
    delegated: [READ, READ_WRITE],
    application: [CONFIGURATION_READ, READ, READ_WRITE],
  };
  const DOCUMENTED_WRITE = { delegated: [READ_WRITE], application: [READ_WRITE] };
  const verb = { get: "get", post: "create", patch: "update", delete: "delete" } as Record<string, string>;
  /** The docs pages of an operation, from its path: the resource it reads or writes. */
  const pagesOf = (op: BetaOperation): string[] => {
    const action = op.method === "get" && !/\}(\/app)?$/.test(op.path) ? "list" : verb[op.method];
    if (op.path.endsWith("/app"))
      return ["webapp", "iosstoreapp", "androidstoreapp"].map((k) => `intune-apps-${k}-get.md`);
    if (op.path.includes("/deviceStatuses")) return [`intune-apps-mobileappinstallstatus-${action}.md`];
    if (op.path.includes("/userStatuses")) return [`intune-apps-userappinstallstatus-${action}.md`];
    return ["webapp", "iosstoreapp", "androidstoreapp"].map((k) => `intune-apps-${k}-${action}.md`);
  };

  it.each(betaOperations)("$operationId grants what its docs pages' Permissions tables list", (op) => {
    // $batch asks for any permission a read would: each of its requests is then checked on its own.
    const documented = op.method === "get" || op.operationId === "sendBatch" ? DOCUMENTED_READ : DOCUMENTED_WRITE;
    const sorted = (p: Permissions) => ({ delegated: [...p.delegated].sort(), application: [...p.application].sort() });
    expect(sorted(op.permissions), pagesOf(op).join(", ")).toEqual(sorted(documented));
  });
});

describe.each(betaOperations)("$operationId: permissions", (op) => {
  let fixture: Fixture;
  beforeEach(async () => {
    fixture = { appId: await t.createApp("Fixture"), statusId: "fixture-status", deviceStatusId: "fixture-device" };
    const status = await t.call({
      method: "POST",
      url: statusesPath(fixture.appId),
      payload: { id: fixture.statusId },
    });
    expect(status.statusCode, status.body).toBe(201);
    if (op.path.includes("{mobileAppInstallStatusId}")) {
      const url = op.path.includes("/userStatuses/") ? deviceStatusesPath(fixture) : appDeviceStatusesPath(fixture);
      const device = await t.call({ method: "POST", url, payload: { id: fixture.deviceStatusId } });
      expect(device.statusCode, device.body).toBe(201);
    }
  });

  /** What a refused request must leave as it was, read through the API with a ReadWrite token. */
  const snapshot = async () => {
    const urls = [appsPath, statusesPath(fixture.appId)];
    if (op.path.includes("/deviceStatuses")) urls.push(deviceStatusesPath(fixture), appDeviceStatusesPath(fixture));
    const bodies: unknown[] = [];
    for (const url of urls) bodies.push((await t.call({ method: "GET", url })).json().value);
    return bodies;
  };

  const cases = callers.map((caller) => {
    const accepted = op.permissions[caller.kind];
    const allowed = !caller.personal && caller.holds.some((permission) => accepted.includes(permission));
    return { ...caller, accepted, allowed, outcome: allowed ? `answers ${op.success}` : "answers 403 Forbidden" };
  });

  it.each(cases)("$outcome to $name", async (caller) => {
    const request = requests[op.operationId]?.(fixture);
    if (!request) throw new Error(`no request for ${op.operationId}`);
    const before = await snapshot();
    const response = await t.call({ ...request, token: await t.token(caller.token) });

    if (caller.allowed) {
      expect(response.statusCode, response.body).toBe(op.success);
      return;
    }
    expect(response.statusCode, response.body).toBe(403);
    const { error } = response.json();
    expect(error.code).toBe("Forbidden");
    if (caller.personal) {
      expect(error.message).toBe("Personal Microsoft accounts are not supported for this operation.");
    } else {
      for (const permission of caller.accepted) expect(error.message).toContain(permission);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("permissions: what a token holds", () => {
  it("reads a delegated token's permissions from scp only, never from roles", async () => {
    const token = await t.token({ scopes: ["User.Read"], roles: [READ_WRITE] });
    const response = await t.call({ method: "POST", url: appsPath, token, payload: webApp });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("Forbidden");
  });

  it("matches whole permission names: a scope that only contains a needed one grants nothing", async () => {
    const token = await t.token({ scopes: [`${READ_WRITE}.Extra`, `Not${READ}`] });
    expect((await t.call({ method: "GET", url: appsPath, token })).statusCode).toBe(403);
  });

  it("refuses an application token whose roles is a string rather than an array", async () => {
    const { scp: _scp, ...claims } = honestClaims({ roles: READ_WRITE, idtyp: "app" });
    const token = await signRs256(claims, t.key.privateKey, t.key.keyId);
    expect((await t.call({ method: "GET", url: appsPath, token })).statusCode).toBe(403);
  });
});

describe("AUTH_AUDIENCES", () => {
  it("replaces the Graph audiences: api://custom is accepted, Graph's own are refused", async () => {
    const custom = await createTestApp({ AUTH_AUDIENCES: "api://custom" });
    try {
      const ok = await custom.call({
        method: "GET",
        url: appsPath,
        token: await custom.token({ audience: "api://custom" }),
      });
      expect(ok.statusCode).toBe(200);
      for (const audience of [GRAPH_AUDIENCE, GRAPH_APP_ID_AUDIENCE]) {
        const refused = await custom.call({ method: "GET", url: appsPath, token: await custom.token({ audience }) });
        expect(refused.statusCode, audience).toBe(401);
        expect(refused.headers["www-authenticate"]).toBe(WWW_AUTHENTICATE);
        expect(refused.json().error).toMatchObject({ code: "InvalidAuthenticationToken", message: MESSAGES.audience });
      }
    } finally {
      await custom.close();
    }
  });
});

describe("service operations outside /beta", () => {
  it.each(["/healthz", "/readyz", "/openapi.json"])(
    "%s answers 200 without a token, and with a bad one",
    async (url) => {
      const without = await t.call({ method: "GET", url, token: false });
      expect(without.statusCode).toBe(200);
      expect(without.headers["www-authenticate"]).toBeUndefined();
      const withBad = await t.call({ method: "GET", url, token: "abc.def" });
      expect(withBad.statusCode).toBe(200);
    },
  );
});
