import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appsPath, createTestApp, SEED_REQUEST_BODY, statusesPath, type TestApp } from "../helpers/test-app.ts";

/** A GUID the server issued: time-ordered, UUID version 7 (RFC 9562). */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let t: TestApp;
let appId: string;
beforeEach(async () => {
  t = await createTestApp();
  appId = await t.createApp();
});
afterEach(() => t.close());

const json = { "content-type": "application/json" };

describe("createUserStatus", () => {
  it("answers the documented example byte for byte with 201 and every documented field", async () => {
    expect(Buffer.byteLength(SEED_REQUEST_BODY)).toBe(239);
    const response = await t.call({
      method: "POST",
      url: statusesPath(appId),
      headers: { "content-type": "application/json", "content-length": "239" },
      payload: SEED_REQUEST_BODY,
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers["content-type"]).toMatch(/^application\/json;odata\.metadata=minimal/);
    const body = response.json();
    expect(body).toEqual({
      "@odata.context": `http://localhost:80/beta/$metadata#deviceAppManagement/mobileApps('${appId}')/userStatuses/$entity`,
      "@odata.type": "#microsoft.graph.userAppInstallStatus",
      id: expect.stringMatching(GUID),
      userName: "User Name value",
      userPrincipalName: "User Principal Name value",
      installedDeviceCount: 4,
      failedDeviceCount: 1,
      notInstalledDeviceCount: 7,
    });
  });

  it("fills omitted counts with 0 and omitted names with null", async () => {
    const response = await t.call({ method: "POST", url: statusesPath(appId), payload: {} });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      userName: null,
      userPrincipalName: null,
      installedDeviceCount: 0,
      failedDeviceCount: 0,
      notInstalledDeviceCount: 0,
    });
  });

  it("keeps a client-supplied id that is unused in the app, and answers 409 when it is used", async () => {
    const first = await t.call({ method: "POST", url: statusesPath(appId), payload: { id: "user-1" } });
    expect(first.statusCode).toBe(201);
    expect(first.json().id).toBe("user-1");

    const again = await t.call({ method: "POST", url: statusesPath(appId), payload: { id: "user-1", userName: "B" } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("Conflict");
    const stored = await t.call({ method: "GET", url: `${statusesPath(appId)}/user-1` });
    expect(stored.json().userName).toBeNull();

    const otherApp = await t.createApp("Other");
    const sameIdElsewhere = await t.call({ method: "POST", url: statusesPath(otherApp), payload: { id: "user-1" } });
    expect(sameIdElsewhere.statusCode).toBe(201);
  });

  it("answers 404 for an unknown mobileAppId", async () => {
    const response = await t.call({ method: "POST", url: statusesPath("no-such-app"), payload: {} });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe("ResourceNotFound");
    expect(response.json().error.message).toContain("no-such-app");
  });

  const invalidBodies: Array<[string, string, RegExp, string?]> = [
    [
      "an unknown property",
      '{"deviceCount":1}',
      /The property 'deviceCount' does not exist on type 'microsoft\.graph\.userAppInstallStatus'/,
      "deviceCount",
    ],
    [
      "a string for an Int32",
      '{"installedDeviceCount":"4"}',
      /installedDeviceCount.*Cannot convert the literal '4' to the expected type 'Edm\.Int32'/,
      "installedDeviceCount",
    ],
    [
      "a fraction for an Int32",
      '{"failedDeviceCount":1.5}',
      /failedDeviceCount.*Cannot convert the literal '1\.5' to the expected type 'Edm\.Int32'/,
      "failedDeviceCount",
    ],
    [
      "an Int32 above the range",
      '{"installedDeviceCount":2147483648}',
      /installedDeviceCount.*'2147483648'.*'Edm\.Int32'/,
      "installedDeviceCount",
    ],
    [
      "an Int32 below the range",
      '{"notInstalledDeviceCount":-2147483649}',
      /notInstalledDeviceCount.*'-2147483649'.*'Edm\.Int32'/,
      "notInstalledDeviceCount",
    ],
    [
      "null for a non-nullable count",
      '{"failedDeviceCount":null}',
      /null value was found for the property named 'failedDeviceCount'.*Edm\.Int32\[Nullable=False\]/,
      "failedDeviceCount",
    ],
    [
      "a number for a string",
      '{"userName":5}',
      /userName.*Cannot convert the literal '5' to the expected type 'Edm\.String'/,
      "userName",
    ],
    [
      "a wrong @odata.type",
      '{"@odata.type":"#microsoft.graph.user"}',
      /A type named 'microsoft\.graph\.user' could not be resolved/,
      "@odata.type",
    ],
    [
      "an over-long userName",
      JSON.stringify({ userName: "x".repeat(1025) }),
      /userName.*limit of 1024 characters/,
      "userName",
    ],
    ["an empty id", '{"id":""}', /id/, "id"],
    ["malformed JSON", '{"userName": "a"', /Invalid JSON/],
    ["an empty body", "", /Empty Payload\. JSON content expected\./],
    ["a JSON array", "[]", /unexpected 'StartArray' node/],
    ["a JSON string", '"text"', /unexpected 'PrimitiveValue' node/],
    ["a __proto__ key", '{"__proto__":{"isAdmin":true}}', /Invalid JSON|does not exist/],
  ];

  it.each(invalidBodies)(
    "answers 400 in Graph's wording for %s, and stores nothing",
    async (_case, payload, message, target) => {
      const response = await t.call({ method: "POST", url: statusesPath(appId), headers: json, payload });
      expect(response.statusCode).toBe(400);
      const { error } = response.json();
      expect(error.code).toBe("BadRequest");
      expect(error.message).toMatch(message);
      if (target) expect(error.target).toBe(target);
      expect(await t.tenantStore.countUserStatuses(appId, undefined)).toBe(0);
    },
  );

  // text/plain and application/xml are the spec's answer-only types; image/png it names nowhere.
  it.each([
    ["text/plain", "userName=a"],
    ["application/xml", "<userName>a</userName>"],
    ["image/png", "PNG"],
  ])("answers 415 for a body of %s, and stores nothing", async (contentType, payload) => {
    const response = await t.call({
      method: "POST",
      url: statusesPath(appId),
      headers: { "content-type": contentType },
      payload,
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe("UnsupportedMediaType");
    expect(await t.tenantStore.countUserStatuses(appId, undefined)).toBe(0);
  });

  it("answers 413 for a body over the limit, which is configurable", async () => {
    const small = await createTestApp({ BODY_LIMIT: "2048" });
    try {
      const smallApp = await small.createApp();
      const response = await small.call({
        method: "POST",
        url: statusesPath(smallApp),
        headers: json,
        payload: JSON.stringify({ userName: "x".repeat(3000) }),
      });
      expect(response.statusCode).toBe(413);
      expect(response.json().error.code).toBe("RequestEntityTooLarge");
    } finally {
      await small.close();
    }
    const big = await t.call({
      method: "POST",
      url: statusesPath(appId),
      headers: json,
      payload: JSON.stringify({ userName: "x".repeat(1024 * 1024) }),
    });
    expect(big.statusCode).toBe(413);
  });
});

describe("listUserStatuses", () => {
  it("lists the app's statuses with the collection context", async () => {
    await t.call({ method: "POST", url: statusesPath(appId), payload: { id: "b", userName: "B" } });
    await t.call({ method: "POST", url: statusesPath(appId), payload: { id: "a", userName: "A" } });
    const other = await t.createApp("Other");
    await t.call({ method: "POST", url: statusesPath(other), payload: { id: "c" } });

    const response = await t.call({ method: "GET", url: statusesPath(appId) });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body["@odata.context"]).toBe(
      `http://localhost:80/beta/$metadata#deviceAppManagement/mobileApps('${appId}')/userStatuses`,
    );
    expect(body.value.map((s: { id: string }) => s.id)).toEqual(["a", "b"]);
    expect(body.value[0]["@odata.type"]).toBe("#microsoft.graph.userAppInstallStatus");
  });

  it("answers 404 for an unknown app", async () => {
    const response = await t.call({ method: "GET", url: statusesPath("missing") });
    expect(response.statusCode).toBe(404);
  });
});

describe("getUserStatus", () => {
  it("reads back what was created", async () => {
    const created = await t.call({
      method: "POST",
      url: statusesPath(appId),
      headers: json,
      payload: SEED_REQUEST_BODY,
    });
    const { id } = created.json();
    const response = await t.call({ method: "GET", url: `${statusesPath(appId)}/${id}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(created.json());
  });

  it("answers 404 naming the unknown status, or the unknown app", async () => {
    const missingStatus = await t.call({ method: "GET", url: `${statusesPath(appId)}/nope` });
    expect(missingStatus.statusCode).toBe(404);
    expect(missingStatus.json().error.message).toContain("'nope'");
    const missingApp = await t.call({ method: "GET", url: `${statusesPath("ghost")}/nope` });
    expect(missingApp.statusCode).toBe(404);
    expect(missingApp.json().error.message).toContain("'ghost'");
  });
});

describe("updateUserStatus", () => {
  it("changes only the properties sent and answers 200 with the updated entity", async () => {
    const created = (
      await t.call({ method: "POST", url: statusesPath(appId), headers: json, payload: SEED_REQUEST_BODY })
    ).json();
    const response = await t.call({
      method: "PATCH",
      url: `${statusesPath(appId)}/${created.id}`,
      payload: { "@odata.type": "#microsoft.graph.userAppInstallStatus", failedDeviceCount: 0, userName: null },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ...created, failedDeviceCount: 0, userName: null });
    const stored = await t.call({ method: "GET", url: `${statusesPath(appId)}/${created.id}` });
    expect(stored.json()).toEqual(response.json());
  });

  it("refuses a changed id, an unknown property and a string count with 400, changing nothing", async () => {
    const created = (await t.call({ method: "POST", url: statusesPath(appId), payload: { id: "u1" } })).json();
    for (const payload of [{ id: "u2" }, { bogus: 1 }, { installedDeviceCount: "3" }]) {
      const response = await t.call({ method: "PATCH", url: `${statusesPath(appId)}/u1`, payload });
      expect(response.statusCode).toBe(400);
    }
    expect((await t.call({ method: "GET", url: `${statusesPath(appId)}/u1` })).json()).toEqual(created);
  });

  it("answers 404 for an unknown status", async () => {
    const response = await t.call({
      method: "PATCH",
      url: `${statusesPath(appId)}/nope`,
      payload: { failedDeviceCount: 1 },
    });
    expect(response.statusCode).toBe(404);
  });
});

describe("deleteUserStatus", () => {
  it("answers 204 with no body, then 404", async () => {
    await t.call({ method: "POST", url: statusesPath(appId), payload: { id: "gone" } });
    const response = await t.call({ method: "DELETE", url: `${statusesPath(appId)}/gone` });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe("");
    const again = await t.call({ method: "DELETE", url: `${statusesPath(appId)}/gone` });
    expect(again.statusCode).toBe(404);
  });

  it("disappears with its app", async () => {
    await t.call({ method: "POST", url: statusesPath(appId), payload: { id: "s1" } });
    expect((await t.call({ method: "DELETE", url: `${appsPath}/${appId}` })).statusCode).toBe(204);
    expect(await t.tenantStore.getUserStatus(appId, "s1")).toBeUndefined();
  });
});
