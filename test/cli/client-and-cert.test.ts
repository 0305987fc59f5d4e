// `graph-intune cert` and `graph-intune client add | list | remove`, run for real as child processes against a
// SQLite file in a temp DATA_DIR. The libraries that use what they make are driven in test/clients/.
import { execFile } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.ts";
import { makeTempDir, REPO_ROOT, removeTempDirs } from "../helpers/server-process.ts";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let dataDir: string;

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  for (const name of ["DATABASE_URL", "DATABASE_SCHEMA", "AUTH_SIGNING_KEY_PATH", "TLS_CERT", "TLS_KEY"])
    delete env[name];
  return new Promise((resolve) => {
    execFile(process.execPath, ["scripts/cli.mjs", ...args], { cwd: REPO_ROOT, env }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

beforeAll(() => {
  dataDir = makeTempDir("graph-cli-clients-");
});
afterAll(removeTempDirs);

describe("cert", () => {
  it("makes a CA and a server certificate for localhost, 127.0.0.1 and ::1 that the CA signed", async () => {
    const { code, stdout } = await cli("cert");
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toHaveLength(1);
    const files = JSON.parse(stdout);
    const ca = new X509Certificate(readFileSync(files.ca));
    const cert = new X509Certificate(readFileSync(files.cert));
    expect(ca.ca).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.checkIssued(ca) && cert.verify(ca.publicKey)).toBe(true);
    expect(cert.subjectAltName).toBe("DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1");
    expect(cert.checkPrivateKey((await import("node:crypto")).createPrivateKey(readFileSync(files.key)))).toBe(true);
    expect(statSync(files.key).mode & 0o077).toBe(0);
    const again = await cli("cert");
    expect(JSON.parse(again.stdout)).toEqual(files);
    expect(new X509Certificate(readFileSync(files.ca)).fingerprint256).toBe(ca.fingerprint256);
  });

  it("--help says how each ecosystem trusts the CA", async () => {
    const { code, stdout } = await cli("cert", "--help");
    expect(code).toBe(0);
    for (const word of ["NODE_EXTRA_CA_CERTS", "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "update-ca-certificates"]) {
      expect(stdout).toContain(word);
    }
  });
});

describe("client", () => {
  it("adds, lists and removes a registration; the store keeps only the secret's hash", async () => {
    const added = await cli(
      "client",
      "add",
      "--roles",
      "DeviceManagementApps.Read.All,DeviceManagementApps.Read.All",
      "--name",
      "Reporting",
    );
    expect(added.code, added.stderr).toBe(0);
    const registration = JSON.parse(added.stdout);
    expect(registration).toEqual({
      tenantId: "a1b2c3d4-0000-4000-8000-00000000c0de",
      clientId: expect.stringMatching(GUID),
      clientSecret: expect.stringMatching(/^[A-Za-z0-9_-]{40}$/),
    });
    const listed = await cli("client", "list");
    expect(JSON.parse(listed.stdout)).toMatchObject({
      clientId: registration.clientId,
      displayName: "Reporting",
      roles: ["DeviceManagementApps.Read.All"],
      certificateThumbprint: null,
    });
    expect(listed.stdout).not.toContain(registration.clientSecret);
    const store = openSqliteStore(path.join(dataDir, "graph.db"));
    try {
      const [stored] = await store.listClientRegistrations();
      expect(JSON.stringify(stored)).not.toContain(registration.clientSecret);
    } finally {
      await store.close();
    }
    expect((await cli("client", "remove", "--client-id", registration.clientId)).code).toBe(0);
    expect((await cli("client", "list")).stdout).toBe("");
    const again = await cli("client", "remove", "--client-id", registration.clientId);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("no registration");
  });

  it("registers a certificate, shown by its thumbprint", async () => {
    const { cert } = JSON.parse((await cli("cert")).stdout);
    const added = await cli(
      "client",
      "add",
      "--roles",
      "DeviceManagementApps.Read.All",
      "--tid",
      "11111111-2222-4333-8444-555555555555",
      "--certificate",
      cert,
    );
    expect(added.code, added.stderr).toBe(0);
    const listed = (await cli("client", "list", "--tid", "11111111-2222-4333-8444-555555555555")).stdout;
    expect(JSON.parse(listed).certificateThumbprint).toBe(new X509Certificate(readFileSync(cert)).fingerprint256);
  });

  const notPem = () => {
    const file = path.join(dataDir, "not.pem");
    writeFileSync(file, "hello");
    return file;
  };
  it.each([
    ["no --roles", ["add"], /needs --roles/],
    ["a role that is no permission name", ["add", "--roles", "read everything"], /--roles/],
    ["a tenant that is no GUID", ["add", "--roles", "A.B", "--tid", "contoso"], /--tid must be a GUID/],
    [
      "a certificate file without a certificate",
      ["add", "--roles", "A.B", "--certificate", "NOT_PEM"],
      /no PEM certificate/,
    ],
    ["an option of another action", ["list", "--roles", "A.B"], /takes no --roles/],
    ["remove without --client-id", ["remove"], /needs --client-id/],
    ["an unknown action", ["rename"], /Unknown action/],
    ["no action", [], /An action is required/],
  ])("refuses %s with the usage, exit 2, storing nothing", async (_name, args, message) => {
    const { code, stderr } = await cli("client", ...args.map((arg) => (arg === "NOT_PEM" ? notPem() : arg)));
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain("Usage: graph-intune client add");
    expect((await cli("client", "list", "--tid", "a1b2c3d4-0000-4000-8000-00000000c0de")).stdout).toBe("");
  });
});
