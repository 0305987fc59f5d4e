// Tenants, over HTTP: the table below is generated from the spec's /beta operations, so that an operation
// added later is covered (or fails here, naming what the table lacks). A token of tenant B, delegated or
// application, reaches nothing of tenant A's: A's ids answer exactly as ids that exist nowhere (404), B's own
// collection is empty, and A's data reads back unchanged afterwards.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_TENANT_ID, type TokenRequest } from "../../src/auth/local-tokens.ts";
import { loadSpec } from "../../src/spec.ts";
import { tenantSnapshot } from "../helpers/store-views.ts";
import { appsPath, type CallResponse, createTestApp, statusesPath, type TestApp } from "../helpers/test-app.ts";

const TENANT_B = "0f0e0d0c-0000-4000-8000-0000000000bb";
const WRITE = "DeviceManagementApps.ReadWrite.All";

/** A valid body for a create or update in each collection, by the collection's path segment. */
const BODIES: Record<string, object> = {
  mobileApps: { "@odata.type": "#microsoft.graph.webApp", displayName: "B's app", appUrl: "https://b.example" },
  userStatuses: { "@odata.type": "#microsoft.graph.userAppInstallStatus", userName: "B", installedDeviceCount: 1 },
  deviceStatuses: {
    "@odata.type": "#microsoft.graph.mobileAppInstallStatus",
    deviceName: "B's device",
    lastSyncDateTime: "2024-05-01T10:00:00Z",
    mobileAppInstallStatusValue: "installed",
    installState: "installed",
    installStateDetail: "noAdditionalDetails",
    errorCode: 0,
  },
};

interface Operation {
  operationId: string;
  method: string;
  path: string;
}

const spec = loadSpec();
/** Every /beta operation behind the bearer token: those are the ones that reach a tenant's data. */
const operations: Operation[] = Object.entries(spec.paths)
  .filter(([path]) => path.startsWith("/beta/"))
  .flatMap(([path, item]) =>
    Object.entries(item as Record<string, { operationId?: string; security?: object[] }>)
      .filter(([, operation]) => typeof operation?.operationId === "string")
      .filter(([, operation]) => (operation.security ?? spec.security ?? []).some((s) => "bearerAuth" in s))
      .map(([method, operation]) => ({
        operationId: operation.operationId as string,
        method: method.toUpperCase(),
        path,
      })),
  );

/** A batch of reads and writes of tenant A's entities, each of which must answer 404 inside. */
function batchOf(ids: Record<string, string>): object {
  const app = `/deviceAppManagement/mobileApps/${ids.mobileAppId}`;
  const status = `${app}/userStatuses/${ids.userAppInstallStatusId}`;
  return {
    requests: [
      { id: "1", method: "GET", url: app },
      { id: "2", method: "GET", url: `${status}/deviceStatuses/${ids.mobileAppInstallStatusId}` },
      {
        id: "3",
        method: "PATCH",
        url: status,
        headers: { "content-type": "application/json" },
        body: { userName: "B" },
      },
      { id: "4", method: "DELETE", url: `${app}/deviceStatuses/${ids.mobileAppInstallStatusId}` },
    ],
  };
}

/** The collection an operation writes to: the last segment of a create, the one before the key of an update. */
function bodyOf({ method, path }: Operation): object | undefined {
  if (method !== "POST" && method !== "PATCH") return undefined;
  if (path === "/beta/$batch") return batchOf(owned);
  const segments = path.split("/");
  const collection = method === "POST" ? segments.at(-1) : segments.at(-2);
  const body = BODIES[collection as string];
  if (!body) throw new Error(`No request body for ${method} ${path}: add one for '${collection}' to BODIES.`);
  return body;
}

/** The operation's URL with its path parameters taken from `ids`; an unknown parameter fails the table. */
function urlOf({ path }: Operation, ids: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const id = ids[name];
    if (id === undefined) throw new Error(`No id for the path parameter '${name}' of ${path}: extend the table.`);
    return encodeURIComponent(id);
  });
}

/** A 404 with the ids it names replaced, to compare an answer about A's ids with one about ids that do not exist. */
function notFoundShape(response: CallResponse, ids: Record<string, string>) {
  const body = response.json() as { error: { code: string; message: string; innerError: object } };
  let message = body.error.message;
  for (const [name, id] of Object.entries(ids)) message = message.replaceAll(id, `{${name}}`);
  return {
    status: response.statusCode,
    code: body.error.code,
    message,
    innerError: Object.keys(body.error.innerError),
  };
}

let t: TestApp;
/** Tenant A's (the default token's) entities. */
let owned: Record<string, string>;
let before: unknown;

beforeAll(async () => {
  t = await createTestApp();
  const appId = await t.createApp("A's app");
  await t.createApp("A's second app");
  for (const id of ["a-status-1", "a-status-2"]) {
    await t.call({ method: "POST", url: statusesPath(appId), payload: { id, userName: "A" } });
  }
  const device = await t.call({
    method: "POST",
    url: `${statusesPath(appId)}/a-status-1/deviceStatuses`,
    payload: { ...BODIES.deviceStatuses, id: "a-device-1" },
  });
  expect(device.statusCode).toBe(201);
  const appDevice = await t.call({
    method: "POST",
    url: `${appsPath}/${appId}/deviceStatuses`,
    payload: { ...BODIES.deviceStatuses, id: "a-device-1" },
  });
  expect(appDevice.statusCode).toBe(201);
  owned = { mobileAppId: appId, userAppInstallStatusId: "a-status-1", mobileAppInstallStatusId: "a-device-1" };
  before = await tenantSnapshot(t.store.forTenant(LOCAL_TENANT_ID));
});
afterAll(() => t.close());

const principals: { kind: string; request: TokenRequest }[] = [
  { kind: "delegated", request: { tenantId: TENANT_B, scopes: [WRITE] } },
  { kind: "application", request: { tenantId: TENANT_B, roles: [WRITE] } },
];

describe.each(principals)("a $kind token of another tenant", ({ request }) => {
  it.each(operations)("$method $path ($operationId) reaches nothing of tenant A's", async (operation) => {
    const token = await t.token(request);
    const body = bodyOf(operation);
    const hasKey = operation.path.includes("{");
    const isList = operation.operationId.startsWith("list");
    for (const query of isList ? ["", "?$count=true&$top=1"] : [""]) {
      const send = (ids: Record<string, string>) =>
        t.call({
          method: operation.method as "GET",
          url: `${urlOf(operation, ids)}${query}`,
          token,
          ...(body ? { payload: body } : {}),
        });
      const answer = await send(owned);
      if (hasKey) {
        // Exactly as for ids that exist nowhere: never 403, nothing that confirms A's entity exists.
        const missing = {
          mobileAppId: randomUUID(),
          userAppInstallStatusId: randomUUID(),
          mobileAppInstallStatusId: randomUUID(),
        };
        expect(answer.statusCode, answer.body).toBe(404);
        expect(notFoundShape(answer, owned)).toEqual(notFoundShape(await send(missing), missing));
      } else if (operation.operationId === "sendBatch") {
        expect(answer.statusCode, answer.body).toBe(200);
        const statuses = (answer.json().responses as { status: number }[]).map((response) => response.status);
        expect(statuses).toEqual([404, 404, 404, 404]);
      } else if (operation.method === "POST") {
        expect(answer.statusCode, answer.body).toBe(201); // into B's own collection
      } else if (operation.path.endsWith("/$count")) {
        expect(answer.statusCode).toBe(200);
        expect(Number(answer.body)).toBe(await ownAppCount(token));
      } else {
        expect(answer.statusCode).toBe(200);
        const items = answer.json().value as { displayName?: string }[];
        expect(items.every((item) => item.displayName === "B's app")).toBe(true);
        if (query) expect(answer.json()["@odata.count"]).toBe(await ownAppCount(token));
      }
    }
    expect(await tenantSnapshot(t.store.forTenant(LOCAL_TENANT_ID))).toEqual(before);
  });
});

/** How many apps B itself created (through the table's own creates). */
async function ownAppCount(token: string): Promise<number> {
  const all = await t.call({ method: "GET", url: `${appsPath}?$top=999`, token });
  return (all.json().value as unknown[]).length;
}

describe("a nextLink", () => {
  it("followed with another tenant's token yields none of the rows it was made for", async () => {
    const token = await t.token({ tenantId: TENANT_B });
    const apps = await t.call({ method: "GET", url: `${appsPath}?$top=1&$orderby=displayName` });
    const appsNext = apps.json()["@odata.nextLink"] as string;
    expect(appsNext).toContain("$skiptoken=");
    const followed = await t.call({ method: "GET", url: new URL(appsNext).pathname + new URL(appsNext).search, token });
    expect(followed.statusCode).toBe(200);
    expect(
      (followed.json().value as { displayName: string }[]).filter((app) => app.displayName.startsWith("A's")),
    ).toEqual([]);

    const statuses = await t.call({ method: "GET", url: `${statusesPath(owned.mobileAppId as string)}?$top=1` });
    const statusesNext = new URL(statuses.json()["@odata.nextLink"] as string);
    const refused = await t.call({ method: "GET", url: statusesNext.pathname + statusesNext.search, token });
    expect(refused.statusCode).toBe(404);
  });
});

describe("a token without a tenant", () => {
  it("is refused with 401: every entity belongs to a tenant", async () => {
    const { SignJWT } = await import("jose");
    const token = await new SignJWT({ roles: [WRITE], appid: randomUUID() })
      .setProtectedHeader({ alg: "RS256", kid: t.key.keyId })
      .setIssuer("https://sts.windows.net//")
      .setAudience("https://graph.microsoft.com")
      .setExpirationTime("1h")
      .sign(t.key.privateKey);
    const response = await t.call({ method: "GET", url: appsPath, token });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe("InvalidAuthenticationToken");
  });
});
