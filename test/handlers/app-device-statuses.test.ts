// The app's own deviceStatuses (/mobileApps/{id}/deviceStatuses) and the `app` navigation of a
// mobileAppInstallStatus, in both collections. The two deviceStatuses collections are distinct sets (the spec's
// info says why): these tests hold the server to that.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appsPath, createTestApp, statusesPath, type TestApp } from "../helpers/test-app.ts";

let t: TestApp;
let appId: string;
let appDevices: string;
let userDevices: string;
beforeEach(async () => {
  t = await createTestApp();
  appId = await t.createApp("Contoso Portal");
  appDevices = `${appsPath}/${appId}/deviceStatuses`;
  await t.call({ method: "POST", url: statusesPath(appId), payload: { id: "user-1", userName: "Ada" } });
  userDevices = `${statusesPath(appId)}/user-1/deviceStatuses`;
});
afterEach(() => t.close());

const device = {
  "@odata.type": "#microsoft.graph.mobileAppInstallStatus",
  deviceName: "Ada's iPhone",
  deviceId: "d-1",
  lastSyncDateTime: "2024-05-01T10:00:00+02:00",
  mobileAppInstallStatusValue: "failed",
  installState: "failed",
  installStateDetail: "iosAppStoreUpdateFailedToInstall",
  errorCode: -2016330712,
  osVersion: "17.4",
  osDescription: "iOS",
  userName: "Ada",
  userPrincipalName: "ada@contoso.example",
  displayVersion: "2.1",
};
const context = (path: string) =>
  `http://localhost:80/beta/$metadata#deviceAppManagement/mobileApps('${appId}')${path}`;
const ids = (response: { json(): { value: Array<{ id: string }> } }) => response.json().value.map((item) => item.id);

describe("createAppDeviceStatus", () => {
  it("creates a device status in the app's own collection, with its Location and context", async () => {
    const response = await t.call({ method: "POST", url: appDevices, payload: device });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toEqual({
      ...device,
      "@odata.context": context("/deviceStatuses/$entity"),
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      lastSyncDateTime: "2024-05-01T08:00:00.000Z",
    });
    expect(response.headers.location).toBe(`http://localhost:80${appDevices}/${body.id}`);
  });

  it("answers 409 for an id used in the app's collection, 404 for an unknown app, 400 for a bad body", async () => {
    await t.call({ method: "POST", url: appDevices, payload: { id: "dev" } });
    expect((await t.call({ method: "POST", url: appDevices, payload: { id: "dev" } })).statusCode).toBe(409);
    const missing = await t.call({ method: "POST", url: `${appsPath}/nope/deviceStatuses`, payload: {} });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("ResourceNotFound");
    const bad = await t.call({ method: "POST", url: appDevices, payload: { batteryLevel: 3 } });
    expect(bad.statusCode).toBe(400);
  });

  it("needs DeviceManagementApps.ReadWrite.All", async () => {
    const token = await t.token({ scopes: ["DeviceManagementApps.Read.All"] });
    const response = await t.call({ method: "POST", url: appDevices, payload: {}, token });
    expect(response.statusCode).toBe(403);
  });
});

describe("the two deviceStatuses collections", () => {
  it("are distinct sets: each lists only its own, and the same id may be used in both", async () => {
    await t.call({ method: "POST", url: appDevices, payload: { id: "shared", deviceName: "app-level" } });
    await t.call({ method: "POST", url: userDevices, payload: { id: "shared", deviceName: "user-level" } });
    await t.call({ method: "POST", url: userDevices, payload: { id: "only-user" } });

    expect(ids(await t.call({ method: "GET", url: appDevices }))).toEqual(["shared"]);
    expect(ids(await t.call({ method: "GET", url: userDevices }))).toEqual(["only-user", "shared"]);
    expect((await t.call({ method: "GET", url: `${appDevices}/shared` })).json().deviceName).toBe("app-level");
    expect((await t.call({ method: "GET", url: `${userDevices}/shared` })).json().deviceName).toBe("user-level");
    expect((await t.call({ method: "GET", url: `${appDevices}/only-user` })).statusCode).toBe(404);
    expect((await t.call({ method: "GET", url: `${appDevices}/$count` })).body).toBe("1");
  });

  it("deleting a user status leaves the app's own; deleting the app deletes both", async () => {
    await t.call({ method: "POST", url: appDevices, payload: { id: "a" } });
    await t.call({ method: "POST", url: userDevices, payload: { id: "u" } });
    expect((await t.call({ method: "DELETE", url: `${statusesPath(appId)}/user-1` })).statusCode).toBe(204);
    expect(ids(await t.call({ method: "GET", url: appDevices }))).toEqual(["a"]);

    expect((await t.call({ method: "DELETE", url: `${appsPath}/${appId}` })).statusCode).toBe(204);
    expect((await t.call({ method: "GET", url: appDevices })).statusCode).toBe(404);
    expect(await t.tenantStore.getAppDeviceStatus(appId, "a")).toBeUndefined();
    // A new app with the old id starts empty: nothing of the deleted one survived.
    await t.tenantStore.createMobileApp({
      id: appId,
      "@odata.type": "#microsoft.graph.webApp",
      createdDateTime: "2024-05-01T10:00:00.000Z",
      lastModifiedDateTime: "2024-05-01T10:00:00.000Z",
      properties: {},
    });
    expect(ids(await t.call({ method: "GET", url: appDevices }))).toEqual([]);
  });
});

describe("listAppDeviceStatuses and countAppDeviceStatuses", () => {
  beforeEach(async () => {
    for (const [id, installState, deviceName] of [
      ["d1", "installed", "Ada's iPhone"],
      ["d2", "failed", "Grace's iPad"],
      ["d3", "failed", "Alan's Pixel"],
    ]) {
      await t.call({ method: "POST", url: appDevices, payload: { id, installState, deviceName } });
    }
  });

  it("filters, orders, selects, counts and pages like the other collections", async () => {
    const page = await t.call({
      method: "GET",
      url: `${appDevices}?$filter=installState eq 'failed'&$orderby=deviceName desc&$select=deviceName&$count=true&$top=1`,
    });
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body).toMatchObject({
      "@odata.context": context("/deviceStatuses(deviceName)"),
      "@odata.count": 2,
      value: [{ "@odata.type": "#microsoft.graph.mobileAppInstallStatus", id: "d2", deviceName: "Grace's iPad" }],
    });
    expect(Object.keys(body.value[0]).sort()).toEqual(["@odata.type", "deviceName", "id"]);
    const next = await t.call({ method: "GET", url: body["@odata.nextLink"].replace("http://localhost:80", "") });
    expect(ids(next)).toEqual(["d3"]);
    expect(next.json()["@odata.nextLink"]).toBeUndefined();

    const count = await t.call({ method: "GET", url: `${appDevices}/$count?$filter=installState eq 'failed'` });
    expect(count.body).toBe("2");
  });

  it("answers 404 for an unknown app and 400 for an unknown property, on the list and the count", async () => {
    expect((await t.call({ method: "GET", url: `${appsPath}/nope/deviceStatuses` })).statusCode).toBe(404);
    expect((await t.call({ method: "GET", url: `${appsPath}/nope/deviceStatuses/$count` })).statusCode).toBe(404);
    const bad = await t.call({ method: "GET", url: `${appDevices}?$filter=battery eq 1` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(
      /property named 'battery' on type 'microsoft\.graph\.mobileAppInstallStatus'/,
    );
  });

  it("reads with DeviceManagementConfiguration.Read.All as an application, not without a token", async () => {
    const token = await t.token({ roles: ["DeviceManagementConfiguration.Read.All"] });
    expect((await t.call({ method: "GET", url: appDevices, token })).statusCode).toBe(200);
    expect((await t.call({ method: "GET", url: appDevices, token: false })).statusCode).toBe(401);
  });
});

describe("getAppDeviceStatus, updateAppDeviceStatus, deleteAppDeviceStatus", () => {
  it("gets, updates the properties sent and deletes, then answers 404", async () => {
    await t.call({ method: "POST", url: appDevices, payload: { ...device, id: "d1" } });
    const got = await t.call({ method: "GET", url: `${appDevices}/d1?$select=deviceName` });
    expect(got.json()).toEqual({
      "@odata.context": context("/deviceStatuses(deviceName)/$entity"),
      "@odata.type": "#microsoft.graph.mobileAppInstallStatus",
      id: "d1",
      deviceName: "Ada's iPhone",
    });

    const updated = await t.call({ method: "PATCH", url: `${appDevices}/d1`, payload: { installState: "installed" } });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({
      installState: "installed",
      deviceName: "Ada's iPhone",
      errorCode: -2016330712,
    });
    const renamed = await t.call({ method: "PATCH", url: `${appDevices}/d1`, payload: { id: "other" } });
    expect(renamed.statusCode).toBe(400);

    expect((await t.call({ method: "DELETE", url: `${appDevices}/d1` })).statusCode).toBe(204);
    expect((await t.call({ method: "GET", url: `${appDevices}/d1` })).statusCode).toBe(404);
    expect((await t.call({ method: "PATCH", url: `${appDevices}/d1`, payload: {} })).statusCode).toBe(404);
    expect((await t.call({ method: "DELETE", url: `${appDevices}/d1` })).statusCode).toBe(404);
  });
});

describe("the app navigation of a mobileAppInstallStatus", () => {
  const collections = [
    ["the app's own deviceStatuses", () => appDevices],
    ["a user status's deviceStatuses", () => userDevices],
  ] as const;

  it.each(collections)("GET …/{id}/app answers the app, in %s", async (_name, devices) => {
    await t.call({ method: "POST", url: devices(), payload: { id: "d1" } });
    const response = await t.call({ method: "GET", url: `${devices()}/d1/app?$select=displayName` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      "@odata.context": "http://localhost:80/beta/$metadata#deviceAppManagement/mobileApps(displayName)/$entity",
      "@odata.type": "#microsoft.graph.webApp",
      id: appId,
      displayName: "Contoso Portal",
    });
    expect((await t.call({ method: "GET", url: `${devices()}/nope/app` })).statusCode).toBe(404);
  });

  it.each(collections)("$expand=app embeds it in the list and the get, in %s", async (_name, devices) => {
    await t.call({ method: "POST", url: devices(), payload: { id: "d1" } });
    const list = await t.call({ method: "GET", url: `${devices()}?$expand=app&$select=deviceName` });
    expect(list.json().value).toEqual([
      expect.objectContaining({ id: "d1", deviceName: null, app: expect.objectContaining({ id: appId }) }),
    ]);
    const got = await t.call({ method: "GET", url: `${devices()}/d1?$expand=app` });
    expect(got.json().app).toMatchObject({ "@odata.type": "#microsoft.graph.webApp", displayName: "Contoso Portal" });
    const unknown = await t.call({ method: "GET", url: `${devices()}?$expand=owner` });
    expect(unknown.statusCode).toBe(400);
  });
});
