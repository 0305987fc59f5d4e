import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, statusesPath, type TestApp } from "../helpers/test-app.ts";

let t: TestApp;
let appId: string;
let devicesPath: string;
beforeEach(async () => {
  t = await createTestApp();
  appId = await t.createApp();
  await t.call({ method: "POST", url: statusesPath(appId), payload: { id: "user-1", userName: "Ada" } });
  devicesPath = `${statusesPath(appId)}/user-1/deviceStatuses`;
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

describe("createDeviceStatus", () => {
  it("creates a device status with every documented property, the date in UTC", async () => {
    const response = await t.call({ method: "POST", url: devicesPath, payload: device });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      ...device,
      "@odata.context": `http://localhost:80/beta/$metadata#deviceAppManagement/mobileApps('${appId}')/userStatuses('user-1')/deviceStatuses/$entity`,
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      lastSyncDateTime: "2024-05-01T08:00:00.000Z",
    });
  });

  it("fills the documented defaults for omitted properties", async () => {
    const response = await t.call({ method: "POST", url: devicesPath, payload: {} });
    expect(response.json()).toMatchObject({
      lastSyncDateTime: "0001-01-01T00:00:00.000Z",
      installState: "unknown",
      mobileAppInstallStatusValue: "unknown",
      installStateDetail: "noAdditionalDetails",
      errorCode: 0,
      deviceName: null,
    });
  });

  const invalid: Array<[string, object, RegExp]> = [
    ["an unknown enum member", { installState: "broken" }, /installState.*'broken'/],
    ["a number for an enum", { installStateDetail: 1000 }, /installStateDetail/],
    ["a malformed date", { lastSyncDateTime: "yesterday" }, /lastSyncDateTime.*Edm\.DateTimeOffset/],
    [
      "null for a non-nullable date",
      { lastSyncDateTime: null },
      /null value was found for the property named 'lastSyncDateTime'/,
    ],
    [
      "an unknown property",
      { batteryLevel: 3 },
      /'batteryLevel' does not exist on type 'microsoft\.graph\.mobileAppInstallStatus'/,
    ],
  ];
  it.each(invalid)("answers 400 for %s", async (_case, payload, message) => {
    const response = await t.call({ method: "POST", url: devicesPath, payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(message);
  });

  it("answers 409 for a used id and 404 for an unknown user status", async () => {
    await t.call({ method: "POST", url: devicesPath, payload: { id: "dev" } });
    expect((await t.call({ method: "POST", url: devicesPath, payload: { id: "dev" } })).statusCode).toBe(409);
    const missing = await t.call({ method: "POST", url: `${statusesPath(appId)}/nobody/deviceStatuses`, payload: {} });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toContain("'nobody'");
  });
});

describe("getDeviceStatus, updateDeviceStatus and deleteDeviceStatus", () => {
  it("read, patch and delete one device status", async () => {
    const created = (await t.call({ method: "POST", url: devicesPath, payload: { ...device, id: "dev-1" } })).json();
    const read = await t.call({ method: "GET", url: `${devicesPath}/dev-1` });
    expect(read.json()).toEqual(created);

    const patched = await t.call({
      method: "PATCH",
      url: `${devicesPath}/dev-1`,
      payload: { installState: "installed", installStateDetail: "noAdditionalDetails", errorCode: 0 },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toEqual({
      ...created,
      installState: "installed",
      installStateDetail: "noAdditionalDetails",
      errorCode: 0,
    });

    expect((await t.call({ method: "DELETE", url: `${devicesPath}/dev-1` })).statusCode).toBe(204);
    expect((await t.call({ method: "GET", url: `${devicesPath}/dev-1` })).statusCode).toBe(404);
  });

  it("are deleted with their user status", async () => {
    await t.call({ method: "POST", url: devicesPath, payload: { id: "dev-1" } });
    expect((await t.call({ method: "DELETE", url: `${statusesPath(appId)}/user-1` })).statusCode).toBe(204);
    expect(await t.tenantStore.getDeviceStatus(appId, "user-1", "dev-1")).toBeUndefined();
    await t.call({ method: "POST", url: statusesPath(appId), payload: { id: "user-1" } });
    expect((await t.call({ method: "GET", url: devicesPath })).json().value).toEqual([]);
  });
});

describe("listDeviceStatuses", () => {
  it("filters by enum and date literals and orders by date", async () => {
    const rows = [
      { id: "a", installState: "failed", lastSyncDateTime: "2024-05-03T00:00:00Z" },
      { id: "b", installState: "installed", lastSyncDateTime: "2024-05-01T00:00:00Z" },
      { id: "c", installState: "failed", lastSyncDateTime: "2024-05-02T00:00:00Z" },
    ];
    for (const row of rows) await t.call({ method: "POST", url: devicesPath, payload: row });
    const failed = await t.call({
      method: "GET",
      url: `${devicesPath}?$filter=${encodeURIComponent("installState eq 'failed'")}&$orderby=lastSyncDateTime desc`,
    });
    expect(failed.json().value.map((d: { id: string }) => d.id)).toEqual(["a", "c"]);
    const since = await t.call({
      method: "GET",
      url: `${devicesPath}?$filter=${encodeURIComponent("lastSyncDateTime ge 2024-05-02T00:00:00Z and installState eq microsoft.graph.resultantAppState'failed'")}&$count=true`,
    });
    expect(since.json()["@odata.count"]).toBe(2);
    const count = await t.call({ method: "GET", url: `${devicesPath}/$count` });
    expect(count.body).toBe("3");
    expect(count.headers["content-type"]).toMatch(/^text\/plain/);
  });
});

describe("getUserStatusApp", () => {
  it("returns the parent mobileApp, and 404 for an unknown user status", async () => {
    const response = await t.call({ method: "GET", url: `${statusesPath(appId)}/user-1/app` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: appId, "@odata.type": "#microsoft.graph.webApp" });
    expect((await t.call({ method: "GET", url: `${statusesPath(appId)}/nobody/app` })).statusCode).toBe(404);
  });
});
