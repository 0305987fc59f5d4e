// Microsoft's own libraries against the real server process, changed only by configuration: `graph-intune cert`
// makes the CA and the HTTPS certificate, `graph-intune client add` registers a secret client and a certificate
// client, and a child process that trusts the CA through NODE_EXTRA_CA_CERTS runs @azure/msal-node,
// @azure/identity and @microsoft/microsoft-graph-client (test/clients/fixtures/entra-clients.ts).
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generate } from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RegisteredService, type Registration, startRegisteredService } from "../helpers/registered-service.ts";
import { REPO_ROOT } from "../helpers/server-process.ts";

const FIXTURE = path.join(REPO_ROOT, "test", "clients", "fixtures", "entra-clients.ts");
const TENANT = "7c1e9d2a-3b4f-4e5a-8c6d-9e0f1a2b3c4d";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let service: RegisteredService;
let secretClient: Registration;
let certClient: Registration;
// biome-ignore lint/suspicious/noExplicitAny: the fixture's JSON report, asserted field by field
let run: any;

function runFixture(env: NodeJS.ProcessEnv): Promise<string> {
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
    child.on("close", (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`the fixture exited with ${code}\n${stdout}\n${stderr}`)),
    );
  });
}

beforeAll(async () => {
  // The registrations go in before the server starts: `client add` writes to the store the server will open.
  service = await startRegisteredService();
  // The certificate client's own certificate, with its key in the same PEM file (as ClientCertificateCredential reads it).
  const own = await generate([{ name: "commonName", value: "graph-intune test client" }], {
    keyType: "rsa",
    keySize: 2048,
    algorithm: "sha256",
  });
  const certOnly = path.join(service.dataDir, "client-cert.pem");
  const certAndKey = path.join(service.dataDir, "client-cert-and-key.pem");
  writeFileSync(certOnly, own.cert);
  writeFileSync(certAndKey, `${own.private}\n${own.cert}`, { mode: 0o600 });
  secretClient = await service.addClient("--roles", "DeviceManagementApps.ReadWrite.All", "--tid", TENANT);
  certClient = await service.addClient(
    "--roles",
    "DeviceManagementApps.Read.All",
    "--tid",
    TENANT,
    "--certificate",
    certOnly,
  );
  const fixtureEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_EXTRA_CA_CERTS: service.files.ca,
    SERVICE_URL: service.server.baseUrl,
    TENANT_ID: TENANT,
    CLIENT_ID: secretClient.clientId,
    CLIENT_SECRET: secretClient.clientSecret,
    CERT_CLIENT_ID: certClient.clientId,
    CERT_PATH: certAndKey,
  };
  run = JSON.parse((await runFixture(fixtureEnv)).trim().split("\n").at(-1) as string);
}, 180_000);
afterAll(() => service?.dispose());

describe("graph-intune cert and client add", () => {
  it("print one JSON line each, and cert reuses what it made", async () => {
    const { files } = service;
    expect(Object.keys(files)).toEqual(["ca", "cert", "key"]);
    const before = readFileSync(files.cert, "utf8");
    expect(JSON.parse(await service.cli("cert"))).toEqual(files);
    expect(readFileSync(files.cert, "utf8")).toBe(before);
    expect(secretClient).toEqual({
      tenantId: TENANT,
      clientId: expect.stringMatching(GUID),
      clientSecret: expect.any(String),
    });
  });

  it("list the registrations without their secrets", async () => {
    const listed = (await service.cli("client", "list"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(listed.map((r) => r.clientId).sort()).toEqual([secretClient.clientId, certClient.clientId].sort());
    expect(JSON.stringify(listed)).not.toContain(secretClient.clientSecret);
  });
});

describe("@azure/msal-node ConfidentialClientApplication (authority on the service, knownAuthorities)", () => {
  it("ran every step without an unexpected error", () => {
    expect(run.error?.message).toBeUndefined();
    expect(run.ok).toBe(true);
  });

  it("gets a Graph app-only token with a client secret, then serves it from its cache", () => {
    expect(run.msal.tokenType).toBe("Bearer");
    expect(run.msal.claims).toMatchObject({
      aud: "https://graph.microsoft.com",
      tid: TENANT,
      appid: secretClient.clientId,
      roles: ["DeviceManagementApps.ReadWrite.All"],
      idtyp: "app",
    });
    expect(run.msalCached).toBe(true);
  });

  it("reports a wrong secret with Entra's code", () => {
    expect(run.msalWrongSecret).toMatchObject({
      errorCode: "invalid_client",
      errorMessage: expect.stringContaining("AADSTS7000215"),
    });
  });
});

describe("@azure/identity (authorityHost on the service, disableInstanceDiscovery)", () => {
  it("ClientSecretCredential gets a token for the secret client", () => {
    expect(run.identitySecret).toMatchObject({ tid: TENANT, appid: secretClient.clientId, appidacr: "1" });
  });

  it("ClientCertificateCredential gets a token with a certificate client assertion", () => {
    expect(run.identityCertificate).toMatchObject({
      tid: TENANT,
      appid: certClient.clientId,
      appidacr: "2",
      roles: ["DeviceManagementApps.Read.All"],
    });
  });

  it("reports an unknown client as an authentication failure naming AADSTS700016", () => {
    expect(run.identityUnknownClient).toMatchObject({ message: expect.stringContaining("AADSTS700016") });
  });
});

describe("@microsoft/microsoft-graph-client with TokenCredentialAuthenticationProvider over HTTPS", () => {
  it("creates, updates, reads and lists a mobileApp", () => {
    expect(run.crud.created).toMatchObject({ "@odata.type": "#microsoft.graph.webApp", displayName: "Contoso Portal" });
    expect(run.crud.read).toMatchObject({ id: run.crud.created.id, displayName: "Renamed" });
    expect(run.crud.listed).toEqual([run.crud.created.id]);
  });

  it("creates 120 userStatuses in six BatchRequestContents of 20, each answered 201", () => {
    expect(run.batchCreates).toEqual(Array(120).fill(201));
  });

  it("answers 424 for the dependent of a failed request; what succeeded stays done", () => {
    expect(run.dependsOn.create.status).toBe(201);
    expect(run.dependsOn.again).toMatchObject({ status: 409, body: { error: { code: "Conflict" } } });
    expect(run.dependsOn.read).toMatchObject({ status: 424, body: { error: { code: "FailedDependency" } } });
    expect(run.dependsOn.stored).toMatchObject({ body: { id: "chosen-id", userName: "First" } });
  });

  it("PageIterator walks more than 100 items, each once", () => {
    expect(run.paged).toEqual({ count: 121, distinct: 121, firstPage: 100 });
  });

  it("throws a GraphError with Graph's status, code and request id", () => {
    expect(run.graphError).toMatchObject({
      isGraphError: true,
      statusCode: 404,
      code: "ResourceNotFound",
      requestId: expect.stringMatching(GUID),
    });
  });

  it("deletes the mobileApp", () => {
    expect(run.afterDelete).toBe(404);
  });
});
