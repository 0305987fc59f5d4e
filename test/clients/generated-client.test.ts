// The typescript-fetch client generated from the spec, against the service on a real socket: what a
// user of the contract gets. Every response it receives is first checked against the contract.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  Configuration,
  MicrosoftGraphODataErrorsODataErrorFromJSON,
  type MicrosoftGraphUserAppInstallStatus,
  MobileAppsApi,
  ResponseError,
  UserStatusesApi,
} from "../../generated/client/index.ts";
import { loadContract } from "../helpers/contract.ts";
import { contractCheckingFetch, type FetchLike, type LiveServer, startLiveServer } from "../helpers/live-server.ts";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STATUS_TYPE = "#microsoft.graph.userAppInstallStatus";

interface SentRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string | undefined;
}

let server: LiveServer;
let token: string;
/** Every request the clients put on the wire in the current test, as sent. */
const sent: SentRequest[] = [];
let fetchApi: FetchLike;
let apps: MobileAppsApi;
let statuses: UserStatusesApi;

beforeAll(async () => {
  server = await startLiveServer();
  token = await server.t.token();
  const recording: FetchLike = (input, init) => {
    sent.push({
      method: init?.method ?? "GET",
      url: String(input),
      headers: new Headers(init?.headers),
      body: typeof init?.body === "string" ? init.body : undefined,
    });
    return fetch(input, init);
  };
  fetchApi = contractCheckingFetch(await loadContract(), recording);
  const configuration = new Configuration({ basePath: server.baseUrl, accessToken: async () => token, fetchApi });
  apps = new MobileAppsApi(configuration);
  statuses = new UserStatusesApi(configuration);
});
afterAll(() => server.close());
beforeEach(() => {
  sent.length = 0;
});

async function createWebApp(displayName = "Contoso Portal"): Promise<string> {
  const app = await apps.createMobileApp({
    mobileApp: { atOdataType: "#microsoft.graph.webApp", displayName, appUrl: "https://contoso.example" },
  });
  if (!app.id) throw new Error("createMobileApp answered an app without an id");
  return app.id;
}

/** The rejection of `promise`, which must be the client's ResponseError. */
async function responseErrorOf(promise: Promise<unknown>): Promise<ResponseError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ResponseError);
  return error as ResponseError;
}

const sentBodies = (method: string) =>
  sent.filter((request) => request.method === method).map((request) => JSON.parse(request.body ?? "null"));

describe("the generated typescript-fetch client", () => {
  it("creates a webApp through MobileAppsApi and reads its type, fields and dates back", async () => {
    const created = await apps.createMobileApp({
      mobileApp: { atOdataType: "#microsoft.graph.webApp", displayName: "Contoso Portal", appUrl: "https://a.example" },
    });
    expect(created.atOdataType).toBe("#microsoft.graph.webApp");
    if (created.atOdataType !== "#microsoft.graph.webApp") throw new Error("not a webApp");
    expect(created).toMatchObject({ id: expect.stringMatching(/.+/), displayName: "Contoso Portal" });
    expect(created.appUrl).toBe("https://a.example");
    expect(created.createdDateTime).toBeInstanceOf(Date);
    expect(Number.isNaN(created.createdDateTime?.getTime())).toBe(false);

    expect(await apps.getMobileApp({ mobileAppId: String(created.id) })).toEqual(created);
    const listed = await apps.listMobileApps();
    expect(listed.value.map((app) => app.id)).toContain(created.id);

    expect(sentBodies("POST")).toEqual([
      { "@odata.type": "#microsoft.graph.webApp", displayName: "Contoso Portal", appUrl: "https://a.example" },
    ]);
    expect(sent[0]?.url).toBe(`${server.baseUrl}/beta/deviceAppManagement/mobileApps`);
    expect(sent[0]?.headers.get("authorization")).toBe(`Bearer ${token}`);
  });

  it("creates, gets, lists, updates and deletes a userAppInstallStatus with every value intact", async () => {
    const mobileAppId = await createWebApp();
    const entityContext = `${server.baseUrl}/beta/$metadata#deviceAppManagement/mobileApps('${mobileAppId}')/userStatuses`;

    const created = await statuses.createUserStatus({
      mobileAppId,
      userAppInstallStatus: {
        atOdataType: STATUS_TYPE,
        userName: "Adele Vance",
        userPrincipalName: "AdeleV@contoso.example",
        installedDeviceCount: 4,
        failedDeviceCount: 1,
        notInstalledDeviceCount: 7,
      },
    });
    expect(created).toEqual({
      atOdataType: STATUS_TYPE,
      atOdataContext: `${entityContext}/$entity`,
      id: expect.stringMatching(GUID),
      userName: "Adele Vance",
      userPrincipalName: "AdeleV@contoso.example",
      installedDeviceCount: 4,
      failedDeviceCount: 1,
      notInstalledDeviceCount: 7,
    });
    const key = { mobileAppId, userAppInstallStatusId: created.id };

    expect(await statuses.getUserStatus(key)).toEqual(created);

    const listed = await statuses.listUserStatuses({ mobileAppId });
    expect(listed.atOdataContext).toBe(entityContext);
    expect(listed.value).toEqual([{ ...created, atOdataContext: undefined }]);

    const updated = await statuses.updateUserStatus({
      ...key,
      userAppInstallStatus: { atOdataType: STATUS_TYPE, failedDeviceCount: 0, userName: null },
    });
    expect(updated).toEqual({ ...created, failedDeviceCount: 0, userName: null });
    expect(await statuses.getUserStatus(key)).toEqual(updated);

    await expect(statuses.deleteUserStatus(key)).resolves.toBeUndefined();
    expect((await responseErrorOf(statuses.getUserStatus(key))).response.status).toBe(404);
    expect((await statuses.listUserStatuses({ mobileAppId })).value).toEqual([]);
  });

  it("puts the wire name @odata.type in request bodies, never the TypeScript name atOdataType", async () => {
    const mobileAppId = await createWebApp();
    const body: MicrosoftGraphUserAppInstallStatus = {
      atOdataType: STATUS_TYPE,
      id: "wire-1",
      installedDeviceCount: 2,
    };
    await statuses.createUserStatus({ mobileAppId, userAppInstallStatus: body });
    await statuses.updateUserStatus({
      mobileAppId,
      userAppInstallStatusId: "wire-1",
      userAppInstallStatus: { atOdataType: STATUS_TYPE, userPrincipalName: null },
    });

    expect(sentBodies("POST")).toEqual([
      { "@odata.type": "#microsoft.graph.webApp", displayName: "Contoso Portal", appUrl: "https://contoso.example" },
      { "@odata.type": STATUS_TYPE, id: "wire-1", installedDeviceCount: 2 },
    ]);
    expect(sentBodies("PATCH")).toEqual([{ "@odata.type": STATUS_TYPE, userPrincipalName: null }]);
    for (const request of sent) expect(request.body ?? "").not.toContain("atOdata");
    for (const request of sent.filter((r) => r.body !== undefined)) {
      expect(request.headers.get("content-type")).toBe("application/json");
    }
  });

  const failures = [
    {
      case: "a get of an unknown id",
      status: 404,
      code: "ResourceNotFound",
      call: (mobileAppId: string) => statuses.getUserStatus({ mobileAppId, userAppInstallStatusId: "nobody" }),
    },
    {
      case: "a create in an unknown app",
      status: 404,
      code: "ResourceNotFound",
      call: () => statuses.createUserStatus({ mobileAppId: "no-such-app", userAppInstallStatus: {} }),
    },
    {
      case: "a create with an id already in use",
      status: 409,
      code: "Conflict",
      call: async (mobileAppId: string) => {
        await statuses.createUserStatus({ mobileAppId, userAppInstallStatus: { id: "taken" } });
        return statuses.createUserStatus({ mobileAppId, userAppInstallStatus: { id: "taken", userName: "B" } });
      },
    },
    {
      case: "a fraction for an Int32",
      status: 400,
      code: "BadRequest",
      call: (mobileAppId: string) =>
        statuses.createUserStatus({ mobileAppId, userAppInstallStatus: { installedDeviceCount: 1.5 } }),
    },
    {
      case: "an update of an unknown id",
      status: 404,
      code: "ResourceNotFound",
      call: (mobileAppId: string) =>
        statuses.updateUserStatus({
          mobileAppId,
          userAppInstallStatusId: "nobody",
          userAppInstallStatus: { failedDeviceCount: 1 },
        }),
    },
    {
      case: "a delete of an unknown id",
      status: 404,
      code: "ResourceNotFound",
      call: (mobileAppId: string) => statuses.deleteUserStatus({ mobileAppId, userAppInstallStatusId: "nobody" }),
    },
  ];

  it.each(failures)("rejects $case with a ResponseError carrying $status $code and the request-id", async (failure) => {
    const mobileAppId = await createWebApp();
    const error = await responseErrorOf(failure.call(mobileAppId));
    expect(error.response.status).toBe(failure.status);
    const requestId = error.response.headers.get("request-id");
    expect(requestId).toMatch(GUID);
    // The body parses with the generated error model, wire names mapped to its TypeScript names.
    const body = MicrosoftGraphODataErrorsODataErrorFromJSON(await error.response.json());
    expect(body.error.code).toBe(failure.code);
    expect(body.error.message).not.toBe("");
    expect(body.error.innerError).toEqual({
      date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
      requestId,
      clientRequestId: requestId,
    });
  });

  it("answers 401 InvalidAuthenticationToken with a Bearer challenge when the client has no token", async () => {
    const anonymous = new UserStatusesApi(new Configuration({ basePath: server.baseUrl, fetchApi }));
    const error = await responseErrorOf(anonymous.listUserStatuses({ mobileAppId: "any" }));
    expect(sent.at(-1)?.headers.has("authorization")).toBe(false);
    expect(error.response.status).toBe(401);
    expect(error.response.headers.get("www-authenticate")).toMatch(/^Bearer /);
    const body = MicrosoftGraphODataErrorsODataErrorFromJSON(await error.response.json());
    expect(body.error).toMatchObject({ code: "InvalidAuthenticationToken", message: "Access token is empty." });
    expect(body.error.innerError.requestId).toBe(error.response.headers.get("request-id"));
  });

  it("sends client-request-id and finds it echoed in the response headers of the Raw methods", async () => {
    const mobileAppId = await createWebApp();
    const created = await statuses.createUserStatus({ mobileAppId, userAppInstallStatus: { userName: "Echo" } });

    const clientRequestId = randomUUID();
    const answer = await statuses.getUserStatusRaw({
      mobileAppId,
      userAppInstallStatusId: created.id,
      clientRequestId,
    });
    expect(sent.at(-1)?.headers.get("client-request-id")).toBe(clientRequestId);
    expect(answer.raw.headers.get("client-request-id")).toBe(clientRequestId);
    expect(answer.raw.headers.get("request-id")).toMatch(GUID);
    expect(answer.raw.headers.get("request-id")).not.toBe(clientRequestId);
    expect(await answer.value()).toEqual(created);

    const withoutOne = await statuses.listUserStatusesRaw({ mobileAppId });
    expect(withoutOne.raw.headers.get("client-request-id")).toBe(withoutOne.raw.headers.get("request-id"));

    const failed = await responseErrorOf(
      statuses.getUserStatusRaw({ mobileAppId, userAppInstallStatusId: "nobody", clientRequestId }),
    );
    expect(failed.response.headers.get("client-request-id")).toBe(clientRequestId);
    const body = MicrosoftGraphODataErrorsODataErrorFromJSON(await failed.response.json());
    expect(body.error.innerError.clientRequestId).toBe(clientRequestId);
  });
});
