import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appsPath, createTestApp, statusesPath, type TestApp } from "../helpers/test-app.ts";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const apps = {
  webApp: {
    "@odata.type": "#microsoft.graph.webApp",
    displayName: "Contoso Portal",
    description: "The intranet",
    publisher: "Contoso",
    isFeatured: true,
    privacyInformationUrl: "https://contoso.example/privacy",
    informationUrl: null,
    owner: "IT",
    developer: "Contoso Dev",
    notes: "",
    publishingState: "published",
    appUrl: "https://portal.contoso.example",
    useManagedBrowser: false,
  },
  iosStoreApp: {
    "@odata.type": "#microsoft.graph.iosStoreApp",
    displayName: "Contoso iOS",
    bundleId: "com.contoso.app",
    appStoreUrl: "https://apps.apple.com/app/id1",
    applicableDeviceType: { "@odata.type": "#microsoft.graph.iosDeviceType", iPad: true, iPhoneAndIPod: true },
    minimumSupportedOperatingSystem: { v15_0: true },
  },
  androidStoreApp: {
    "@odata.type": "#microsoft.graph.androidStoreApp",
    displayName: "Contoso Android",
    packageId: "com.contoso.app",
    appIdentifier: "com.contoso.app",
    appStoreUrl: "https://play.google.com/store/apps/details?id=com.contoso.app",
    minimumSupportedOperatingSystem: { v8_0: true },
  },
};

describe("createMobileApp", () => {
  it.each(Object.entries(apps))("creates a %s with its own properties and server-set times", async (_type, body) => {
    const before = Date.now();
    const response = await t.call({ method: "POST", url: appsPath, payload: body });
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toMatchObject(body);
    expect(created["@odata.context"]).toBe("http://localhost:80/beta/$metadata#deviceAppManagement/mobileApps/$entity");
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(created.createdDateTime)).toBeGreaterThanOrEqual(before - 1000);
    expect(created.lastModifiedDateTime).toBe(created.createdDateTime);
  });

  it("ignores the read-only properties a client echoes back", async () => {
    const response = await t.call({
      method: "POST",
      url: appsPath,
      payload: { ...apps.webApp, id: "chosen", createdDateTime: "2001-01-01T00:00:00Z" },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().id).not.toBe("chosen");
    expect(response.json().createdDateTime).not.toBe("2001-01-01T00:00:00Z");
  });

  const invalid: Array<[string, unknown, RegExp]> = [
    ["no @odata.type", { displayName: "x" }, /'@odata\.type' is required/],
    [
      "an unsupported type",
      { "@odata.type": "#microsoft.graph.win32LobApp" },
      /'microsoft\.graph\.win32LobApp' could not be resolved/,
    ],
    [
      "another type's property",
      { "@odata.type": "#microsoft.graph.webApp", bundleId: "x" },
      /'bundleId' does not exist on type 'microsoft\.graph\.webApp'/,
    ],
    [
      "an unknown nested property",
      { ...apps.iosStoreApp, applicableDeviceType: { iPod: true } },
      /'iPod' does not exist on type 'microsoft\.graph\.iosDeviceType'/,
    ],
    ["a bad enum value", { ...apps.webApp, publishingState: "live" }, /publishingState.*'live'/],
    ["a string for a boolean", { ...apps.webApp, isFeatured: "yes" }, /isFeatured.*'Edm\.Boolean'/],
  ];
  it.each(invalid)("answers 400 for %s", async (_case, payload, message) => {
    const response = await t.call({ method: "POST", url: appsPath, payload: payload as object });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(message);
    expect(await t.tenantStore.countMobileApps(undefined)).toBe(0);
  });
});

describe("mobileApp answers: every property of the type, as Graph returns them", () => {
  it("answers the unset properties of a new webApp as null, false, 0, [] and notPublished", async () => {
    const response = await t.call({
      method: "POST",
      url: appsPath,
      payload: { "@odata.type": "#microsoft.graph.webApp" },
    });
    expect(response.statusCode, response.body).toBe(201);
    const { id, createdDateTime, lastModifiedDateTime, "@odata.context": _context, ...rest } = response.json();
    expect(rest).toEqual({
      "@odata.type": "#microsoft.graph.webApp",
      displayName: null,
      description: null,
      publisher: null,
      largeIcon: null,
      isFeatured: false,
      privacyInformationUrl: null,
      informationUrl: null,
      owner: null,
      developer: null,
      notes: null,
      uploadState: 0,
      publishingState: "notPublished",
      isAssigned: false,
      roleScopeTagIds: [],
      dependentAppCount: 0,
      supersedingAppCount: 0,
      supersededAppCount: 0,
      appUrl: null,
      useManagedBrowser: false,
    });
    const read = (await t.call({ method: "GET", url: `${appsPath}/${id}` })).json();
    expect(read).toMatchObject(rest);
  });

  it.each(["microsoft.graph.mimeContent", "#microsoft.graph.mimeContent"])(
    "accepts a nested @odata.type written %s, and answers it with the #",
    async (odataType) => {
      const largeIcon = { "@odata.type": odataType, type: "image/png", value: "iVBORw0KGgo=" };
      const response = await t.call({ method: "POST", url: appsPath, payload: { ...apps.webApp, largeIcon } });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json().largeIcon).toEqual({ ...largeIcon, "@odata.type": "#microsoft.graph.mimeContent" });
    },
  );

  it("answers every flag of a complex value, false where unsent", async () => {
    const payload = {
      ...apps.iosStoreApp,
      minimumSupportedOperatingSystem: { "@odata.type": "microsoft.graph.iosMinimumOperatingSystem", v9_0: true },
      applicableDeviceType: { iPad: true },
    };
    const created = (await t.call({ method: "POST", url: appsPath, payload })).json();
    expect(created.applicableDeviceType).toEqual({
      "@odata.type": "#microsoft.graph.iosDeviceType",
      iPad: true,
      iPhoneAndIPod: false,
    });
    const flags = created.minimumSupportedOperatingSystem;
    expect(flags["@odata.type"]).toBe("#microsoft.graph.iosMinimumOperatingSystem");
    expect(flags.v9_0).toBe(true);
    expect(flags.v8_0).toBe(false);
    expect(flags.v17_0).toBe(false);
  });

  const invalidNested: Array<[string, object]> = [
    ["a largeIcon of another type", { largeIcon: { "@odata.type": "#microsoft.graph.iosDeviceType" } }],
    ["a largeIcon value that is not base64", { largeIcon: { type: "image/png", value: "not base64!" } }],
    ["roleScopeTagIds that are not strings", { roleScopeTagIds: [1] }],
    ["an uploadState beyond Int32", { uploadState: 2 ** 31 }],
  ];
  it.each(invalidNested)("answers 400 for %s", async (_case, extra) => {
    const response = await t.call({ method: "POST", url: appsPath, payload: { ...apps.webApp, ...extra } });
    expect(response.statusCode, response.body).toBe(400);
  });

  it("stores isAssigned, uploadState, roleScopeTagIds and the counts as sent, as Microsoft's examples answer them", async () => {
    const sent = {
      uploadState: 11,
      isAssigned: true,
      roleScopeTagIds: ["0", "7"],
      dependentAppCount: 1,
      supersedingAppCount: 3,
      supersededAppCount: 2,
    };
    const created = (await t.call({ method: "POST", url: appsPath, payload: { ...apps.webApp, ...sent } })).json();
    expect(created).toMatchObject(sent);
  });

  it("ignores a webApp's appUrl in a PATCH: the docs say it cannot be PATCHed", async () => {
    const id = (await t.call({ method: "POST", url: appsPath, payload: apps.webApp })).json().id;
    const response = await t.call({
      method: "PATCH",
      url: `${appsPath}/${id}`,
      payload: { "@odata.type": "#microsoft.graph.webApp", appUrl: "https://elsewhere.example", notes: "moved?" },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ appUrl: apps.webApp.appUrl, notes: "moved?" });
  });
});

describe("listMobileApps", () => {
  it("lists every app with the collection context", async () => {
    for (const body of Object.values(apps)) await t.call({ method: "POST", url: appsPath, payload: body });
    const response = await t.call({ method: "GET", url: appsPath });
    expect(response.statusCode).toBe(200);
    expect(response.json()["@odata.context"]).toBe("http://localhost:80/beta/$metadata#deviceAppManagement/mobileApps");
    expect(
      response
        .json()
        .value.map((a: { "@odata.type": string }) => a["@odata.type"])
        .sort(),
    ).toEqual(["#microsoft.graph.androidStoreApp", "#microsoft.graph.iosStoreApp", "#microsoft.graph.webApp"]);
  });
});

describe("getMobileApp", () => {
  it("reads back what was created, and 404 for an unknown id", async () => {
    const created = (await t.call({ method: "POST", url: appsPath, payload: apps.iosStoreApp })).json();
    const response = await t.call({ method: "GET", url: `${appsPath}/${created.id}` });
    expect(response.json()).toEqual(created);
    const missing = await t.call({ method: "GET", url: `${appsPath}/missing` });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("ResourceNotFound");
  });
});

describe("updateMobileApp", () => {
  it("merges the properties sent, keeps the others and moves lastModifiedDateTime", async () => {
    const created = (await t.call({ method: "POST", url: appsPath, payload: apps.webApp })).json();
    const response = await t.call({
      method: "PATCH",
      url: `${appsPath}/${created.id}`,
      payload: { "@odata.type": "#microsoft.graph.webApp", displayName: "Renamed", notes: null },
    });
    expect(response.statusCode).toBe(200);
    const updated = response.json();
    expect(updated).toMatchObject({ ...apps.webApp, displayName: "Renamed", notes: null, id: created.id });
    expect(updated.createdDateTime).toBe(created.createdDateTime);
    expect(Date.parse(updated.lastModifiedDateTime)).toBeGreaterThanOrEqual(Date.parse(created.lastModifiedDateTime));
  });

  it("refuses to change the app's type", async () => {
    const created = (await t.call({ method: "POST", url: appsPath, payload: apps.webApp })).json();
    const response = await t.call({ method: "PATCH", url: `${appsPath}/${created.id}`, payload: apps.iosStoreApp });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.target).toBe("@odata.type");
  });

  it("answers 404 for an unknown app", async () => {
    const response = await t.call({ method: "PATCH", url: `${appsPath}/missing`, payload: apps.webApp });
    expect(response.statusCode).toBe(404);
  });
});

describe("deleteMobileApp", () => {
  it("deletes the app and its userStatuses, then answers 404", async () => {
    const id = await t.createApp();
    await t.call({ method: "POST", url: statusesPath(id), payload: { id: "s1" } });
    expect((await t.call({ method: "DELETE", url: `${appsPath}/${id}` })).statusCode).toBe(204);
    expect((await t.call({ method: "GET", url: statusesPath(id) })).statusCode).toBe(404);
    expect(await t.tenantStore.getUserStatus(id, "s1")).toBeUndefined();
    expect((await t.call({ method: "DELETE", url: `${appsPath}/${id}` })).statusCode).toBe(404);
  });
});

describe("listMobileApps paging", () => {
  it("answers @odata.nextLink and @odata.count, and the link reaches every app once", async () => {
    const t = await createTestApp();
    try {
      const ids = new Set<string>();
      for (let i = 0; i < 5; i++) ids.add(await t.createApp(`App ${i}`));
      const seen: string[] = [];
      let url: string | undefined = `${appsPath}?$top=2&$count=true`;
      while (url) {
        const page: { "@odata.count": number; "@odata.nextLink"?: string; value: { id: string }[] } = (
          await t.call({ url })
        ).json();
        expect(page["@odata.count"]).toBe(5);
        seen.push(...page.value.map((app: { id: string }) => app.id));
        url =
          page["@odata.nextLink"] === undefined
            ? undefined
            : new URL(page["@odata.nextLink"]).pathname + new URL(page["@odata.nextLink"]).search;
      }
      expect(seen.sort()).toEqual([...ids].sort());
    } finally {
      await t.close();
    }
  });
});

describe("listMobileApps and getMobileApp: query options on every property of the app types", () => {
  // One app of each type; the webApp has every base property written, the others leave them unwritten.
  const written = {
    largeIcon: { "@odata.type": "#microsoft.graph.mimeContent", type: "image/png", value: "iVBORw0KGgo=" },
    uploadState: 1,
    isAssigned: true,
    roleScopeTagIds: ["0", "7"],
    dependentAppCount: 2,
    supersedingAppCount: 1,
    supersededAppCount: 3,
  };
  const ids: Record<string, string> = {};
  beforeEach(async () => {
    const bodies = {
      webApp: { ...apps.webApp, ...written },
      iosStoreApp: { ...apps.iosStoreApp, uploadState: 2 },
      androidStoreApp: apps.androidStoreApp,
    };
    for (const [type, body] of Object.entries(bodies)) {
      ids[type] = (await t.call({ method: "POST", url: appsPath, payload: body })).json().id;
    }
  });
  const list = async (query: string) => {
    const response = await t.call({ url: `${appsPath}?${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().value as Array<Record<string, unknown>>;
  };
  const typesOf = (value: Array<Record<string, unknown>>) =>
    value.map((app) => (app["@odata.type"] as string).replace("#microsoft.graph.", ""));

  it.each(Object.entries(written))(
    "$select=%s answers the property with the key, written or not",
    async (name, value) => {
      const answered = await list(`$select=${name}&$orderby=displayName`);
      const unset = name === "largeIcon" ? null : name === "roleScopeTagIds" ? [] : name === "isAssigned" ? false : 0;
      // displayName in byte order: Contoso Android, Contoso Portal (the webApp), Contoso iOS.
      expect(answered.map((app) => Object.keys(app).sort())).toEqual(Array(3).fill(["@odata.type", "id", name].sort()));
      expect(answered.map((app) => app[name])).toEqual([unset, value, name === "uploadState" ? 2 : unset]);
      const one = await t.call({ url: `${appsPath}/${ids.webApp}?$select=${name}` });
      expect(one.json()).toMatchObject({ id: ids.webApp, [name]: value });
      expect(one.json()["@odata.context"]).toBe(
        `http://localhost:80/beta/$metadata#deviceAppManagement/mobileApps(${name})/$entity`,
      );
    },
  );

  it("$select of a property some types lack answers it on the types that declare it and leaves it out of the others", async () => {
    const answered = await list("$select=appUrl,appStoreUrl,applicableDeviceType&$orderby=displayName");
    expect(answered).toEqual([
      {
        "@odata.type": "#microsoft.graph.androidStoreApp",
        id: ids.androidStoreApp,
        appStoreUrl: apps.androidStoreApp.appStoreUrl,
      },
      { "@odata.type": "#microsoft.graph.webApp", id: ids.webApp, appUrl: apps.webApp.appUrl },
      {
        "@odata.type": "#microsoft.graph.iosStoreApp",
        id: ids.iosStoreApp,
        appStoreUrl: apps.iosStoreApp.appStoreUrl,
        applicableDeviceType: apps.iosStoreApp.applicableDeviceType,
      },
    ]);
  });

  it.each([
    ["isAssigned eq false", ["androidStoreApp", "iosStoreApp"]],
    ["isAssigned", ["webApp"]],
    ["uploadState eq 0", ["androidStoreApp"]],
    ["uploadState ge 1", ["webApp", "iosStoreApp"]],
    ["dependentAppCount gt 0 and supersededAppCount eq 3", ["webApp"]],
    ["supersedingAppCount eq 0", ["androidStoreApp", "iosStoreApp"]],
    [`appUrl eq '${apps.webApp.appUrl}'`, ["webApp"]],
    ["appUrl eq null", ["androidStoreApp", "iosStoreApp"]],
    ["useManagedBrowser eq false", ["webApp"]],
    ["useManagedBrowser eq null", ["androidStoreApp", "iosStoreApp"]],
    ["startswith(appStoreUrl,'https://apps.apple.com')", ["iosStoreApp"]],
    ["appStoreUrl ne null", ["androidStoreApp", "iosStoreApp"]],
    ["bundleId eq 'com.contoso.app' or packageId eq 'com.contoso.app'", ["androidStoreApp", "iosStoreApp"]],
  ])("$filter=%s finds the apps whose answers hold it", async (filter, expected) => {
    expect(typesOf(await list(`$filter=${encodeURIComponent(filter)}&$orderby=displayName`))).toEqual(expected);
    const count = await t.call({ url: `${appsPath}/$count?$filter=${encodeURIComponent(filter)}` });
    expect(count.body).toBe(String(expected.length));
  });

  it.each([
    ["uploadState desc", ["iosStoreApp", "webApp", "androidStoreApp"]],
    ["isAssigned desc,displayName desc", ["webApp", "iosStoreApp", "androidStoreApp"]],
    ["supersededAppCount,displayName desc", ["iosStoreApp", "androidStoreApp", "webApp"]],
    // null (the types without appUrl) first ascending
    ["appUrl desc,displayName", ["webApp", "androidStoreApp", "iosStoreApp"]],
    ["appStoreUrl", ["webApp", "iosStoreApp", "androidStoreApp"]],
  ])("$orderby=%s orders by the values the answers show", async (orderby, expected) => {
    expect(typesOf(await list(`$orderby=${encodeURIComponent(orderby)}`))).toEqual(expected);
  });

  it.each([
    [
      "$filter",
      "largeIcon eq null",
      "The property 'largeIcon' is a complex value; $filter compares only primitive properties.",
    ],
    [
      "$filter",
      "roleScopeTagIds eq '0'",
      "The property 'roleScopeTagIds' is a collection; $filter compares only primitive properties.",
    ],
    [
      "$filter",
      "minimumSupportedOperatingSystem ne null",
      "The property 'minimumSupportedOperatingSystem' is a complex value; $filter compares only primitive properties.",
    ],
    ["$orderby", "largeIcon", "The $orderby expression must evaluate to a single value of primitive type."],
    [
      "$orderby",
      "displayName,roleScopeTagIds desc",
      "The $orderby expression must evaluate to a single value of primitive type.",
    ],
    ["$select", "largeIcon,nope", "Could not find a property named 'nope' on type 'microsoft.graph.mobileApp'."],
  ])("%s=%s answers 400: complex and collection values are not primitive", async (option, value, message) => {
    const response = await t.call({ url: `${appsPath}?${option}=${encodeURIComponent(value)}` });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: "BadRequest", message, target: option });
  });
});
