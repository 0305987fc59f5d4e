// The one way to start the server as a process of its own, shared by the tests (test/helpers/server-process.ts),
// the benchmark, the soak test and the fuzzing (through scripts/start-server.mjs). The server runs as `npm start`
// runs it (`node scripts/cli.mjs serve`), with:
// - one readiness signal: the preloaded listening-signal.mjs writes the base URL on a pipe of its own once the
//   server listens (at any LOG_LEVEL or LOG_FORMAT; never a sleep, never a poll);
// - one handling of the environment: the child inherits this process's environment without any variable that
//   src/environment.ts declares, plus exactly the declared variables it is given. A setting that is not declared
//   is refused, so a harness cannot set a variable the server does not read.
// Each server runs in a process group of its own; killAllServers() ends every one still running.
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { isVariableName, type VariableName } from "../../src/environment.ts";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const LISTENING_SIGNAL_MODULE = fileURLToPath(new URL("./listening-signal.mjs", import.meta.url));
/** listening-signal.mjs reads (and removes) it: the descriptor of the readiness pipe. */
const READY_FD_VARIABLE = "GRAPH_INTUNE_READY_FD";
const READY_FD = 3;

/** Declared variables to set; `undefined` leaves one unset (even when this process has it). */
export type ServerSettings = Partial<Record<VariableName, string | undefined>>;

/** Defaults of every harness: any free port on the loopback, JSON logs. */
const HARNESS_DEFAULTS: ServerSettings = { HOST: "127.0.0.1", PORT: "0", LOG_FORMAT: "json" };

/**
 * The environment of a server process: `inherited` without the declared variables, plus the declared ones among
 * `settings`. Throws on a setting that is not declared.
 */
export function serverEnvironment(
  settings: Record<string, string | undefined>,
  inherited: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(inherited)) {
    if (value !== undefined && !isVariableName(name) && name !== READY_FD_VARIABLE) env[name] = value;
  }
  for (const [name, value] of Object.entries(settings)) {
    if (!isVariableName(name)) throw new Error(`${name} is not a setting of the server (src/environment.ts).`);
    if (value !== undefined) env[name] = value;
  }
  return env;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One stdout line: pino's JSON object, or `{ msg }` for a line that is not JSON. */
export type LogLine = Record<string, unknown> & { msg?: unknown };

export interface ServerOptions {
  /** Over HARNESS_DEFAULTS; declared variables only. */
  env?: ServerSettings;
  /** Node flags before the script, e.g. --cpu-prof. */
  nodeFlags?: string[];
  /**
   * Where the server's stdout and stderr go. `capture` (the default): kept, stdout parsed into `logs`, for tests
   * that read them. `stderr`: this process's stderr, unread (a benchmark must not parse the load's log).
   * `{ file }`: appended to that file.
   */
  output?: "capture" | "stderr" | { file: string };
}

export interface ServerProcess {
  child: ChildProcess;
  /** The pid of the server: the spawned node process itself (the CLI loads TypeScript in-process). */
  pid: number;
  /** Resolves when the process has exited (never rejects). */
  exited: Promise<Exit>;
  /** Resolves with the base URL once the server listens; rejects when it exits first. */
  listening: Promise<string>;
  /** stdout lines so far (output `capture` only). */
  logs: LogLine[];
  /** stderr so far (output `capture` only). */
  stderr(): string;
  /** Resolves with the first stdout line (already seen or still to come) that matches; rejects when the
   * process exits first or after timeoutMs, with everything the process wrote. Output `capture` only. */
  waitForLog(matches: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Resolves with the exit; rejects after timeoutMs (the process is then killed). */
  waitForExit(timeoutMs?: number): Promise<Exit>;
  /** SIGKILLs the process group (the server and anything it started) unless it has exited. */
  kill(): Promise<Exit>;
}

export interface RunningServer extends ServerProcess {
  /** http(s)://<host>:<port>, as the server announced it. */
  baseUrl: string;
  /** Milliseconds from spawn to the readiness signal. */
  readyAfterMs: number;
  /** Sends the signal (SIGKILL: to the whole group) and resolves with the exit; rejects, after killing the
   * group, when the server has not exited within timeoutMs. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<Exit>;
}

const live = new Set<ServerProcess>();

function killGroup(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

/** Starts `node scripts/cli.mjs serve` without waiting for anything. */
export function spawnServer(options: ServerOptions = {}): ServerProcess {
  const env = serverEnvironment({ ...HARNESS_DEFAULTS, ...options.env });
  env[READY_FD_VARIABLE] = String(READY_FD);
  const output = options.output ?? "capture";
  const outputFd = typeof output === "object" ? openSync(output.file, "a") : undefined;
  const sink = output === "capture" ? "pipe" : (outputFd ?? 2);
  // Its own process group, so that kill() reaches everything it started.
  const child = spawn(
    process.execPath,
    [...(options.nodeFlags ?? []), "--import", LISTENING_SIGNAL_MODULE, "scripts/cli.mjs", "serve"],
    { cwd: REPO_ROOT, env, detached: true, stdio: ["ignore", sink, sink, "pipe"] },
  );
  if (outputFd !== undefined) closeSync(outputFd);
  const exited = new Promise<Exit>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  // "exit" can come before the last output has been read; "close" comes after the streams have ended.
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));

  const logs: LogLine[] = [];
  let stderr = "";
  const listeners = new Set<() => void>();
  let done = false;
  const notify = () => {
    for (const listener of listeners) listener();
  };
  if (child.stdout) {
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
  }
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  void closed.then(() => {
    done = true;
    live.delete(handle);
    notify();
  });

  const describeOutput = () =>
    output === "capture"
      ? `stdout:\n${logs.map((line) => JSON.stringify(line)).join("\n")}\nstderr:\n${stderr}`.slice(-8000)
      : `(its output went to ${typeof output === "object" ? output.file : "stderr"})`;

  const listening = new Promise<string>((resolve, reject) => {
    const pipe = child.stdio[READY_FD] as Readable;
    const ready = createInterface({ input: pipe });
    ready.once("line", (baseUrl) => {
      ready.close();
      // Read on to the end (closing readline pauses the pipe): the child's "close" waits for it.
      pipe.resume();
      resolve(baseUrl);
    });
    child.once("error", (error) => reject(new Error(`The server could not be started: ${error.message}`)));
    void closed.then(() =>
      reject(
        new Error(
          `The server exited (code ${child.exitCode}, signal ${child.signalCode}) before it listened.\n${describeOutput()}`,
        ),
      ),
    );
  });
  listening.catch(() => {});

  const handle: ServerProcess = {
    child,
    pid: child.pid as number,
    exited,
    listening,
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
      killGroup(child);
      const exit = await exited;
      await closed;
      return exit;
    },
  };
  live.add(handle);
  return handle;
}

/** Starts the server and resolves once it listens; kills it and rejects when it does not within readyTimeoutMs. */
export async function startServer(options: ServerOptions = {}, readyTimeoutMs = 60_000): Promise<RunningServer> {
  const started = performance.now();
  const server = spawnServer(options);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`The server did not listen within ${readyTimeoutMs} ms.`)),
      readyTimeoutMs,
    );
  });
  let baseUrl: string;
  try {
    baseUrl = await Promise.race([server.listening, timeout]);
  } catch (error) {
    await server.kill();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return {
    ...server,
    baseUrl,
    readyAfterMs: performance.now() - started,
    async stop(signal: NodeJS.Signals = "SIGTERM", timeoutMs = 30_000) {
      if (signal === "SIGKILL") return server.kill();
      if (server.child.exitCode === null && server.child.signalCode === null) process.kill(server.pid, signal);
      return server.waitForExit(timeoutMs);
    },
  };
}

/** Kills every server still running and resolves once they have exited (for a test's afterEach). */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...live].map((server) => server.kill()));
}

/** SIGKILLs every server still running; synchronous, for a process "exit" handler. */
export function killAllServers(): void {
  for (const server of live) killGroup(server.child);
}
