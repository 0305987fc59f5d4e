// The real server as a child process, for what only a process shows: readiness, signals, exit codes,
// configuration errors and durability across a crash. The process is scripts/server/start-server.ts's, as the
// bench, the soak test and the fuzzing start it; this adds the tests' defaults (a fresh temp dir as DATA_DIR,
// LOG_LEVEL=debug for the "incoming request" lines tests wait on, one signing key per test file) and raw HTTP.
// A test file calls stopAllServers() in afterEach (kills every process started here, even after a failure) and
// removeTempDirs() in afterAll.
import { mkdtempSync, rmSync } from "node:fs";
import http, { type IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  type ServerProcess as ProcessHandle,
  type RunningServer as RunningProcess,
  type ServerOptions,
  type ServerSettings,
  spawnServer as spawnServerProcess,
  startServer as startServerProcess,
  stopAllServers,
} from "../../scripts/server/start-server.ts";
import { mintLocalToken, type TokenRequest } from "../../src/auth/local-tokens.ts";
import { loadOrCreateSigningKey, type SigningKey } from "../../src/auth/signing-key.ts";

export { type Exit, type LogLine, REPO_ROOT, stopAllServers } from "../../scripts/server/start-server.ts";

/** The directory made for the process (its DATA_DIR): the database and key live there unless env says otherwise. */
export interface ServerProcess extends ProcessHandle {
  dir: string;
}
export interface RunningServer extends RunningProcess {
  dir: string;
}

export interface SpawnOptions {
  /** Overrides of the test defaults; `undefined` removes a variable. */
  env?: ServerSettings;
}

const dirs: string[] = [];

/** A fresh directory under the OS temp dir, removed by removeTempDirs(). */
export function makeTempDir(prefix = "graph-server-"): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

let sharedKeyPath: string | undefined;
/** One signing key per test file: generating an RSA key takes a noticeable moment. */
export function sharedSigningKeyPath(): string {
  sharedKeyPath ??= path.join(makeTempDir("graph-server-key-"), "signing-key.pem");
  return sharedKeyPath;
}

const keys = new Map<string, Promise<SigningKey>>();
/** A bearer token signed with the key at keyPath (created if missing), which a local-mode server accepts. */
export async function mintToken(keyPath: string = sharedSigningKeyPath(), request: TokenRequest = {}): Promise<string> {
  let key = keys.get(keyPath);
  if (!key) {
    key = loadOrCreateSigningKey(keyPath);
    keys.set(keyPath, key);
  }
  return mintLocalToken(await key, request);
}

/** The tests' server options: DATA_DIR a fresh temp dir (graph.db in it), LOG_LEVEL=debug, the file's key. */
function testOptions(options: SpawnOptions): { dir: string; options: ServerOptions } {
  const dir = makeTempDir();
  const env: ServerSettings = {
    DATA_DIR: dir,
    DATABASE_URL: `sqlite:${path.join(dir, "graph.db")}`,
    LOG_LEVEL: "debug",
    AUTH_SIGNING_KEY_PATH: sharedSigningKeyPath(),
    ...options.env,
  };
  return { dir, options: { env } };
}

/** Starts the server without waiting for anything (see testOptions for the defaults). */
export function spawnServer(options: SpawnOptions = {}): ServerProcess {
  const { dir, options: serverOptions } = testOptions(options);
  return { ...spawnServerProcess(serverOptions), dir };
}

/** Starts the server and resolves once it listens. */
export async function startServer(options: SpawnOptions = {}, readyTimeoutMs = 30_000): Promise<RunningServer> {
  const { dir, options: serverOptions } = testOptions(options);
  return { ...(await startServerProcess(serverOptions, readyTimeoutMs)), dir };
}

/** For afterAll: kills every server still running, then removes the temp dirs (the shared key's too). */
export async function removeTempDirs(): Promise<void> {
  await stopAllServers();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  sharedKeyPath = undefined;
  keys.clear();
}

export type Outcome =
  | { kind: "response"; status: number; headers: IncomingHttpHeaders; body: string; localPort: number | undefined }
  | {
      kind: "error";
      /** ECONNREFUSED, ECONNRESET, ... */
      code: string;
      message: string;
      localPort: number | undefined;
      /** The status line had arrived when the connection failed: a response cut off. */
      responseStarted: boolean;
    };

export interface RequestOptions {
  method?: string;
  path: string;
  token?: string;
  /** JSON-encoded unless a string. */
  body?: unknown;
}

export interface OpenRequest {
  /** The client's local port once connected: the `req.remotePort` the server logs for this request. */
  connected: Promise<number>;
  /** Sends part of the body now. */
  write(chunk: string): void;
  /** Sends the rest of the body and resolves with what came back (never rejects). */
  end(chunk?: string): Promise<Outcome>;
}

/**
 * Starts a request on a connection of its own (no keep-alive: one request, one connection), so that an
 * outcome tells one request's story: a complete response, a refused connection, or a cut-off one.
 * The Content-Length announces the whole body, which can be sent in parts.
 */
export function openRequest(baseUrl: string, options: RequestOptions): OpenRequest {
  const body = encodeBody(options.body);
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    headers["content-length"] = String(Buffer.byteLength(body));
  }
  const request = http.request(new URL(options.path, baseUrl), {
    method: options.method ?? "GET",
    headers,
    agent: false,
  });
  let localPort: number | undefined;
  const connected = new Promise<number>((resolve, reject) => {
    request.once("socket", (socket) => {
      socket.once("connect", () => {
        localPort = socket.localPort;
        resolve(socket.localPort as number);
      });
    });
    request.once("error", reject);
  });
  connected.catch(() => {});
  let responseStarted = false;
  const outcome = new Promise<Outcome>((resolve) => {
    const fail = (error: NodeJS.ErrnoException) =>
      resolve({ kind: "error", code: error.code ?? "UNKNOWN", message: error.message, localPort, responseStarted });
    request.once("error", fail);
    request.once("response", (response) => {
      responseStarted = true;
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        text += chunk;
      });
      response.once("error", fail);
      response.once("aborted", () => fail(Object.assign(new Error("response aborted"), { code: "ECONNRESET" })));
      response.once("end", () => {
        if (!response.complete) return fail(Object.assign(new Error("response incomplete"), { code: "ECONNRESET" }));
        resolve({
          kind: "response",
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: text,
          localPort,
        });
      });
    });
  });
  return {
    connected,
    write: (chunk) => {
      request.write(chunk);
    },
    end: (chunk) => {
      request.end(chunk);
      return outcome;
    },
  };
}

/** Sends a whole request on a connection of its own; see openRequest. */
export function send(baseUrl: string, options: RequestOptions): Promise<Outcome> {
  return openRequest(baseUrl, options).end(encodeBody(options.body));
}

function encodeBody(body: unknown): string {
  if (body === undefined) return "";
  return typeof body === "string" ? body : JSON.stringify(body);
}
