// Hostile input: whatever a client sends, the answer is the right 4xx in Graph's envelope (checked against the
// spec by call()), the store is exactly as it was, and Object.prototype is untouched. The decisions these tests
// hold the server to are written in the spec's info.description.
import net from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Contract, loadContract } from "../helpers/contract.ts";
import { checkResponse, type LiveServer, startLiveServer } from "../helpers/live-server.ts";
import { storeSnapshot } from "../helpers/store-views.ts";
import { appsPath, type CallResponse, createTestApp, statusesPath, type TestApp } from "../helpers/test-app.ts";

const MiB = 1024 * 1024;
const json = { "content-type": "application/json" };

let t: TestApp;
let appId: string;
const statusId = "status-1";
const deviceId = "device-1";
const statusUrl = () => `${statusesPath(appId)}/${statusId}`;
const devicesUrl = () => `${statusUrl()}/deviceStatuses`;

beforeEach(async () => {
  t = await createTestApp();
  appId = await t.createApp();
  await t.call({ method: "POST", url: statusesPath(appId), payload: { id: statusId, userName: "Ada" } });
  await t.call({ method: "POST", url: devicesUrl(), payload: { id: deviceId, deviceName: "Laptop" } });
});
afterEach(() => t.close());

/** Every operation that takes a body, with a valid body and one of its text properties. */
const bodyOperations = [
  {
    operation: "createMobileApp",
    method: "POST",
    url: () => appsPath,
    base: { "@odata.type": "#microsoft.graph.webApp" },
    text: "displayName",
  },
  {
    operation: "updateMobileApp",
    method: "PATCH",
    url: () => `${appsPath}/${appId}`,
    base: { "@odata.type": "#microsoft.graph.webApp" },
    text: "displayName",
  },
  { operation: "createUserStatus", method: "POST", url: () => statusesPath(appId), base: {}, text: "userName" },
  { operation: "updateUserStatus", method: "PATCH", url: statusUrl, base: {}, text: "userName" },
  { operation: "createDeviceStatus", method: "POST", url: devicesUrl, base: {}, text: "deviceName" },
  {
    operation: "updateDeviceStatus",
    method: "PATCH",
    url: () => `${devicesUrl()}/${deviceId}`,
    base: {},
    text: "deviceName",
  },
] as const;

/** The JSON text of `base` with one more property, whose value is given as JSON text. */
function withRawProperty(base: object, name: string, rawValue: string): string {
  const rest = JSON.stringify(base).slice(1, -1);
  return `{${rest}${rest === "" ? "" : ","}${JSON.stringify(name)}:${rawValue}}`;
}

/** Sends the request and checks that it was refused with `status` and `code`, leaving the store untouched. */
async function expectRefused(
  request: Parameters<TestApp["call"]>[0],
  status: number,
  code: string,
): Promise<CallResponse> {
  const before = await storeSnapshot(t.store);
  const response = await t.call(request);
  expect({ status: response.statusCode, code: response.json().error?.code }).toEqual({ status, code });
  expect(await storeSnapshot(t.store)).toEqual(before);
  return response;
}

describe("bodies of 10 MB and more", () => {
  it.each(bodyOperations)("$operation answers 413 RequestEntityTooLarge to 10 MB and 50 MB", async (op) => {
    for (const size of [10 * MiB, 50 * MiB]) {
      const payload = withRawProperty(op.base, op.text, JSON.stringify("x".repeat(size)));
      await expectRefused({ method: op.method, url: op.url(), headers: json, payload }, 413, "RequestEntityTooLarge");
    }
  });
});

describe("JSON nested 10,000 deep", () => {
  const deepArray = "[".repeat(10_000) + "]".repeat(10_000);
  const deepObject = `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`;

  it.each(bodyOperations)("$operation answers 400 to it as a property's value and as the body", async (op) => {
    for (const payload of [
      withRawProperty(op.base, op.text, deepArray),
      withRawProperty(op.base, op.text, deepObject),
      withRawProperty(op.base, "a", deepObject),
      deepArray,
    ]) {
      const response = await expectRefused(
        { method: op.method, url: op.url(), headers: json, payload },
        400,
        "BadRequest",
      );
      // The message quotes the value, cut short, instead of echoing 20,000 brackets.
      expect(response.json().error.message.length).toBeLessThan(400);
    }
  });

  it("does not overflow the stack in the message that quotes the value", async () => {
    const response = await expectRefused(
      { method: "POST", url: appsPath, headers: json, payload: `{"@odata.type":${deepArray}}` },
      400,
      "BadRequest",
    );
    expect(response.json().error.message).toContain("[[[[[[[[[…]]]]]]]]]");
  });
});

describe("__proto__, constructor and prototype keys", () => {
  const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
  let keysBefore: string[];
  beforeAll(() => {
    keysBefore = prototypeKeys();
  });
  afterEach(() => {
    expect(prototypeKeys()).toEqual(keysBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  const poisoned = [
    { case: "a __proto__ key", raw: '"__proto__":{"polluted":true}' },
    { case: "a nested __proto__ key", raw: '"iPad":{"__proto__":{"polluted":true}}' },
    { case: "constructor.prototype", raw: '"constructor":{"prototype":{"polluted":true}}' },
  ];
  it.each(bodyOperations)("$operation refuses a body that poisons a prototype with 400", async (op) => {
    for (const { raw } of poisoned) {
      const rest = JSON.stringify(op.base).slice(1, -1);
      const payload = `{${rest}${rest === "" ? "" : ","}${raw}}`;
      await expectRefused({ method: op.method, url: op.url(), headers: json, payload }, 400, "BadRequest");
    }
  });

  it.each(bodyOperations)("$operation refuses constructor and prototype as unknown properties", async (op) => {
    for (const name of ["constructor", "prototype", "hasOwnProperty", "toString"]) {
      const response = await expectRefused(
        { method: op.method, url: op.url(), payload: { ...op.base, [name]: { isAdmin: true } } },
        400,
        "BadRequest",
      );
      expect(response.json().error.target).toBe(name);
    }
  });

  it("ignores prototype keys in the query string, which pollute nothing", async () => {
    const query = "__proto__[polluted]=1&constructor[prototype][polluted]=1&__proto__.isAdmin=1&toString=1";
    const response = await t.call({ method: "GET", url: `${statusesPath(appId)}?${query}` });
    expect(response.statusCode).toBe(200);
    expect(response.json().value.map((s: { id: string }) => s.id)).toEqual([statusId]);
  });

  it("refuses $-prefixed prototype keys in the query string as unsupported options", async () => {
    for (const query of ["$__proto__=1", "$constructor=1", "$hasOwnProperty=1"]) {
      await expectRefused({ method: "GET", url: `${statusesPath(appId)}?${query}` }, 400, "BadRequest");
    }
  });
});

describe("text with NUL, lone surrogates and 4-byte characters", () => {
  // Written as JSON escapes: a JSON text may carry them, whatever JavaScript strings can.
  const unstorable = [
    { case: "a NUL", escaped: "a\\u0000b" },
    { case: "a lone high surrogate", escaped: "a\\ud800b" },
    { case: "a lone low surrogate", escaped: "a\\udc00b" },
    { case: "a reversed pair", escaped: "\\udc00\\ud800" },
  ];

  it.each(bodyOperations)("$operation answers 400 to a NUL or an unpaired surrogate in text", async (op) => {
    for (const { escaped } of unstorable) {
      const payload = withRawProperty(op.base, op.text, `"${escaped}"`);
      const response = await expectRefused(
        { method: op.method, url: op.url(), headers: json, payload },
        400,
        "BadRequest",
      );
      expect(response.json().error.target).toBe(op.text);
    }
  });

  it("answers 400 to a NUL in a key, in the path and in $filter", async () => {
    await expectRefused(
      { method: "POST", url: statusesPath(appId), headers: json, payload: '{"id":"a\\u0000b"}' },
      400,
      "BadRequest",
    );
    await expectRefused({ method: "GET", url: `${statusesPath(appId)}/a%00b` }, 400, "BadRequest");
    await expectRefused({ method: "DELETE", url: `${statusesPath(appId)}/${statusId}%00` }, 400, "BadRequest");
    const filter = encodeURIComponent("userName eq 'Ada\u0000'");
    await expectRefused({ method: "GET", url: `${statusesPath(appId)}?$filter=${filter}` }, 400, "BadRequest");
  });

  it("answers 400 to bytes in the path that are not UTF-8", async () => {
    await expectRefused({ method: "GET", url: `${statusesPath(appId)}/a%ED%A0%80b` }, 400, "BadRequest");
    await expectRefused({ method: "GET", url: `${statusesPath(appId)}/a%zz` }, 400, "BadRequest");
  });

  const astral = "😀 𝄞 𠜎 🏳️‍🌈 \u{10FFFD}";
  it("stores 4-byte characters in ids and text and reads them back exactly", async () => {
    const id = `id-${astral}`;
    const created = await t.call({
      method: "POST",
      url: statusesPath(appId),
      payload: { id, userName: astral, userPrincipalName: `${astral}@contoso.example` },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id, userName: astral });

    const got = await t.call({ method: "GET", url: `${statusesPath(appId)}/${encodeURIComponent(id)}` });
    expect(got.json()).toEqual(created.json());
    const filter = encodeURIComponent(`userName eq '${astral}'`);
    const found = await t.call({ method: "GET", url: `${statusesPath(appId)}?$filter=${filter}` });
    expect(found.json().value.map((s: { id: string }) => s.id)).toEqual([id]);

    const device = await t.call({ method: "POST", url: devicesUrl(), payload: { deviceName: astral } });
    expect(device.json().deviceName).toBe(astral);
    const app = await t.call({
      method: "PATCH",
      url: `${appsPath}/${appId}`,
      payload: { "@odata.type": "#microsoft.graph.webApp", displayName: astral, notes: astral },
    });
    expect(app.json()).toMatchObject({ displayName: astral, notes: astral });
    expect((await t.call({ method: "GET", url: `${appsPath}/${appId}` })).json().displayName).toBe(astral);
  });
});

describe("very long strings and ids, at the spec's limits", () => {
  const cases = [
    { what: "a userAppInstallStatus id", limit: 128, url: () => statusesPath(appId), name: "id" },
    { what: "a userName", limit: 1024, url: () => statusesPath(appId), name: "userName" },
    { what: "a userPrincipalName", limit: 1024, url: () => statusesPath(appId), name: "userPrincipalName" },
    { what: "a mobileAppInstallStatus id", limit: 128, url: devicesUrl, name: "id" },
    { what: "a deviceName", limit: 1024, url: devicesUrl, name: "deviceName" },
    { what: "a displayName", limit: 1024, url: () => appsPath, name: "displayName" },
    { what: "a description", limit: 4096, url: () => appsPath, name: "description" },
  ];
  const bodyFor = (url: string, name: string, value: string) =>
    url === appsPath ? { "@odata.type": "#microsoft.graph.webApp", [name]: value } : { [name]: value };

  it.each(cases)("takes $what of $limit characters, refuses one more with 400", async ({ limit, url, name }) => {
    const atLimit = "x".repeat(limit);
    const created = await t.call({ method: "POST", url: url(), payload: bodyFor(url(), name, atLimit) });
    expect(created.statusCode).toBe(201);
    expect(created.json()[name]).toBe(atLimit);

    const response = await expectRefused(
      { method: "POST", url: url(), payload: bodyFor(url(), name, "y".repeat(limit + 1)) },
      400,
      "BadRequest",
    );
    expect(response.json().error.target).toBe(name);
  });

  it("counts characters, not UTF-16 units: 1024 emoji are a valid userName, 1025 are not", async () => {
    const created = await t.call({
      method: "POST",
      url: statusesPath(appId),
      payload: { userName: "😀".repeat(1024) },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().userName).toBe("😀".repeat(1024));
    await expectRefused(
      { method: "POST", url: statusesPath(appId), payload: { userName: "😀".repeat(1025) } },
      400,
      "BadRequest",
    );
  });

  it("answers a path key of 128 characters as any unknown key (404), and 400 past the limit", async () => {
    expect((await t.call({ method: "GET", url: `${statusesPath(appId)}/${"k".repeat(128)}` })).statusCode).toBe(404);
    for (const length of [129, 1000, 1001, 10_000]) {
      const response = await expectRefused(
        { method: "GET", url: `${statusesPath(appId)}/${"k".repeat(length)}` },
        400,
        "BadRequest",
      );
      expect(response.json().error.message).toMatch(/128 characters/);
      const url = `${statusesPath("k".repeat(length))}/${statusId}`;
      await expectRefused({ method: "PATCH", url, payload: {} }, 400, "BadRequest");
    }
  });
});

describe("SQL-looking text", () => {
  const injections = [
    "x'; DROP TABLE user_app_install_statuses; --",
    "Robert'); DROP TABLE mobile_apps;--",
    "' OR '1'='1",
    '" OR ""="',
    "1; SELECT * FROM sqlite_master",
    "%_\\%",
  ];

  it("stores it literally as ids and values, reads it back by key and by $filter", async () => {
    for (const [i, text] of injections.entries()) {
      const id = `${text}-${i}`;
      const created = await t.call({ method: "POST", url: statusesPath(appId), payload: { id, userName: text } });
      expect(created.statusCode).toBe(201);
      const got = await t.call({ method: "GET", url: `${statusesPath(appId)}/${encodeURIComponent(id)}` });
      expect(got.json()).toMatchObject({ id, userName: text });
      const filter = encodeURIComponent(`userName eq '${text.replaceAll("'", "''")}'`);
      const found = await t.call({ method: "GET", url: `${statusesPath(appId)}?$filter=${filter}` });
      expect(found.json().value.map((s: { id: string }) => s.id)).toEqual([id]);
    }
    const all = await t.call({ method: "GET", url: statusesPath(appId) });
    expect(all.json().value).toHaveLength(injections.length + 1);
    expect((await t.call({ method: "GET", url: appsPath })).json().value).toHaveLength(1);
  });

  it("matches % and _ in contains() as themselves, not as wildcards", async () => {
    await t.call({ method: "POST", url: statusesPath(appId), payload: { id: "percent", userName: "100%" } });
    for (const [needle, ids] of [
      ["%", ["percent"]],
      ["_", []],
      ["A_a", []],
    ] as const) {
      const filter = encodeURIComponent(`contains(userName,'${needle}')`);
      const found = await t.call({ method: "GET", url: `${statusesPath(appId)}?$filter=${filter}` });
      expect(found.json().value.map((s: { id: string }) => s.id)).toEqual(ids);
    }
  });

  it.each([
    ["$filter", "userName eq 'a' or 1 eq 1"],
    ["$filter", "userName eq 'a'; DROP TABLE mobile_apps"],
    ["$filter", "userName eq 'a' -- '"],
    ["$filter", "1=1"],
    ["$orderby", "userName; DROP TABLE mobile_apps"],
    ["$orderby", "(SELECT 1)"],
    ["$select", "id FROM mobile_apps --"],
    ["$skiptoken", "'; DROP TABLE mobile_apps; --"],
  ])("answers %s=%s with 400 and changes nothing", async (option, text) => {
    const url = `${statusesPath(appId)}?${option}=${encodeURIComponent(text)}`;
    await expectRefused({ method: "GET", url }, 400, "BadRequest");
  });
});

describe("10,000 query parameters", () => {
  const many = (make: (i: number) => string) => Array.from({ length: 10_000 }, (_, i) => make(i)).join("&");

  it("ignores 10,000 parameters that are not OData options", async () => {
    const response = await t.call({ method: "GET", url: `${statusesPath(appId)}?${many((i) => `p${i}=${i}`)}` });
    expect(response.statusCode).toBe(200);
    expect(response.json().value).toHaveLength(1);
  });

  it("answers 400 to 10,000 unsupported options, or one option given 10,000 times", async () => {
    await expectRefused({ method: "GET", url: `${statusesPath(appId)}?${many((i) => `$x${i}=1`)}` }, 400, "BadRequest");
    await expectRefused({ method: "GET", url: `${statusesPath(appId)}?${many(() => "$top=1")}` }, 400, "BadRequest");
    await expectRefused(
      { method: "POST", url: `${statusesPath(appId)}?${many(() => "$top=1")}`, payload: {} },
      400,
      "BadRequest",
    );
  });
});

describe("on a socket", () => {
  let server: LiveServer;
  let contract: Contract;
  let token: string;
  beforeAll(async () => {
    // Short timeouts, so that the slow clients below are cut off within a second.
    server = await startLiveServer({ HEADERS_TIMEOUT_MS: "300", REQUEST_TIMEOUT_MS: "600" });
    contract = await loadContract();
    token = await server.t.token();
  });
  afterAll(() => server.close());

  /** Writes `parts` on a fresh connection, one every `everyMs`, and resolves with what the server sent
   * once it closed the connection: the status, headers and body. */
  function trickle(parts: string[], everyMs: number) {
    const { port } = new URL(server.baseUrl);
    return new Promise<{ status: number; headers: Record<string, string>; body: string; unsent: number }>(
      (resolve, reject) => {
        const socket = net.connect(Number(port), "127.0.0.1");
        let received = "";
        let sent = 0;
        let timer: NodeJS.Timeout | undefined;
        const writeNext = () => {
          if (sent < parts.length && socket.writable) {
            socket.write(parts[sent++] as string);
            timer = setTimeout(writeNext, everyMs);
          }
        };
        socket.setEncoding("utf8").on("data", (chunk: string) => {
          received += chunk;
        });
        socket.on("connect", writeNext);
        socket.on("error", () => {}); // a write after the server closed: the outcome is what was received
        socket.on("close", () => {
          clearTimeout(timer);
          const match = /^HTTP\/1\.1 (\d{3}) [^\r]*\r\n([\s\S]*?)\r\n\r\n([\s\S]*)$/.exec(received);
          if (!match) return reject(new Error(`no HTTP answer before the close: '${received}'`));
          const headers = Object.fromEntries(
            (match[2] as string).split("\r\n").map((line) => {
              const at = line.indexOf(":");
              return [line.slice(0, at).toLowerCase(), line.slice(at + 1).trim()];
            }),
          );
          resolve({ status: Number(match[1]), headers, body: match[3] as string, unsent: parts.length - sent });
        });
      },
    );
  }

  const check = (method: string, path: string, answer: { status: number; headers: object; body: string }) =>
    contract.check({ method, url: path, status: answer.status, headers: { ...answer.headers }, body: answer.body });

  it("cuts off a client that trickles its headers (slow loris) with 408 in Graph's envelope", async () => {
    const appId = await server.t.createApp();
    const path = statusesPath(appId);
    const headers = Array.from({ length: 1000 }, (_, i) => `X-Slow-${i}: ${i}\r\n`);
    const answer = await trickle([`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n`, ...headers], 50);

    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body).error.code).toBe("RequestTimeout");
    expect(answer.headers.connection).toBe("close");
    expect(answer.unsent).toBeGreaterThan(0);
    check("POST", path, answer);
    const statuses = await server.t.call({ method: "GET", url: path });
    expect(statuses.json().value).toEqual([]);
  });

  it("cuts off a client that sends nothing, and one that trickles its body, with 408", async () => {
    const appId = await server.t.createApp();
    const path = statusesPath(appId);
    expect((await trickle([], 0)).status).toBe(408);

    const body = JSON.stringify({ userName: "slow" });
    const head =
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const answer = await trickle([head, ...body.split("")], 100);
    expect(answer.status).toBe(408);
    check("POST", path, answer);
    expect((await server.t.call({ method: "GET", url: path })).json().value).toEqual([]);
  });

  it("still serves others while slow clients are held, and after they are cut off", async () => {
    const slow = Array.from({ length: 20 }, () => trickle(["GET /healthz HTTP/1.1\r\n", "Host: x\r\n"], 10_000));
    const response = await fetch(`${server.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    for (const answer of await Promise.all(slow)) expect(answer.status).toBe(408);
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
  });

  it("answers 10,000 query parameters, over Node's 16 KiB for a request head, with 431 in Graph's envelope", async () => {
    const appId = await server.t.createApp();
    const url = `${server.baseUrl}${statusesPath(appId)}?${Array.from({ length: 10_000 }, (_, i) => `p${i}=1`).join("&")}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(431);
    expect((await response.clone().json()).error.code).toBe("RequestHeaderFieldsTooLarge");
    await checkResponse(contract, "GET", url, response);
  });

  it("answers a 10 MB body sent in chunks, without Content-Length, with 413", async () => {
    const appId = await server.t.createApp();
    const url = `${server.baseUrl}${statusesPath(appId)}`;
    const chunk = new TextEncoder().encode("x".repeat(MiB));
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"userName":"'));
        for (let i = 0; i < 10; i++) controller.enqueue(chunk);
        controller.enqueue(new TextEncoder().encode('"}'));
        controller.close();
      },
    });
    const response = await fetch(url, {
      method: "POST",
      body,
      duplex: "half",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    } as RequestInit);
    expect(response.status).toBe(413);
    await checkResponse(contract, "POST", url, response);
    expect((await server.t.call({ method: "GET", url: statusesPath(appId) })).json().value).toEqual([]);
  });

  it("answers bytes that are not HTTP with 400 in Graph's envelope", async () => {
    const answer = await trickle(["NOT HTTP AT ALL\r\n\r\n"], 0);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).error.code).toBe("BadRequest");
  });
});
