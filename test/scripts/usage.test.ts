// Every script a user or CI runs answers --help with its usage (exit 0) and an unknown flag with the usage on
// stderr (exit 2), run for real as child processes, as npm runs them.
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../scripts/server/start-server.ts";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const node = (script: string) => [process.execPath, [path.join("scripts", script)]] as const;

/** [name, command, arguments before the flag, what the usage starts with]. */
const scripts: Array<[string, string, readonly string[], string]> = [
  ["npm run bench", npm, ["run", "--silent", "bench", "--"], "Usage: npm run bench -- [options]"],
  ["npm run soak", npm, ["run", "--silent", "soak", "--"], "Usage: npm run soak -- [options]"],
  ["npm run seed", npm, ["run", "--silent", "seed", "--"], "Usage: npm run seed -- [options]"],
  ["graph-intune", ...node("cli.mjs"), "Usage: graph-intune <command> [options]"],
  ...(["serve", "token", "seed", "migrate"] as const).map((command): [string, string, readonly string[], string] => [
    `graph-intune ${command}`,
    process.execPath,
    [path.join("scripts", "cli.mjs"), command],
    "Usage: npm ",
  ]),
  ["scripts/start-server.mjs", ...node("start-server.mjs"), "Usage: node scripts/start-server.mjs [options]"],
  ["scripts/test-summary.mjs", ...node("test-summary.mjs"), "Usage: node scripts/test-summary.mjs VITEST_JSON"],
];

describe.each(scripts)("%s", (_name, command, args, usage) => {
  it("prints its usage on stdout for --help and exits 0", async () => {
    const result = await run(command, [...args, "--help"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.startsWith(usage)).toBe(true);
  });

  it("refuses an unknown flag with the usage on stderr, nothing on stdout, exit 2", async () => {
    const result = await run(command, [...args, "--no-such-flag"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("--no-such-flag");
    expect(result.stderr).toContain(usage);
  });
});

describe("npm run fuzz", () => {
  // Its other flags are Schemathesis's: they are passed on, so only --help is its own.
  it("prints its usage on stdout for --help and exits 0, without starting anything", async () => {
    const result = await run(npm, ["run", "--silent", "fuzz", "--", "--help"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.startsWith("Usage: npm run fuzz -- [schemathesis run options]")).toBe(true);
  });
});
