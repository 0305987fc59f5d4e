// The benchmark's child processes: the service (started by scripts/server/start-server.ts, as every harness
// starts it), the node:http baseline and Prism. Each runs in its own process group; every one still alive is
// SIGKILLed when the benchmark exits, however it exits.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";
import { killAllServers, REPO_ROOT, serverEnvironment, startServer } from "../server/start-server.ts";
import type { StoreSettings } from "./seed.ts";

export { REPO_ROOT };

export interface Child {
  name: string;
  process: ChildProcess;
  pid: number;
  baseUrl: string;
  /** Milliseconds from spawn to the readiness line. */
  readyAfterMs: number;
  /** SIGTERM, then SIGKILL to the group if it has not exited within graceMs. */
  stop(graceMs?: number): Promise<void>;
}

const live = new Set<ChildProcess>();

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

/** Registers a child spawned elsewhere (detached: a process group of its own) to be killed with the rest. */
export function adopt(child: ChildProcess): void {
  live.add(child);
  child.once("exit", () => live.delete(child));
}

/** SIGKILLs every child still running; safe to call from an "exit" handler (synchronous). */
export function killAll(): void {
  killAllServers();
  for (const child of live) killGroup(child);
  live.clear();
}

export interface StartOptions {
  name: string;
  args: string[];
  env?: Record<string, string>;
  /** Reads a line of stdout or stderr; returns the server's base URL once the line says it is ready. */
  ready: (line: string) => string | undefined;
  timeoutMs?: number;
}

/** Spawns `node <args>` (the baseline, Prism) in the repository and resolves once it has announced its address. */
function startNode(options: StartOptions): Promise<Child> {
  // None of the service's settings from the shell: they are not these processes' to read.
  const env = { ...serverEnvironment({}), ...options.env };
  const started = performance.now();
  const child = spawn(process.execPath, options.args, { cwd: REPO_ROOT, env, detached: true, stdio: "pipe" });
  adopt(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // "close" comes after the last output has been read, unlike "exit".
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));

  // The last lines, to explain a failure to start. Once ready, output is drained unread: a server that logs
  // every request (Prism) must not make the benchmark's own process, which drives the load, parse it.
  const tail: string[] = [];
  const readers = [child.stdout, child.stderr].map((stream) =>
    createInterface({ input: stream as NodeJS.ReadableStream }),
  );
  const stopReading = () => {
    for (const reader of readers) reader.close();
    child.stdout?.resume();
    child.stderr?.resume();
  };
  return new Promise<Child>((resolve, reject) => {
    let settled = false;
    const timeoutMs = options.timeoutMs ?? 60_000;
    const timer = setTimeout(() => fail(`did not announce readiness within ${timeoutMs} ms`), timeoutMs);
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      killGroup(child);
      reject(new Error(`${options.name} ${why}.\n${tail.join("\n")}`));
    };
    const onLine = (line: string) => {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      if (settled) return;
      const baseUrl = options.ready(line);
      if (baseUrl === undefined) return;
      settled = true;
      clearTimeout(timer);
      stopReading();
      let stopping = false;
      void exited.then(() => {
        if (!stopping) {
          process.stderr.write(
            `${options.name} exited unexpectedly (code ${child.exitCode}, signal ${child.signalCode})\n`,
          );
        }
      });
      resolve({
        name: options.name,
        process: child,
        pid: child.pid as number,
        baseUrl,
        readyAfterMs: performance.now() - started,
        async stop(graceMs = 10_000) {
          stopping = true;
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill("SIGTERM");
          const killer = setTimeout(() => killGroup(child), graceMs);
          await exited;
          clearTimeout(killer);
        },
      });
    };
    for (const reader of readers) reader.on("line", onLine);
    child.once("error", (error) => fail(`could not be started: ${error.message}`));
    void closed.then(() => fail(`exited (code ${child.exitCode}, signal ${child.signalCode}) before it was ready`));
  });
}

export interface ServiceOptions {
  store: StoreSettings;
  signingKeyPath: string;
  /** SQLITE_SYNCHRONOUS; the service's default (full) when absent. */
  synchronous?: "full" | "normal";
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: string[];
}

/**
 * The service as `npm start` runs it, at LOG_LEVEL=warn (logging every request would measure pino), its output
 * on the benchmark's stderr.
 */
export async function startService(options: ServiceOptions): Promise<Child> {
  const server = await startServer({
    env: {
      ...options.store,
      AUTH_SIGNING_KEY_PATH: options.signingKeyPath,
      LOG_LEVEL: "warn",
      ...(options.synchronous === undefined ? {} : { SQLITE_SYNCHRONOUS: options.synchronous }),
    },
    nodeFlags: options.nodeFlags ?? [],
    output: "stderr",
  });
  let stopping = false;
  void server.exited.then((exit) => {
    if (!stopping) process.stderr.write(`the service exited unexpectedly (code ${exit.code}, signal ${exit.signal})\n`);
  });
  return {
    name: "the service",
    process: server.child,
    pid: server.pid,
    baseUrl: server.baseUrl,
    readyAfterMs: server.readyAfterMs,
    async stop(graceMs = 10_000) {
      stopping = true;
      await server.stop("SIGTERM", graceMs);
    },
  };
}

export function startBaseline(statusId: string): Promise<Child> {
  return startNode({
    name: "the node:http baseline",
    args: ["--import", "tsx", fileURLToPath(new URL("./baseline-server.ts", import.meta.url))],
    env: { PORT: "0", BASELINE_STATUS_ID: statusId },
    ready: (line) => /^Baseline listening at (http:\/\/\S+)$/.exec(line)?.[1],
  });
}

/** A port free now, for a server that cannot be told to pick one (Prism reports port 0 as 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Prism as a user runs it: `prism mock <spec>`, at its default verbosity (it logs every request). */
export async function startPrism(specFile: string): Promise<Child> {
  const cli = path.join(REPO_ROOT, "node_modules/@stoplight/prism-cli/dist/index.js");
  const port = await freePort();
  return startNode({
    name: "Prism",
    args: [cli, "mock", specFile, "-p", String(port), "-h", "127.0.0.1"],
    // "[7:27:16 AM] › [CLI] ▶  start     Prism is listening on http://127.0.0.1:4010", maybe in colour.
    ready: (line) => /Prism is listening on (http:\/\/[\w.:]+)/.exec(stripVTControlCharacters(line))?.[1],
  });
}

export function prismVersion(): string {
  const manifest = path.join(REPO_ROOT, "node_modules/@stoplight/prism-cli/package.json");
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}

/** VmRSS and VmHWM (peak resident set) of a process, in bytes, from /proc. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN) * 1024;
  return { rss: field("VmRSS"), peak: field("VmHWM") };
}
