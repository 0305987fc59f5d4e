// The command line (package.json "bin": scripts/cli.mjs), run for real as child processes: the help of the
// program and of each command, refusals of bad arguments, seed and migrate against a real SQLite file,
// and the npm scripts that call it. The token command has its own file (token.test.ts); serve is the
// process of test/server/.
import { spawn } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync } from "node:fs";
import net, { type AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { serverEnvironment } from "../../scripts/server/start-server.ts";
import { LOCAL_TENANT_ID } from "../../src/auth/local-tokens.ts";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.ts";
import { makeTempDir, REPO_ROOT, removeTempDirs } from "../helpers/server-process.ts";
import { allMobileApps, allUserStatuses } from "../helpers/store-views.ts";
import { appsPath, createTestApp, statusesPath } from "../helpers/test-app.ts";

const CLI = path.join(REPO_ROOT, "scripts", "cli.mjs");
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command in the repository with a user's environment: none of this process's server settings
 * (startServer's handling) or npm's, and the settings `env`. */
function run(command: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: REPO_ROOT,
      env: serverEnvironment(env, inherited),
      stdio: ["ignore", "pipe", "pipe"],
    });
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

const cli = (args: string[], env: Record<string, string> = {}) => run(process.execPath, [CLI, ...args], env);

afterAll(removeTempDirs);

describe("graph-intune", () => {
  it("is package.json's bin: an executable file that runs by itself", async () => {
    const { bin } = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
    expect(bin).toEqual({ "graph-intune": "scripts/cli.mjs" });
    accessSync(CLI, constants.X_OK);
    const result = await run(CLI, ["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: graph-intune <command> \[options\]/);
  });

  it("--help lists every command with what it does", async () => {
    const result = await cli(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    for (const command of ["serve", "token", "seed", "migrate"]) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command} +\\S`, "m"));
    }
  });

  it.each(["serve", "token", "seed", "migrate"])("%s --help shows the command's usage and exits 0", async (name) => {
    for (const args of [
      [name, "--help"],
      [name, "-h"],
      ["help", name],
    ]) {
      const result = await cli(args);
      expect(result.code, args.join(" ")).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: npm (start|run ${name})\\b.*\\n +graph-intune ${name}\\b`));
      expect(result.stdout).toContain("-h, --help");
    }
  });

  const refusals: Array<[string, string[], RegExp]> = [
    ["no command", [], /^A command is required\./],
    ["an unknown command", ["serv"], /^Unknown command 'serv'\./],
    ["an unknown option", ["seed", "--app", "3"], /^graph-intune seed: .*'--app'/],
    ["a positional argument", ["migrate", "now"], /^graph-intune migrate: .*'now'/],
    ["an option without its value", ["seed", "--apps"], /^graph-intune seed: .*--apps/],
    ["a count that is not a number", ["seed", "--apps", "three"], /--apps must be a whole number from 1 to 100000/],
    ["no apps", ["seed", "--apps", "0"], /--apps must be a whole number from 1 to 100000, got '0'/],
    ["negative statuses", ["seed", "--statuses=-1"], /--statuses must be a whole number from 0 to 1000000/],
    ["a port out of range", ["serve", "--port", "70000"], /--port must be a whole number from 0 to 65535/],
  ];
  it.each(refusals)(
    "refuses %s: exit 2, the reason and the usage on stderr, nothing on stdout",
    async (_c, args, why) => {
      const result = await cli(args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(why);
      expect(result.stderr).toMatch(/\n\nUsage: /);
    },
  );

  it("stops with exit 1 and 'Configuration error' naming the variable for a bad environment", async () => {
    const result = await cli(["migrate"], { DATABASE_URL: "mysql://db.example/graph" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Configuration error: DATABASE_URL /);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});

describe("serve", () => {
  it("stops with exit 1 and the reason, not a stack, when its port is taken", async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = taken.address() as AddressInfo;
      const dir = makeTempDir();
      const result = await cli(["serve", "--port", String(port)], { DATA_DIR: dir, LOG_LEVEL: "silent" });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`graph-intune serve: listen EADDRINUSE: address already in use 127.0.0.1:${port}\n`);
    } finally {
      taken.close();
    }
  });
});

describe("seed", () => {
  it("adds the apps with their statuses through the store, ids on stdout and progress on stderr", async () => {
    const database = path.join(makeTempDir(), "seeded.db");
    const result = await cli(["seed", "--apps", "4", "--statuses", "25"], { DATABASE_URL: `sqlite:${database}` });
    expect(result.code, result.stderr).toBe(0);

    const ids = result.stdout.trimEnd().split("\n");
    expect(ids).toHaveLength(4);
    for (const id of ids) expect(id).toMatch(GUID);
    const progress = result.stderr.trimEnd().split("\n");
    expect(progress).toContain("seed: 50/100 userAppInstallStatuses (50%)");
    expect(progress.at(-2)).toBe("seed: 100/100 userAppInstallStatuses (100%)");
    expect(progress.at(-1)).toBe(
      `seed: added 4 mobileApps and 100 userAppInstallStatuses to tenant ${LOCAL_TENANT_ID} at sqlite:${database}`,
    );

    const store = openSqliteStore(database);
    try {
      const apps = await allMobileApps(store.forTenant(LOCAL_TENANT_ID));
      expect(apps.map((app) => app.id).sort()).toEqual([...ids].sort());
      expect(new Set(apps.map((app) => app["@odata.type"]))).toEqual(
        new Set(["#microsoft.graph.webApp", "#microsoft.graph.iosStoreApp", "#microsoft.graph.androidStoreApp"]),
      );
      for (const app of apps) {
        expect(app.properties.displayName).toEqual(expect.any(String));
        const statuses = (await allUserStatuses(store.forTenant(LOCAL_TENANT_ID), app.id)) ?? [];
        expect(statuses).toHaveLength(25);
        expect(new Set(statuses.map((status) => status.userPrincipalName)).size).toBe(25);
        for (const status of statuses) {
          const [first, last] = (status.userName as string).split(" ") as [string, string];
          expect(status.userPrincipalName).toBe(`${first}.${last}@contoso.onmicrosoft.com`);
          for (const count of [status.installedDeviceCount, status.failedDeviceCount, status.notInstalledDeviceCount]) {
            expect(Number.isInteger(count) && count >= 0 && count <= 3).toBe(true);
          }
        }
      }
    } finally {
      await store.close();
    }
  });

  it("writes data the API serves as the contract declares it", async () => {
    const database = path.join(makeTempDir(), "served.db");
    const result = await cli(["seed", "--apps", "3", "--statuses", "3"], { DATABASE_URL: `sqlite:${database}` });
    expect(result.code, result.stderr).toBe(0);

    // createTestApp's call() checks every response against the spec's schema.
    const t = await createTestApp({}, { store: openSqliteStore(database) });
    try {
      const apps = await t.call({ method: "GET", url: appsPath });
      expect(apps.statusCode).toBe(200);
      expect(apps.json().value).toHaveLength(3);
      for (const id of result.stdout.trimEnd().split("\n")) {
        const statuses = await t.call({ method: "GET", url: statusesPath(id) });
        expect(statuses.statusCode).toBe(200);
        expect(statuses.json().value).toHaveLength(3);
      }
    } finally {
      await t.close();
    }
  });
});

describe("migrate", () => {
  it("creates a database that does not exist yet, then finds it current on a second run", async () => {
    const database = path.join(makeTempDir(), "nested", "graph.db");
    expect(existsSync(database)).toBe(false);

    for (let round = 0; round < 2; round++) {
      const result = await cli(["migrate"], { DATABASE_URL: `sqlite:${database}` });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe(`The store at sqlite:${database} has the current schema.\n`);
    }
    const store = openSqliteStore(database);
    try {
      expect(await store.listTenants()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe("npm scripts", () => {
  const scripts: Array<[string[], RegExp]> = [
    [["start", "--", "--help"], /^Usage: npm start -- \[options\]\n +graph-intune serve/],
    [["run", "token", "--", "--help"], /^Usage: npm run token -- \[options\]\n +graph-intune token/],
    [["run", "seed", "--", "--help"], /^Usage: npm run seed -- \[options\]\n +graph-intune seed/],
    [["run", "migrate", "--", "--help"], /^Usage: npm run migrate\n +graph-intune migrate/],
  ];
  it.each(scripts)("npm %j runs the CLI", async (args, usage) => {
    const result = await run(process.platform === "win32" ? "npm.cmd" : "npm", args);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(usage);
  });
});
