// OData details where the service once was stricter than Graph (the spec's info lists each decision): option names
// in any case, $top=0, $expand=*, keys in parentheses, DateTimeOffsets to 100 ns, and empty options refused.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appsPath, createTestApp, statusesPath, type TestApp } from "../helpers/test-app.ts";

let t: TestApp;
let appId: string;
beforeEach(async () => {
  t = await createTestApp();
  appId = await t.createApp("Contoso Portal");
  for (const id of ["u1", "u2", "u3"]) {
    await t.call({ method: "POST", url: statusesPath(appId), payload: { id, userName: `User ${id}` } });
  }
});
afterEach(() => t.close());

const ids = (response: { json(): { value: Array<{ id: string }> } }) => response.json().value.map((item) => item.id);

describe("query option names", () => {
  it.each(["$top", "$Top", "$TOP", "top", "Top"])("%s=1 is $top=1, and the next link continues it", async (name) => {
    const response = await t.call({ method: "GET", url: `${statusesPath(appId)}?${name}=1` });
    expect(response.statusCode).toBe(200);
    expect(ids(response)).toEqual(["u1"]);
    const next = response.json()["@odata.nextLink"] as string;
    expect(ids(await t.call({ method: "GET", url: next.replace("http://localhost:80", "") }))).toEqual(["u2"]);
  });

  it("reads every option in any case: $FILTER, $OrderBy, $SELECT, $Count, $Expand, $SKIP", async () => {
    const response = await t.call({
      method: "GET",
      url: `${statusesPath(appId)}?$FILTER=userName ne 'User u2'&$OrderBy=userName desc&$SELECT=userName&$Count=true&$Expand=app&$SKIP=1`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ "@odata.count": 2, value: [{ id: "u1", app: { id: appId } }] });
  });

  it("refuses one option given twice in two cases, as it refuses $top with and without $", async () => {
    const response = await t.call({ method: "GET", url: `${statusesPath(appId)}?$top=1&$TOP=2` });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/specified more than once/);
  });
});

describe("$top=0", () => {
  it("answers an empty page, the count with $count=true, and no next link", async () => {
    const response = await t.call({ method: "GET", url: `${statusesPath(appId)}?$top=0&$count=true` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      "@odata.context": expect.any(String),
      "@odata.count": 3,
      value: [],
    });
  });
});

describe("$expand=*", () => {
  it("expands every navigation of a userAppInstallStatus", async () => {
    await t.call({ method: "POST", url: `${statusesPath(appId)}/u1/deviceStatuses`, payload: { id: "d1" } });
    const response = await t.call({ method: "GET", url: `${statusesPath(appId)}/u1?$expand=*` });
    expect(response.json()).toMatchObject({ app: { id: appId }, deviceStatuses: [{ id: "d1" }] });
  });

  it("expands the app of a mobileAppInstallStatus", async () => {
    await t.call({ method: "POST", url: `${appsPath}/${appId}/deviceStatuses`, payload: { id: "d1" } });
    const response = await t.call({ method: "GET", url: `${appsPath}/${appId}/deviceStatuses?$expand=*` });
    expect(response.json().value[0].app).toMatchObject({ id: appId });
  });
});

describe("keys in parentheses", () => {
  it("addresses an entity as the @odata.context URLs write it: mobileApps('id')/userStatuses('id')", async () => {
    const response = await t.call({ method: "GET", url: `${appsPath}('${appId}')/userStatuses('u2')` });
    expect(response.statusCode).toBe(200);
    expect(response.json().id).toBe("u2");
    const context = response.json()["@odata.context"] as string;
    expect(context).toContain(`mobileApps('${appId}')/userStatuses/$entity`);
  });

  it("takes doubled quotes and percent-encoding inside the key, and writes through it", async () => {
    await t.call({ method: "POST", url: statusesPath(appId), payload: { id: "o'brien/1" } });
    const quoted = encodeURIComponent("o''brien/1");
    const got = await t.call({ method: "GET", url: `${appsPath}('${appId}')/userStatuses('${quoted}')` });
    expect(got.statusCode).toBe(200);
    expect(got.json().id).toBe("o'brien/1");
    const patched = await t.call({
      method: "PATCH",
      url: `${appsPath}(%27${appId}%27)/userStatuses('${quoted}')`,
      payload: { userName: "Pat" },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().userName).toBe("Pat");
  });

  it("answers an unknown key in parentheses 404, as the key segment does", async () => {
    const response = await t.call({ method: "GET", url: `${appsPath}('nope')` });
    expect(response.statusCode).toBe(404);
  });
});

describe("DateTimeOffset precision", () => {
  it("keeps 7 fractional digits of lastSyncDateTime: .3205976 comes back .3205976, in UTC", async () => {
    const devices = `${appsPath}/${appId}/deviceStatuses`;
    const created = await t.call({
      method: "POST",
      url: devices,
      payload: { id: "d1", lastSyncDateTime: "2017-01-01T00:02:49.3205976-08:00" },
    });
    expect(created.json().lastSyncDateTime).toBe("2017-01-01T08:02:49.3205976Z");
    expect((await t.call({ method: "GET", url: `${devices}/d1` })).json().lastSyncDateTime).toBe(
      "2017-01-01T08:02:49.3205976Z",
    );
    // $filter compares to 100 ns: equal to the exact instant, greater than one 100 ns earlier.
    const exact = await t.call({
      method: "GET",
      url: `${devices}?$filter=lastSyncDateTime eq 2017-01-01T08:02:49.3205976Z`,
    });
    expect(ids(exact)).toEqual(["d1"]);
    const before = await t.call({
      method: "GET",
      url: `${devices}?$filter=lastSyncDateTime gt 2017-01-01T08:02:49.3205975Z`,
    });
    expect(ids(before)).toEqual(["d1"]);
    const after = await t.call({
      method: "GET",
      url: `${devices}?$filter=lastSyncDateTime gt 2017-01-01T08:02:49.3205976Z`,
    });
    expect(ids(after)).toEqual([]);
  });

  it("orders a 7-digit time and a millisecond time as instants", async () => {
    const devices = `${statusesPath(appId)}/u1/deviceStatuses`;
    await t.call({
      method: "POST",
      url: devices,
      payload: { id: "late", lastSyncDateTime: "2024-05-01T10:00:00.3205976Z" },
    });
    await t.call({
      method: "POST",
      url: devices,
      payload: { id: "early", lastSyncDateTime: "2024-05-01T10:00:00.320Z" },
    });
    const response = await t.call({ method: "GET", url: `${devices}?$orderby=lastSyncDateTime` });
    expect(ids(response)).toEqual(["early", "late"]);
    expect(response.json().value[0].lastSyncDateTime).toBe("2024-05-01T10:00:00.320Z");
  });
});

describe("empty query options", () => {
  it.each(["$select", "$filter", "$orderby", "$expand", "$skiptoken"])(
    "%s= answers 400, as the spec's minLength says",
    async (option) => {
      const response = await t.call({ method: "GET", url: `${statusesPath(appId)}?${option}=` });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe("BadRequest");
    },
  );
});
