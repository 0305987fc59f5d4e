// The server process from start to exit: probes, graceful shutdown on SIGTERM / SIGINT with requests in
// flight, refusal of a bad configuration, and where it keeps its state by default.
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_TENANT_ID } from "../../src/auth/local-tokens.ts";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.ts";
import { type Contract, loadContract } from "../helpers/contract.ts";
import {
  type Exit,
  type LogLine,
  makeTempDir,
  mintToken,
  type Outcome,
  openRequest,
  type RunningServer,
  removeTempDirs,
  type ServerProcess,
  send,
  spawnServer,
  startServer,
  stopAllServers,
} from "../helpers/server-process.ts";
import { allMobileApps, allUserStatuses } from "../helpers/store-views.ts";
import { appsPath, statusesPath } from "../helpers/test-app.ts";

let contract: Contract;
let token: string;
beforeAll(async () => {
  contract = await loadContract();
  token = await mintToken();
});
afterEach(stopAllServers);
afterAll(removeTempDirs);

const CLEAN_EXIT: Exit = { code: 0, signal: null };

/** Throws ContractViolation unless the spec declares this response for the request. */
function checkContract(method: string, url: string, outcome: Outcome): void {
  if (outcome.kind !== "response") return;
  contract.check({ method, url, status: outcome.status, headers: outcome.headers, body: outcome.body });
}

async function createApp(server: RunningServer): Promise<string> {
  const body = {
    "@odata.type": "#microsoft.graph.webApp",
    displayName: "Contoso Portal",
    appUrl: "https://contoso.example",
  };
  const outcome = await send(server.baseUrl, { method: "POST", path: appsPath, token, body });
  if (outcome.kind !== "response" || outcome.status !== 201) throw new Error(`createApp: ${JSON.stringify(outcome)}`);
  return JSON.parse(outcome.body).id as string;
}

/** The store behind the (stopped) server's default database file. */
function storeOf(server: ServerProcess) {
  return openSqliteStore(path.join(server.dir, "graph.db"));
}

const statusBody = (i: number) => ({
  id: `status-${String(i).padStart(5, "0")}`,
  userName: `User ${i}`,
  userPrincipalName: `user${i}@contoso.example`,
  installedDeviceCount: i,
  failedDeviceCount: i % 7,
  notInstalledDeviceCount: 1000 - i,
});

/** The remote ports of the requests the server logged as received (fastify's "incoming request"). */
function acceptedPorts(logs: LogLine[]): Set<number> {
  return new Set(
    logs
      .filter((line) => line.msg === "incoming request")
      .map((line) => (line.req as { remotePort?: number } | undefined)?.remotePort)
      .filter((port): port is number => port !== undefined),
  );
}

/** One request written on a raw socket in as many parts as the test likes; `answer` is the status and body the
 * server sent before closing the connection, or the socket's error. */
function rawRequest(baseUrl: string) {
  const { hostname, port } = new URL(baseUrl);
  const socket = net.connect(Number(port), hostname);
  let received = "";
  socket.setEncoding("utf8").on("data", (chunk: string) => {
    received += chunk;
  });
  const answer = new Promise<{ status: number; body: string } | { error: string }>((resolve) => {
    socket.once("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    socket.once("close", () => {
      const match = /^HTTP\/1\.1 (\d{3})[\s\S]*?\r\n\r\n([\s\S]*)$/.exec(received);
      resolve(match ? { status: Number(match[1]), body: match[2] as string } : { error: `no answer: ${received}` });
    });
  });
  return {
    connected: new Promise<void>((resolve) => socket.once("connect", () => resolve())),
    write: (text: string) => void socket.write(text),
    answer,
  };
}

describe("probes", () => {
  it("answers /healthz and /readyz with 200 and status ok, without a token", async () => {
    const server = await startServer();
    for (const url of ["/healthz", "/readyz"]) {
      const outcome = await send(server.baseUrl, { path: url });
      expect(outcome).toMatchObject({ kind: "response", status: 200 });
      checkContract("GET", url, outcome);
      expect(JSON.parse((outcome as { body: string }).body)).toEqual({ status: "ok" });
    }
  });
});

describe.each(["SIGTERM", "SIGINT"] as const)("on %s", (signal) => {
  it("lets a request that is half received when the signal arrives finish with 201, then exits 0", async () => {
    const server = await startServer();
    const appId = await createApp(server);
    const body = JSON.stringify(statusBody(1));
    const pending = openRequest(server.baseUrl, { method: "POST", path: statusesPath(appId), token, body });
    pending.write(body.slice(0, 10));
    const port = await pending.connected;
    await server.waitForLog(
      (line) => line.msg === "incoming request" && (line.req as { remotePort?: number }).remotePort === port,
    );

    const exit = server.stop(signal);
    await server.waitForLog((line) => line.signal === signal);
    const outcome = await pending.end(body.slice(10));

    expect(outcome).toMatchObject({ kind: "response", status: 201 });
    checkContract("POST", statusesPath(appId), outcome);
    expect(await exit).toEqual(CLEAN_EXIT);
    const refused = await send(server.baseUrl, { path: "/healthz" });
    expect(refused).toMatchObject({ kind: "error", code: "ECONNREFUSED" });

    const store = storeOf(server);
    try {
      expect(await store.forTenant(LOCAL_TENANT_ID).getUserStatus(appId, statusBody(1).id)).toEqual(statusBody(1));
    } finally {
      await store.close();
    }
  });

  it("answers with 201, not 503, a request whose headers were still arriving when the signal came", async () => {
    const server = await startServer();
    const appId = await createApp(server);
    const body = JSON.stringify(statusBody(2));
    const request = rawRequest(server.baseUrl);
    await request.connected;
    request.write(`POST ${statusesPath(appId)} HTTP/1.1\r\nHost: 127.0.0.1\r\n`);

    const exit = server.stop(signal);
    await server.waitForLog((line) => line.signal === signal);
    request.write(
      `Authorization: Bearer ${token}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );

    expect(await request.answer).toMatchObject({ status: 201 });
    expect(await exit).toEqual(CLEAN_EXIT);
    const store = storeOf(server);
    try {
      expect(await store.forTenant(LOCAL_TENANT_ID).getUserStatus(appId, statusBody(2).id)).toEqual(statusBody(2));
    } finally {
      await store.close();
    }
  });

  it("answers every request it accepted with 2xx while 50 are in flight, refuses the rest cleanly, exits 0", async () => {
    const server = await startServer();
    const appId = await createApp(server);
    const url = statusesPath(appId);
    const outcomes: Array<{ i: number; outcome: Outcome }> = [];
    let next = 0;
    let inFlight = 0;
    let inFlightAtSignal = 0;
    let exit: Promise<Exit> | undefined;

    // Each worker sends creates, one connection each, until a connection fails (the server has gone).
    const worker = async () => {
      while (next < 5000) {
        const i = next++;
        inFlight++;
        const outcome = await send(server.baseUrl, { method: "POST", path: url, token, body: statusBody(i) });
        inFlight--;
        outcomes.push({ i, outcome });
        if (!exit && outcome.kind === "response") {
          inFlightAtSignal = inFlight;
          exit = server.stop(signal);
        }
        if (outcome.kind === "error") return;
      }
    };
    await Promise.all(Array.from({ length: 50 }, worker));

    expect(inFlightAtSignal).toBeGreaterThan(0);
    expect(await exit).toEqual(CLEAN_EXIT);
    const responses = outcomes.flatMap(({ i, outcome }) => (outcome.kind === "response" ? [{ i, ...outcome }] : []));
    const failures = outcomes.flatMap(({ outcome }) => (outcome.kind === "error" ? [outcome] : []));
    expect(responses.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.body}`)).toEqual([]);
    for (const response of responses) checkContract("POST", url, response);

    // A failed request is one the server never saw, refused or reset before any answer began.
    const accepted = acceptedPorts(server.logs);
    const cut = failures.filter(
      (f) =>
        f.responseStarted ||
        (f.localPort !== undefined && accepted.has(f.localPort)) ||
        !/^ECONN(REFUSED|RESET)$/.test(f.code),
    );
    expect(cut).toEqual([]);
    expect(await send(server.baseUrl, { path: "/healthz" })).toMatchObject({ kind: "error", code: "ECONNREFUSED" });

    // What was acknowledged is stored, and nothing else: no accepted request lost its answer.
    const store = storeOf(server);
    try {
      const stored = await allUserStatuses(store.forTenant(LOCAL_TENANT_ID), appId);
      expect(stored).toEqual(responses.map((r) => statusBody(r.i)).sort((a, b) => (a.id < b.id ? -1 : 1)));
    } finally {
      await store.close();
    }
  });
});

describe("a bad configuration", () => {
  const cases: Array<[string, Record<string, string>]> = [
    ["PORT", { PORT: "abc" }],
    ["LOG_LEVEL", { LOG_LEVEL: "loud" }],
    ["DATABASE_URL", { DATABASE_URL: "mysql://x" }],
    ["BODY_LIMIT", { BODY_LIMIT: "-1" }],
    ["PUBLIC_BASE_URL", { PUBLIC_BASE_URL: "notaurl" }],
    ["AUTH_ISSUER", { AUTH_JWKS_URI: "https://login.example/keys" }],
    ["LOG_FORMAT", { LOG_FORMAT: "xml" }],
    ["TLS_CERT", { TLS_CERT: "/nonexistent/cert.pem", TLS_KEY: "/nonexistent/key.pem" }],
    ["TLS_KEY", { TLS_CERT: "/nonexistent/cert.pem" }],
  ];
  // The processes start together: each only reads its environment and exits.
  const runs = new Map<string, { server: ServerProcess; exit: Exit }>();
  beforeAll(async () => {
    await Promise.all(
      cases.map(async ([variable, env]) => {
        const server = spawnServer({ env });
        runs.set(variable, { server, exit: await server.waitForExit(30_000) });
      }),
    );
  });

  it.each(cases)("stops the process with a non-zero code and a message naming %s", (variable) => {
    const { server, exit } = runs.get(variable) as { server: ServerProcess; exit: Exit };
    expect(exit.signal).toBeNull();
    expect(exit.code).not.toBe(0);
    expect(server.stderr()).toContain(variable);
    expect(server.stderr()).not.toMatch(/^\s+at /m); // a message, not a stack trace
    expect(server.logs.some((line) => String(line.msg).startsWith("Server listening"))).toBe(false);
  });
});

describe("the default location of state", () => {
  it("is DATA_DIR: graph.db and signing-key.pem are created there and tokens signed with that key work", async () => {
    const dataDir = makeTempDir();
    const server = await startServer({
      env: { DATA_DIR: dataDir, DATABASE_URL: undefined, AUTH_SIGNING_KEY_PATH: undefined },
    });
    const keyPath = path.join(dataDir, "signing-key.pem");
    expect(existsSync(path.join(dataDir, "graph.db"))).toBe(true);
    expect(existsSync(keyPath)).toBe(true);

    const created = await send(server.baseUrl, {
      method: "POST",
      path: appsPath,
      token: await mintToken(keyPath),
      body: { "@odata.type": "#microsoft.graph.webApp", displayName: "Kept", appUrl: "https://contoso.example" },
    });
    expect(created).toMatchObject({ kind: "response", status: 201 });
    expect(await server.stop("SIGTERM")).toEqual(CLEAN_EXIT);

    const store = openSqliteStore(path.join(dataDir, "graph.db"));
    try {
      expect((await allMobileApps(store.forTenant(LOCAL_TENANT_ID))).map((app) => app.properties.displayName)).toEqual([
        "Kept",
      ]);
    } finally {
      await store.close();
    }
  });
});
