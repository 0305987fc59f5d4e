// `npm run token` (the CLI's token command, scripts/cli.mjs token), run for real as a child process: what it prints, which claims
// the token carries, the key file it creates and reuses, and that the server accepts its tokens.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, exportJWK, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverEnvironment } from "../../scripts/server/start-server.ts";
import { loadOrCreateSigningKey } from "../../src/auth/signing-key.ts";
import { appsPath, createTestApp, type TestApp, testKeyPath } from "../helpers/test-app.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CLI = path.join(ROOT, "scripts", "cli.mjs");
const LOCAL_TENANT_ID = "a1b2c3d4-0000-4000-8000-00000000c0de";
const JWT_LINE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\n$/;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a user's shell: none of this process's server settings (startServer's handling), nothing of
 * an npm that runs it, and the settings `extra`. */
function shellEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  return serverEnvironment(extra, inherited);
}

function run(command: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: shellEnv(env), stdio: ["ignore", "pipe", "pipe"] });
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

const freshKeyPath = () => path.join(mkdtempSync(path.join(tmpdir(), "token-cli-")), "keys", "signing-key.pem");
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Runs the CLI, expects a single JWT line, and returns it with the clock around the run. */
async function mint(keyPath: string, args: string[] = []) {
  const before = nowSeconds();
  const result = await run(process.execPath, [CLI, "token", ...args], { AUTH_SIGNING_KEY_PATH: keyPath });
  const after = nowSeconds();
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(JWT_LINE);
  const token = result.stdout.trimEnd();
  return { token, claims: decodeJwt(token), header: decodeProtectedHeader(token), before, after };
}

describe("token CLI: output and signing key", () => {
  it("prints exactly one line holding a JWT, and nothing else", async () => {
    const { token } = await mint(freshKeyPath());
    expect(token.split(".")).toHaveLength(3);
  });

  it("creates the key file on first use (owner-only) and reuses it: the same kid twice", async () => {
    const keyPath = freshKeyPath();
    expect(existsSync(keyPath)).toBe(false);
    const first = await mint(keyPath);
    expect(existsSync(keyPath)).toBe(true);
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    const pem = readFileSync(keyPath, "utf8");
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----/);

    const second = await mint(keyPath);
    expect(readFileSync(keyPath, "utf8")).toBe(pem);
    expect(first.header).toMatchObject({ alg: "RS256", typ: "JWT" });
    expect(second.header.kid).toBe(first.header.kid);

    const key = await loadOrCreateSigningKey(keyPath);
    expect(first.header.kid).toBe(await calculateJwkThumbprint(await exportJWK(key.publicKey)));
    await expect(jwtVerify(second.token, key.publicKey)).resolves.toBeTruthy();
    expect(first.claims.jti).not.toBe(second.claims.jti);
  });

  it("signs with a new key, under another kid, for another key path", async () => {
    const one = await mint(freshKeyPath());
    const other = await mint(freshKeyPath());
    expect(other.header.kid).not.toBe(one.header.kid);
  });
});

describe("token CLI: claims", () => {
  let keyPath: string;
  beforeAll(() => {
    keyPath = freshKeyPath();
  });

  it("defaults to a delegated ReadWrite token for Graph in the local tenant, valid for an hour", async () => {
    const { claims, before, after } = await mint(keyPath);
    expect(claims).toMatchObject({
      scp: "DeviceManagementApps.ReadWrite.All",
      aud: "https://graph.microsoft.com",
      tid: LOCAL_TENANT_ID,
      iss: `https://sts.windows.net/${LOCAL_TENANT_ID}/`,
    });
    expect(claims.roles).toBeUndefined();
    expect(claims.idtyp).toBeUndefined();
    expect(claims.exp).toBeGreaterThanOrEqual(before + 3600);
    expect(claims.exp).toBeLessThanOrEqual(after + 3600);
    expect(claims.nbf).toBeLessThanOrEqual(after);
  });

  const GUID = "0f0e0d0c-1111-4222-8333-444455556666";
  const cases: Array<[string, string[], Record<string, unknown>, string[]]> = [
    ['--scp "A B"', ["--scp", "A B"], { scp: "A B" }, ["roles", "idtyp"]],
    ["--roles A,B (app-only)", ["--roles", "A,B"], { roles: ["A", "B"], idtyp: "app" }, ["scp", "upn"]],
    ["--tid GUID", ["--tid", GUID], { tid: GUID, iss: `https://sts.windows.net/${GUID}/` }, []],
    ["--aud URI", ["--aud", "api://custom"], { aud: "api://custom" }, []],
  ];
  it.each(cases)("%s sets the claims it names", async (_name, args, expected, absent) => {
    const { claims } = await mint(keyPath, args);
    expect(claims).toMatchObject(expected);
    for (const name of absent) expect(claims[name], name).toBeUndefined();
  });

  it.each([[["--expires-in", "-60"]], [["--expires-in=-60"]]])(
    "%j mints a token that expired a minute ago",
    async (args) => {
      const { claims, before, after } = await mint(keyPath, args);
      expect(claims.exp).toBeGreaterThanOrEqual(before - 60);
      expect(claims.exp).toBeLessThanOrEqual(after - 60);
      expect(claims.iat).toBeLessThan(claims.exp as number);
    },
  );

  it("--help prints the usage on stdout and exits 0", async () => {
    const result = await run(process.execPath, [CLI, "token", "--help"], { AUTH_SIGNING_KEY_PATH: keyPath });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run token/);
  });
});

describe("token CLI: refusals", () => {
  const refusals: Array<[string, string[], Record<string, string>, RegExp]> = [
    ["an unknown flag", ["--bogus"], {}, /--bogus/],
    ["a flag without its value", ["--tid"], {}, /--tid/],
    ["a --tid that is not a GUID", ["--tid", "contoso.onmicrosoft.com"], {}, /--tid must be a GUID/],
    ["an --expires-in that is not a whole number", ["--expires-in", "1h"], {}, /--expires-in must be a whole number/],
    ["a positional argument", ["token"], {}, /token/],
    [
      "issuer mode (AUTH_JWKS_URI set)",
      [],
      { AUTH_JWKS_URI: "https://issuer.example/keys", AUTH_ISSUER: "https://issuer.example/", AUTH_AUDIENCES: "x" },
      /issuer mode/,
    ],
  ];

  it.each(refusals)("%s: non-zero exit, a message on stderr, nothing on stdout", async (_name, args, env, message) => {
    const keyPath = freshKeyPath();
    const result = await run(process.execPath, [CLI, "token", ...args], { AUTH_SIGNING_KEY_PATH: keyPath, ...env });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("Usage: npm run token");
  });
});

describe("token CLI and the server", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  // createTestApp verifies with the key at testKeyPath(); the CLI signs with the same file.
  const cli = (args: string[] = []) => mint(testKeyPath(), args);

  it("accepts a token the CLI printed", async () => {
    const { token } = await cli();
    const created = await t.call({
      method: "POST",
      url: appsPath,
      token,
      payload: { "@odata.type": "#microsoft.graph.webApp", displayName: "From the CLI" },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await t.call({ method: "GET", url: appsPath, token })).statusCode).toBe(200);
  });

  it("accepts an app-only token for reads and refuses it for writes it lacks", async () => {
    const { token } = await cli(["--roles", "DeviceManagementConfiguration.Read.All"]);
    expect((await t.call({ method: "GET", url: appsPath, token })).statusCode).toBe(200);
    const refused = await t.call({ method: "POST", url: appsPath, token, payload: { "@odata.type": "#x" } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe("Forbidden");
  });

  it("refuses a token minted with --expires-in -60 as expired", async () => {
    const { token } = await cli(["--expires-in", "-60"]);
    const response = await t.call({ method: "GET", url: appsPath, token });
    expect(response.statusCode).toBe(401);
    expect(response.json().error).toMatchObject({
      code: "InvalidAuthenticationToken",
      message: "Access token has expired or is not yet valid.",
    });
  });
});

describe("npm run token", () => {
  it("prints only the token, with the repository's .npmrc (loglevel=silent)", async () => {
    const keyPath = freshKeyPath();
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const result = await run(npm, ["run", "token"], { AUTH_SIGNING_KEY_PATH: keyPath });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(JWT_LINE);
    expect(decodeJwt(result.stdout.trimEnd()).scp).toBe("DeviceManagementApps.ReadWrite.All");
    expect(existsSync(keyPath)).toBe(true);
  });
});
