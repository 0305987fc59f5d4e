// HTTPS with TLS_CERT and TLS_KEY: a certificate made here for 127.0.0.1, the real server process serving
// with it, and the official Microsoft Graph JS client, configured with only baseUrl and customHosts,
// creating and reading a userAppInstallStatus through its own AuthenticationHandler (which sends tokens
// only over https). The client runs in a child process that trusts the certificate through
// NODE_EXTRA_CA_CERTS, the way a user trusts a private CA.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { generate } from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeTempDir,
  mintToken,
  REPO_ROOT,
  type RunningServer,
  removeTempDirs,
  startServer,
} from "../helpers/server-process.ts";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FIXTURE = path.join(REPO_ROOT, "test", "clients", "fixtures", "graph-client-over-https.ts");

interface ClientRun {
  ok: boolean;
  mobileAppId?: string;
  created?: Record<string, unknown>;
  read?: Record<string, unknown>;
  tokenRequests: number;
  message?: string;
  cause?: string;
}

/** Runs the Graph client fixture against baseUrl; `trust` is the PEM file to trust, if any. */
function runGraphClient(baseUrl: string, token: string, trust: string | undefined): Promise<ClientRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, GRAPH_BASE_URL: baseUrl, GRAPH_TOKEN: token };
  delete env.NODE_EXTRA_CA_CERTS;
  if (trust) env.NODE_EXTRA_CA_CERTS = trust;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", FIXTURE], { cwd: REPO_ROOT, env });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`the client exited with ${code}\n${stdout}\n${stderr}`));
      resolve(JSON.parse(stdout.trim().split("\n").at(-1) as string) as ClientRun);
    });
  });
}

let server: RunningServer;
let certPath: string;
let token: string;

beforeAll(async () => {
  const dir = makeTempDir("graph-tls-");
  const pems = await generate([{ name: "commonName", value: "127.0.0.1" }], {
    keyType: "ec",
    algorithm: "sha256",
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] },
    ],
  });
  certPath = path.join(dir, "cert.pem");
  const keyPath = path.join(dir, "key.pem");
  writeFileSync(certPath, pems.cert);
  writeFileSync(keyPath, pems.private, { mode: 0o600 });
  server = await startServer({ env: { TLS_CERT: certPath, TLS_KEY: keyPath } });
  token = await mintToken();
});
afterAll(removeTempDirs);

describe("HTTPS with TLS_CERT and TLS_KEY", () => {
  it("announces an https address", () => {
    expect(server.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it("lets the Graph client, with only baseUrl and customHosts set, create and read a userAppInstallStatus", async () => {
    const run = await runGraphClient(server.baseUrl, token, certPath);
    expect(run.ok, run.message).toBe(true);
    expect(run.tokenRequests).toBe(3); // one per request: the library's AuthenticationHandler sent the token
    expect(run.created).toEqual({
      "@odata.context": `${server.baseUrl}/beta/$metadata#deviceAppManagement/mobileApps('${run.mobileAppId}')/userStatuses/$entity`,
      "@odata.type": "#microsoft.graph.userAppInstallStatus",
      id: expect.stringMatching(GUID),
      userName: "Adele Vance",
      userPrincipalName: "AdeleV@contoso.onmicrosoft.com",
      installedDeviceCount: 4,
      failedDeviceCount: 1,
      notInstalledDeviceCount: 7,
    });
    expect(run.read).toEqual(run.created);
  });

  it("is refused by a client that does not trust the certificate: the TLS check is real", async () => {
    const run = await runGraphClient(server.baseUrl, token, undefined);
    expect(run.ok).toBe(false);
    expect(run.message).toBe("fetch failed");
    expect(run.cause).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
  });
});
