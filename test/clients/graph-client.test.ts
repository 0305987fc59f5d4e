// Microsoft's own JavaScript Graph client (@microsoft/microsoft-graph-client 3.x) pointed at the
// service on a real socket, as a user would point it. The library fetches with the global fetch
// (HTTPMessageHandler calls the bare `fetch`; Node 20 has one, no polyfill needed) and its
// AuthenticationHandler sends tokens only to https Graph hosts, so over plain http the chain sets
// the Authorization header itself. A middleware before the library's HTTPMessageHandler checks
// every response against the contract.
import { randomUUID } from "node:crypto";
import {
  AuthenticationHandler,
  Client,
  type Context,
  GraphError,
  HTTPMessageHandler,
  type Middleware,
  ResponseType,
  RetryHandler,
  RetryHandlerOptions,
} from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Contract, loadContract } from "../helpers/contract.ts";
import { checkResponse, type LiveServer, startLiveServer } from "../helpers/live-server.ts";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STATUS_TYPE = "#microsoft.graph.userAppInstallStatus";

interface Exchange {
  method: string;
  url: string;
  requestHeaders: Headers;
  status: number;
  responseHeaders: Headers;
}

/** A middleware that hands the request on to the next one; `around` runs in its place. */
function middleware(around: (context: Context, next: Middleware) => Promise<void>): Middleware {
  let next: Middleware | undefined;
  return {
    execute(context) {
      if (!next) throw new Error("this middleware cannot end the chain");
      return around(context, next);
    },
    setNext(middleware) {
      next = middleware;
    },
  };
}

const bearerToken = (token: string) =>
  middleware((context, next) => {
    const headers = new Headers(context.options?.headers);
    headers.set("Authorization", `Bearer ${token}`);
    context.options = { ...context.options, headers };
    return next.execute(context);
  });

/** Records each exchange and checks its response against the contract before the library reads it. */
const contractCheck = (contract: Contract, exchanges: Exchange[]) =>
  middleware(async (context, next) => {
    await next.execute(context);
    const { response } = context;
    if (!response) throw new Error("the chain produced no response");
    const url = typeof context.request === "string" ? context.request : context.request.url;
    const method = context.options?.method ?? "GET";
    exchanges.push({
      method,
      url,
      requestHeaders: new Headers(context.options?.headers),
      status: response.status,
      responseHeaders: response.headers,
    });
    await checkResponse(contract, method, url, response);
  });

interface UserAppInstallStatus {
  "@odata.context"?: string;
  "@odata.type": string;
  id: string;
  userName: string | null;
  userPrincipalName: string | null;
  installedDeviceCount: number;
  failedDeviceCount: number;
  notInstalledDeviceCount: number;
}

let server: LiveServer;
let contract: Contract;
let token: string;
let client: Client;
/** The exchanges of the current test, in order. */
const exchanges: Exchange[] = [];

beforeAll(async () => {
  server = await startLiveServer();
  contract = await loadContract();
  token = await server.t.token();
  client = Client.initWithMiddleware({
    baseUrl: server.baseUrl,
    defaultVersion: "beta",
    middleware: [bearerToken(token), contractCheck(contract, exchanges), new HTTPMessageHandler()],
  });
});
afterAll(() => server.close());
beforeEach(() => {
  exchanges.length = 0;
});

async function createWebApp(): Promise<string> {
  const app = await client.api("/deviceAppManagement/mobileApps").post({
    "@odata.type": "#microsoft.graph.webApp",
    displayName: "Contoso Portal",
    appUrl: "https://contoso.example",
  });
  return app.id;
}

/** The rejection of `promise`, which must be a GraphError. */
async function graphErrorOf(promise: Promise<unknown>): Promise<GraphError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(GraphError);
  return error as GraphError;
}

describe("the official @microsoft/microsoft-graph-client", () => {
  it("creates a mobileApp and a userAppInstallStatus at baseUrl/beta/path, then reads it back with .get()", async () => {
    const mobileAppId = await createWebApp();
    expect(exchanges[0]).toMatchObject({
      method: "POST",
      url: `${server.baseUrl}/beta/deviceAppManagement/mobileApps`,
      status: 201,
    });
    expect(exchanges[0]?.requestHeaders.get("authorization")).toBe(`Bearer ${token}`);

    const path = `/deviceAppManagement/mobileApps/${mobileAppId}/userStatuses`;
    const created: UserAppInstallStatus = await client.api(path).post({
      "@odata.type": STATUS_TYPE,
      userName: "Adele Vance",
      userPrincipalName: "AdeleV@contoso.example",
      installedDeviceCount: 4,
      failedDeviceCount: 1,
      notInstalledDeviceCount: 7,
    });
    expect(created).toEqual({
      "@odata.context": `${server.baseUrl}/beta/$metadata#deviceAppManagement/mobileApps('${mobileAppId}')/userStatuses/$entity`,
      "@odata.type": STATUS_TYPE,
      id: expect.stringMatching(GUID),
      userName: "Adele Vance",
      userPrincipalName: "AdeleV@contoso.example",
      installedDeviceCount: 4,
      failedDeviceCount: 1,
      notInstalledDeviceCount: 7,
    });
    expect(exchanges[1]?.requestHeaders.get("content-type")).toBe("application/json");

    expect(await client.api(`${path}/${created.id}`).get()).toEqual(created);
  });

  it("lists the app's statuses with .get() on the collection", async () => {
    const mobileAppId = await createWebApp();
    const path = `/deviceAppManagement/mobileApps/${mobileAppId}/userStatuses`;
    const second: UserAppInstallStatus = await client.api(path).post({ id: "b-user", userName: "B" });
    const first: UserAppInstallStatus = await client.api(path).post({ id: "a-user", userName: "A" });

    const listed = await client.api(path).get();
    expect(listed["@odata.context"]).toBe(
      `${server.baseUrl}/beta/$metadata#deviceAppManagement/mobileApps('${mobileAppId}')/userStatuses`,
    );
    const withoutContext = ({ "@odata.context": _, ...status }: UserAppInstallStatus) => status;
    expect(listed.value).toEqual([withoutContext(first), withoutContext(second)]);
  });

  it("updates with .patch() and deletes with .delete()", async () => {
    const mobileAppId = await createWebApp();
    const path = `/deviceAppManagement/mobileApps/${mobileAppId}/userStatuses`;
    const created: UserAppInstallStatus = await client.api(path).post({ id: "u1", installedDeviceCount: 3 });

    const updated = await client.api(`${path}/u1`).patch({ "@odata.type": STATUS_TYPE, failedDeviceCount: 2 });
    expect(updated).toEqual({ ...created, failedDeviceCount: 2 });
    expect(await client.api(`${path}/u1`).get()).toEqual(updated);

    await expect(client.api(`${path}/u1`).delete()).resolves.toBeUndefined();
    expect(exchanges.at(-1)?.status).toBe(204);
    expect((await client.api(path).get()).value).toEqual([]);
  });

  const badRequests = [
    { case: "an unknown property", body: { deviceCount: 1 }, target: "deviceCount" },
    { case: "a string for an Int32", body: { installedDeviceCount: "4" }, target: "installedDeviceCount" },
  ];

  it.each(badRequests)(
    "rejects $case with a GraphError: statusCode 400, code BadRequest, the response's request-id",
    async ({ body, target }) => {
      const mobileAppId = await createWebApp();
      const path = `/deviceAppManagement/mobileApps/${mobileAppId}/userStatuses`;
      const error = await graphErrorOf(client.api(path).post(body));

      const requestId = exchanges.at(-1)?.responseHeaders.get("request-id");
      expect(requestId).toMatch(GUID);
      expect(error.statusCode).toBe(400);
      expect(error.code).toBe("BadRequest");
      expect(error.message).toContain(target);
      expect(error.requestId).toBe(requestId);
      expect(error.headers?.get("request-id")).toBe(requestId);
      expect(Number.isNaN(error.date.getTime())).toBe(false);
      expect(JSON.parse(error.body)).toMatchObject({ code: "BadRequest", target });
      expect((await client.api(path).get()).value).toEqual([]);
    },
  );

  it("rejects a get of an unknown status with a GraphError: statusCode 404, code ResourceNotFound", async () => {
    const mobileAppId = await createWebApp();
    const error = await graphErrorOf(client.api(`/deviceAppManagement/mobileApps/${mobileAppId}/userStatuses/x`).get());
    expect(error.statusCode).toBe(404);
    expect(error.code).toBe("ResourceNotFound");
    expect(error.requestId).toBe(exchanges.at(-1)?.responseHeaders.get("request-id"));
  });

  it("sends a client-request-id set with .header() and finds it echoed in the raw response", async () => {
    const clientRequestId = randomUUID();
    const response: Response = await client
      .api("/deviceAppManagement/mobileApps")
      .header("client-request-id", clientRequestId)
      .responseType(ResponseType.RAW)
      .get();
    expect(exchanges.at(-1)?.requestHeaders.get("client-request-id")).toBe(clientRequestId);
    expect(response.status).toBe(200);
    expect(response.headers.get("client-request-id")).toBe(clientRequestId);
    expect(response.headers.get("request-id")).toMatch(GUID);
    expect(response.headers.get("request-id")).not.toBe(clientRequestId);
  });

  it("gets no token from the library's AuthenticationHandler over plain http, even for a custom host", async () => {
    let tokenRequests = 0;
    const authProvider = {
      getAccessToken: async () => {
        tokenRequests++;
        return token;
      },
    };
    const viaLibraryAuth = Client.initWithMiddleware({
      baseUrl: server.baseUrl,
      defaultVersion: "beta",
      customHosts: new Set([new URL(server.baseUrl).hostname]),
      middleware: [
        new AuthenticationHandler(authProvider),
        contractCheck(contract, exchanges),
        new HTTPMessageHandler(),
      ],
    });
    const error = await graphErrorOf(viaLibraryAuth.api("/deviceAppManagement/mobileApps").get());
    expect(tokenRequests).toBe(0);
    expect(exchanges.at(-1)?.requestHeaders.has("authorization")).toBe(false);
    expect(error.statusCode).toBe(401);
    expect(error.code).toBe("InvalidAuthenticationToken");
  });
});

describe("the official client's RetryHandler against THROTTLE=intune", () => {
  let throttled: LiveServer;
  /** Added to the throttled server's clock: the test moves it to the end of a window instead of waiting. */
  let offsetMs = 0;
  beforeAll(async () => {
    throttled = await startLiveServer({ THROTTLE: "intune" }, { now: () => Date.now() + offsetMs });
  });
  afterAll(() => throttled.close());

  const clientWith = (retry: RetryHandler) =>
    Client.initWithMiddleware({
      baseUrl: throttled.baseUrl,
      defaultVersion: "beta",
      middleware: [bearerToken(token), retry, contractCheck(contract, exchanges), new HTTPMessageHandler()],
    });

  it("waits Retry-After seconds on a 429 and retries: the caller sees only the 201", async () => {
    const retrying = clientWith(new RetryHandler(new RetryHandlerOptions(0, 3)));
    const windowStart = Date.now();
    const app = await retrying.api("/deviceAppManagement/mobileApps").post({
      "@odata.type": "#microsoft.graph.webApp",
      displayName: "Throttled",
    });
    const path = `/deviceAppManagement/mobileApps/${app.id}/userStatuses`;
    for (let i = 1; i < 100; i++) await retrying.api(path).post({ id: `user-${i}` });
    expect(exchanges.map((e) => e.status)).toEqual(Array.from({ length: 100 }, () => 201));

    // Half a second before the window that holds the 100 writes ends (it started at windowStart or a little later).
    offsetMs = windowStart + 19_500 - Date.now();
    const created = await retrying.api(path).post({ id: "user-101", userName: "Patient" });

    expect(created).toMatchObject({ id: "user-101", userName: "Patient" });
    const [refused, retried] = exchanges.slice(-2) as [Exchange, Exchange];
    expect(refused.status).toBe(429);
    expect(Number(refused.responseHeaders.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(retried.status).toBe(201);
    expect(retried.requestHeaders.get("retry-attempt")).toBe("1");
    expect((await retrying.api(`${path}/user-101`).get()).userName).toBe("Patient");
  });

  it("surfaces a 429 it may not retry as a GraphError with code TooManyRequests", async () => {
    offsetMs += 20_000; // a fresh window
    const impatient = clientWith(new RetryHandler(new RetryHandlerOptions(0, 0)));
    const body = { "@odata.type": "#microsoft.graph.webApp", displayName: "Impatient" };
    for (let i = 0; i < 100; i++) await impatient.api("/deviceAppManagement/mobileApps").post(body);
    const error = await graphErrorOf(impatient.api("/deviceAppManagement/mobileApps").post(body));
    expect(error.statusCode).toBe(429);
    expect(error.code).toBe("TooManyRequests");
    expect(error.headers?.get("retry-after")).toMatch(/^\d+$/);
  });
});
