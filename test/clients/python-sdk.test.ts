// Microsoft's Python libraries (azure-identity, msgraph-beta-sdk, msgraph-core, from PyPI) against the real server
// over HTTPS, changed only by configuration: test/clients/fixtures/msgraph_python.py, run by the Python that
// GRAPH_PYTHON names (CI: the venv .ci/run makes, with the versions pinned there), trusting the service's CA
// through SSL_CERT_FILE and REQUESTS_CA_BUNDLE. Skipped, with the reason printed, where GRAPH_PYTHON is unset.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RegisteredService, type Registration, startRegisteredService } from "../helpers/registered-service.ts";
import { REPO_ROOT } from "../helpers/server-process.ts";

const PYTHON = process.env.GRAPH_PYTHON;
const SKIP_REASON =
  "Python SDK tests skipped: set GRAPH_PYTHON to a python with azure-identity, msgraph-beta-sdk and msgraph-core (see .ci/run).";
if (!PYTHON) console.warn(SKIP_REASON);
const SCRIPT = path.join(REPO_ROOT, "test", "clients", "fixtures", "msgraph_python.py");
const TENANT = "3e5d7c9b-1a2f-4b6c-8d0e-2f4a6c8e0b1d";

let service: RegisteredService;
let client: Registration;
// biome-ignore lint/suspicious/noExplicitAny: the script's JSON report, asserted field by field
let run: any;

function runPython(env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON as string, [SCRIPT], { cwd: REPO_ROOT, env });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`python exited with ${code}\n${stdout}\n${stderr}`)),
    );
  });
}

describe.skipIf(!PYTHON)("the Python SDKs from PyPI", () => {
  beforeAll(async () => {
    service = await startRegisteredService();
    client = await service.addClient("--roles", "DeviceManagementApps.ReadWrite.All", "--tid", TENANT);
    const output = await runPython({
      ...process.env,
      SSL_CERT_FILE: service.files.ca,
      REQUESTS_CA_BUNDLE: service.files.ca,
      SERVICE_URL: service.server.baseUrl,
      TENANT_ID: client.tenantId,
      CLIENT_ID: client.clientId,
      CLIENT_SECRET: client.clientSecret,
    });
    run = JSON.parse(output.trim().split("\n").at(-1) as string);
  }, 180_000);
  afterAll(() => service?.dispose());

  it("ran every step without an unexpected error", () => {
    expect(run.failure?.message).toBeUndefined();
    expect(run.ok).toBe(true);
  });

  it("azure-identity's ClientSecretCredential gets an app-only Graph token from the service", () => {
    expect(run.identity).toMatchObject({
      aud: "https://graph.microsoft.com",
      tid: TENANT,
      appid: client.clientId,
      roles: ["DeviceManagementApps.ReadWrite.All"],
      idtyp: "app",
    });
  });

  it("GraphServiceClient creates and reads a webApp with the SDK's own models", () => {
    expect(run.webApp).toMatchObject({
      type: "#microsoft.graph.webApp",
      isWebApp: true,
      displayName: "Contoso Python",
      appUrl: "https://contoso.example",
    });
  });

  it("a request built on the SDK's adapter creates and reads a userAppInstallStatus", () => {
    expect(run.userStatus).toEqual({
      created: expect.any(String),
      read: run.userStatus.created,
      userName: "Adele Vance",
      installedDeviceCount: 4,
    });
  });

  it("msgraph-core's batch classes create 19 webApps, and a dependent of a failed request answers 424", () => {
    expect(run.batchCreates).toEqual(Array(19).fill(201));
    expect(run.dependsOn).toEqual({ missing: 404, dependent: 424 });
  });

  it("msgraph-core's PageIterator walks every mobileApp, 7 a page", () => {
    expect(run.paged).toEqual({ firstPage: 7, count: 20, distinct: 20 });
  });

  it("an unknown id raises the SDK's ODataError with Graph's code", () => {
    expect(run.odataError).toEqual({ status: 404, code: "ResourceNotFound" });
  });
});
