// The real server as a child process (`node scripts/cli.mjs serve`, as `npm start` runs it), for what only a process shows: readiness,
// signals, exit codes, configuration errors and durability across a crash. Readiness is the
// "Server listening at" log line, never a sleep. A test file calls stopAllServers() in afterEach (kills every
// process started here, even after a failure) and removeTempDirs() in afterAll.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http, { type IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { mintLocalToken, type TokenRequest } from "../../src/auth/local-tokens.ts";
import { loadOrCreateSigningKey, type SigningKey } from "../../src/auth/signing-key.ts";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The variables the server reads: dropped from the inherited environment so a developer's shell cannot leak in. */
const SERVER_VARIABLE =
  /^(PORT|HOST|DATABASE_.*|SQLITE_.*|DATA_DIR|LOG_LEVEL|LOG_FORMAT|BODY_LIMIT|PUBLIC_BASE_URL|AUTH_.*|TLS_.*|HEADERS_TIMEOUT_MS|REQUEST_TIMEOUT_MS|THROTTLE|FAULT_.*)$/;
const LISTENING = /^Server listening at (https?:\/\/\S+)$/;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One stdout line: pino's JSON object, or `{ msg }` for a line that is not JSON. */
export type LogLine = Record<string, unknown> & { msg?: unknown };

export interface ServerProcess {
  child: ChildProcess;
  /** Resolves when the process has exited (never rejects). */
  exited: Promise<Exit>;
  /** The directory made for this process: the default database and key live there unless env says otherwise. */
  dir: string;
  /** stdout lines so far. */
  logs: LogLine[];
  stderr(): string;
  /** Resolves with the first stdout line (already seen or still to come) that matches; rejects when the
   * process exits first or after timeoutMs, with everything the process wrote. */
  waitForLog(matches: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Resolves with the exit; rejects after timeoutMs (the process is then killed). */
  waitForExit(timeoutMs?: number): Promise<Exit>;
  /** SIGKILLs the process group (the server and anything it started) unless it has exited. */
  kill(): Promise<Exit>;
}

export interface RunningServer extends ServerProcess {
  /** http(s)://<host>:<port>, as the server announced it. */
  baseUrl: string;
  /** The pid of the node process that runs the server, from its startup log line. */
  serverPid: number;
  /**
   * Sends the signal to the server's process (the pid it logged, which is the spawned process: the CLI
   * loads TypeScript in-process, no tsx parent relays signals) and resolves with the exit. SIGKILL goes
   * to the whole group.
   */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
}

export interface SpawnOptions {
  /** Overrides of the test defaults; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
}

const live = new Set<ServerProcess>();
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

/** Starts `node scripts/cli.mjs serve` without waiting for anything. Defaults: port 0 on 127.0.0.1, LOG_LEVEL=debug
 * (for the "incoming request" lines tests wait on), LOG_FORMAT=json, a SQLite file in a fresh temp dir, the file's
 * shared signing key. */
export function spawnServer(options: SpawnOptions = {}): ServerProcess {
  const dir = makeTempDir();
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !SERVER_VARIABLE.test(name)) env[name] = value;
  }
  const settings: Record<string, string | undefined> = {
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "debug",
    LOG_FORMAT: "json",
    DATABASE_URL: `sqlite:${path.join(dir, "graph.db")}`,
    AUTH_SIGNING_KEY_PATH: sharedSigningKeyPath(),
    ...options.env,
  };
  for (const [name, value] of Object.entries(settings)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }

  // Its own process group, so kill() reaches everything it started.
  const child = spawn(process.execPath, ["scripts/cli.mjs", "serve"], {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: "pipe",
  });
  const exited = new Promise<Exit>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });

  const logs: LogLine[] = [];
  let stderr = "";
  const listeners = new Set<() => void>();
  let done = false;
  const notify = () => {
    for (const listener of listeners) listener();
  };
  createInterface({ input: child.stdout }).on("line", (text) => {
    let line: LogLine;
    try {
      const parsed: unknown = JSON.parse(text);
      line = parsed !== null && typeof parsed === "object" ? (parsed as LogLine) : { msg: text };
    } catch {
      line = { msg: text };
    }
    logs.push(line);
    notify();
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  // "exit" can come before the last stdout lines; "close" comes after the streams have ended.
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  void closed.then(() => {
    done = true;
    live.delete(handle);
    notify();
  });

  const describeOutput = () =>
    `stdout:\n${logs.map((line) => JSON.stringify(line)).join("\n")}\nstderr:\n${stderr}`.slice(-8000);

  const handle: ServerProcess = {
    child,
    exited,
    dir,
    logs,
    stderr: () => stderr,
    waitForLog(matches, timeoutMs = 30_000) {
      return new Promise<LogLine>((resolve, reject) => {
        let seen = 0;
        const check = () => {
          for (; seen < logs.length; seen++) {
            const line = logs[seen] as LogLine;
            if (matches(line)) return finish(() => resolve(line));
          }
          if (done) finish(() => reject(new Error(`The server exited before the awaited line.\n${describeOutput()}`)));
        };
        const timer = setTimeout(
          () => finish(() => reject(new Error(`No awaited line within ${timeoutMs} ms.\n${describeOutput()}`))),
          timeoutMs,
        );
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
    async waitForExit(timeoutMs = 30_000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          void handle.kill();
          reject(new Error(`The server did not exit within ${timeoutMs} ms.\n${describeOutput()}`));
        }, timeoutMs);
      });
      try {
        const exit = await Promise.race([exited, timeout]);
        await closed;
        return exit;
      } finally {
        clearTimeout(timer);
      }
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
        }
      }
      const exit = await exited;
      await closed;
      return exit;
    },
  };
  live.add(handle);
  return handle;
}

/** Starts the server and resolves once it has announced its address. */
export async function startServer(options: SpawnOptions = {}, readyTimeoutMs = 30_000): Promise<RunningServer> {
  const server = spawnServer(options);
  const isListening = (line: LogLine) => typeof line.msg === "string" && LISTENING.test(line.msg);
  let ready: LogLine;
  try {
    ready = await server.waitForLog(isListening, readyTimeoutMs);
  } catch (error) {
    await server.kill();
    throw error;
  }
  const baseUrl = (LISTENING.exec(ready.msg as string) as RegExpExecArray)[1] as string;
  const serverPid = ready.pid as number;
  return {
    ...server,
    baseUrl,
    serverPid,
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (signal === "SIGKILL") return server.kill();
      process.kill(serverPid, signal);
      return server.waitForExit();
    },
  };
}

/** For afterEach: kills every server still running. */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...live].map((server) => server.kill()));
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
