// The one way every harness starts the server (scripts/server/start-server.ts): the environment a server process
// gets, and the shell's entry (scripts/start-server.mjs, which the fuzzing uses) end to end.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { REPO_ROOT, serverEnvironment, startServer, stopAllServers } from "../../scripts/server/start-server.ts";
import { VARIABLE_NAMES } from "../../src/environment.ts";

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "graph-start-server-"));
  dirs.push(dir);
  return dir;
};
afterEach(stopAllServers);
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A shell's environment holding a value for every declared variable; PORT, HOST, DATABASE_URL, TLS_CERT and
 * most others would stop the server. */
const hostileShell = Object.fromEntries(VARIABLE_NAMES.map((name) => [name, "not-a-valid-value"]));

describe("serverEnvironment", () => {
  it("keeps the shell's other variables and drops every declared one it was not given", () => {
    const env = serverEnvironment({ LOG_LEVEL: "warn" }, { ...hostileShell, PATH: "/bin", HOME: "/home/x" });
    expect(env).toEqual({ PATH: "/bin", HOME: "/home/x", LOG_LEVEL: "warn" });
  });

  it("leaves a variable given as undefined unset", () => {
    expect(serverEnvironment({ DATA_DIR: undefined }, { DATA_DIR: "/elsewhere" })).toEqual({});
  });

  it("refuses a variable that is not declared: the server would never read it", () => {
    expect(() => serverEnvironment({ LOG_LEVLE: "debug" }, {})).toThrow(
      "LOG_LEVLE is not a setting of the server (src/environment.ts).",
    );
  });
});

describe("startServer", () => {
  it("resolves with the address the server listens on, at any log level, and stops it with exit 0", async () => {
    const dir = tempDir();
    const server = await startServer({ env: { DATA_DIR: dir, LOG_LEVEL: "silent" } });
    expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);
    expect(server.logs).toEqual([]); // silent: the signal is not a log line
    expect(await server.stop("SIGTERM")).toEqual({ code: 0, signal: null });
  });

  it("rejects with the server's own words when it exits before listening", async () => {
    await expect(startServer({ env: { DATA_DIR: tempDir(), PORT: "abc" } })).rejects.toThrow(
      /exited \(code 1, signal null\) before it listened[\s\S]*PORT must be a whole number/,
    );
  });
});

/** Starts scripts/start-server.mjs with the shell's environment `shell`; resolves with its first stdout lines. */
function startEntry(args: string[], shell: Record<string, string>) {
  const child = spawn(process.execPath, ["scripts/start-server.mjs", ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...shell },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const lines: string[] = [];
  const reader = createInterface({ input: child.stdout });
  reader.on("line", (line) => lines.push(line));
  const closed = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  return { child, lines, closed, stderr: () => stderr };
}
const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

describe("scripts/start-server.mjs", () => {
  it("prints the base URL and a token the server accepts, ignores the shell's settings, stops on SIGTERM", async () => {
    const dir = tempDir();
    const log = path.join(dir, "server.log");
    // The server starts only if none of the shell's values reaches it.
    const entry = startEntry(["--env", `DATA_DIR=${dir}`, "--env", "LOG_LEVEL=info", "--log", log, "--token"], {
      ...hostileShell,
    });
    running.push(entry.child);
    const [baseUrl, token] = await new Promise<string[]>((resolve, reject) => {
      entry.child.stdout.on("data", () => {
        if (entry.lines.length >= 2) resolve(entry.lines.slice(0, 2));
      });
      void entry.closed.then(() => reject(new Error(`exited before its lines:\n${entry.stderr()}`)));
    });
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const apps = await fetch(`${baseUrl}/beta/deviceAppManagement/mobileApps`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(apps.status).toBe(200);

    entry.child.kill("SIGTERM");
    expect(await entry.closed).toBe(0);
    expect(entry.lines).toHaveLength(2); // nothing after the two lines: a shell may stop reading
    const logLines = readFileSync(log, "utf8")
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(logLines.map((line) => line.msg)).toContain("closing: finishing in-flight requests");
  });
});
