// The server's log, read from the real process's stdout: one JSON line per request with its request-id,
// operation, status and duration; readable lines with LOG_FORMAT=pretty; and no token, however a client
// sends it, at any level.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_TENANT_ID } from "../../src/auth/local-tokens.ts";
import {
  type LogLine,
  mintToken,
  type Outcome,
  type RunningServer,
  removeTempDirs,
  send,
  spawnServer,
  startServer,
  stopAllServers,
} from "../helpers/server-process.ts";
import { appsPath } from "../helpers/test-app.ts";

let token: string;
beforeAll(async () => {
  token = await mintToken();
});
afterEach(stopAllServers);
afterAll(removeTempDirs);

const webApp = { "@odata.type": "#microsoft.graph.webApp", displayName: "Contoso Portal" };

function requestIdOf(outcome: Outcome): string {
  if (outcome.kind !== "response") throw new Error(`no response: ${outcome.message}`);
  return outcome.headers["request-id"] as string;
}

/** Sends the request and resolves with its answer's request-id once the server has logged its completion. */
async function sendAndAwaitLog(server: RunningServer, request: Parameters<typeof send>[1]) {
  const requestId = requestIdOf(await send(server.baseUrl, request));
  const line = await server.waitForLog((l) => l["request-id"] === requestId && l.msg === "request completed");
  return { requestId, line };
}

describe("request logs", () => {
  it("write one JSON line per request at info: request-id, operation, tenant, method, url, status and duration", async () => {
    const server = await startServer({ env: { LOG_LEVEL: "info" } });
    const { requestId, line } = await sendAndAwaitLog(server, { method: "POST", path: appsPath, token, body: webApp });

    expect(line).toMatchObject({
      level: 30,
      "request-id": requestId,
      operation: "createMobileApp",
      tenant: LOCAL_TENANT_ID,
      method: "POST",
      url: appsPath,
      status: 201,
    });
    expect(line.durationMs).toBeTypeOf("number");
    expect(line.durationMs as number).toBeGreaterThanOrEqual(0);
    expect(server.logs.filter((l) => l["request-id"] === requestId)).toEqual([line]);
  });

  // Functions: the token exists only once beforeAll has run.
  const cases: Array<[string, () => Parameters<typeof send>[1], Partial<LogLine>]> = [
    ["a refused token", () => ({ path: appsPath, token: "not-a-jwt" }), { operation: "listMobileApps", status: 401 }],
    [
      "a body that is not JSON",
      () => ({ method: "POST", path: appsPath, token, body: "{" }),
      { operation: "createMobileApp", status: 400 },
    ],
    ["a path outside the contract", () => ({ path: "/nowhere" }), { operation: "unmatched", status: 404 }],
    ["the API reference", () => ({ path: "/docs" }), { operation: "/docs", status: 200 }],
    ["the metrics", () => ({ path: "/metrics" }), { operation: "getMetrics", status: 200 }],
  ];
  it.each(cases)("name the operation and status of %s", async (_case, request, expected) => {
    const server = await startServer({ env: { LOG_LEVEL: "info" } });
    const { line } = await sendAndAwaitLog(server, request());
    expect(line).toMatchObject(expected);
  });

  it("add an 'incoming request' line before it at debug, with the client's address", async () => {
    const server = await startServer({ env: { LOG_LEVEL: "debug" } });
    const { requestId, line } = await sendAndAwaitLog(server, { path: "/healthz" });
    const lines = server.logs.filter((l) => l["request-id"] === requestId);
    expect(lines.map((l) => l.msg)).toEqual(["incoming request", "request completed"]);
    expect(lines[0]).toMatchObject({ level: 20, req: { method: "GET", url: "/healthz", remoteAddress: "127.0.0.1" } });
    expect(lines[1]).toBe(line);
  });

  it("are readable lines, not JSON, with LOG_FORMAT=pretty", async () => {
    const server = spawnServer({ env: { LOG_LEVEL: "info", LOG_FORMAT: "pretty" } });
    const listening = await server.waitForLog((l) => /INFO.*Server listening at http:\/\//.test(String(l.msg)));
    const baseUrl = (/(http:\/\/\S+)/.exec(String(listening.msg)) as RegExpExecArray)[1] as string;
    const requestId = requestIdOf(await send(baseUrl, { path: "/healthz" }));

    const line = await server.waitForLog((l) => String(l.msg).includes("request completed"));
    expect(line.msg).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: request completed/);
    const details = server.logs.slice(server.logs.indexOf(line)).map((l) => String(l.msg));
    expect(details.join("\n")).toContain(`request-id: "${requestId}"`);
    expect(server.logs.every((l) => Object.keys(l).join() === "msg")).toBe(true); // no line parsed as JSON
  });
});

describe("secrets in the log", () => {
  it("never appear: a token in the Authorization header or in ?access_token=, valid, expired or forged", async () => {
    const server = await startServer({ env: { LOG_LEVEL: "trace" } });
    const expired = await mintToken(undefined, { expiresInSeconds: -60 });
    const forged = `${token.slice(0, token.lastIndexOf(".") + 1)}Zm9yZ2VkLXNpZ25hdHVyZS1ub3QtdmFsaWQ`;
    const requests: Array<Parameters<typeof send>[1]> = [
      { path: appsPath, token },
      { method: "POST", path: appsPath, token, body: webApp },
      { method: "POST", path: appsPath, token, body: "{" },
      { path: appsPath, token: expired },
      { path: appsPath, token: forged },
      { path: `${appsPath}?access_token=${token}` },
      { path: `/nowhere?x=1&access_token=${token}` },
    ];
    const completed: LogLine[] = [];
    for (const request of requests) completed.push((await sendAndAwaitLog(server, request)).line);

    expect(completed.map((line) => line.status)).toEqual([200, 201, 400, 401, 401, 401, 404]);
    expect(completed[5]?.url).toBe(`${appsPath}?access_token=[redacted]`);
    expect(completed[6]?.url).toBe("/nowhere?x=1&access_token=[redacted]");
    const output = `${server.logs.map((line) => JSON.stringify(line)).join("\n")}\n${server.stderr()}`;
    for (const secret of [token, expired, forged]) {
      const signature = secret.slice(secret.lastIndexOf(".") + 1);
      expect(output).not.toContain(signature);
    }
  });
});
