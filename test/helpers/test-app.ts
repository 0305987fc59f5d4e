// Builds the service over a fresh in-memory store for a test, with tokens signed by a test key, and
// a `call` that injects a request and checks the response against the contract before returning it.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { buildApp } from "../../src/app.ts";
import { LOCAL_TENANT_ID, mintLocalToken, type TokenRequest } from "../../src/auth/local-tokens.ts";
import { loadOrCreateSigningKey, type SigningKey } from "../../src/auth/signing-key.ts";
import { createTokenVerifier } from "../../src/auth/token-verifier.ts";
import { loadConfig } from "../../src/config.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { Store, TenantStore } from "../../src/store/store.ts";
import { loadContract } from "./contract.ts";
import { freshPostgresStore, HTTP_TESTS_ON_POSTGRES } from "./postgres.ts";

/** The request body of Microsoft's create example; with the HTTP example's CRLF line ends it is the
 * documented Content-length of 239 bytes. */
export const SEED_REQUEST_BODY = `{
  "@odata.type": "#microsoft.graph.userAppInstallStatus",
  "userName": "User Name value",
  "userPrincipalName": "User Principal Name value",
  "installedDeviceCount": 4,
  "failedDeviceCount": 1,
  "notInstalledDeviceCount": 7
}`.replaceAll("\n", "\r\n");

export const appsPath = "/beta/deviceAppManagement/mobileApps";
export const statusesPath = (mobileAppId: string) => `${appsPath}/${mobileAppId}/userStatuses`;

export interface CallOptions extends Omit<InjectOptions, "headers"> {
  headers?: Record<string, string>;
  /** A token to send; false sends no Authorization header. Default: a ReadWrite token. */
  token?: string | false;
}

export type CallResponse = LightMyRequestResponse & { body: string };

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  /** The store's view of the default token's tenant (LOCAL_TENANT_ID), where `call` creates everything. */
  tenantStore: TenantStore;
  key: SigningKey;
  token(request?: TokenRequest): Promise<string>;
  /** Injects a request; the response has already passed the contract check. */
  call(options: CallOptions): Promise<CallResponse>;
  /** Creates a webApp and returns its id. */
  createApp(displayName?: string): Promise<string>;
  close(): Promise<void>;
}

let sharedKeyPath: string | undefined;
/** One RSA key per test file: generating one takes a noticeable moment. */
export function testKeyPath(): string {
  sharedKeyPath ??= path.join(mkdtempSync(path.join(tmpdir(), "graph-test-key-")), "signing-key.pem");
  return sharedKeyPath;
}

export interface TestAppOptions {
  store?: Store;
  /** The app's clock (throttling windows), epoch milliseconds. */
  now?: () => number;
  /** The app's dice (fault injection), in [0, 1). */
  random?: () => number;
}

export async function createTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const config = loadConfig({
    DATABASE_URL: "sqlite::memory:",
    AUTH_SIGNING_KEY_PATH: testKeyPath(),
    LOG_LEVEL: "silent",
    ...env,
  });
  const store = options.store ?? (HTTP_TESTS_ON_POSTGRES ? await freshPostgresStore() : await openStore(config));
  const key = await loadOrCreateSigningKey(testKeyPath());
  const app = await buildApp({
    config,
    store,
    verifyToken: createTokenVerifier(config.auth, key),
    signingKey: key,
    ...(options.now ? { now: options.now } : {}),
    ...(options.random ? { random: options.random } : {}),
  });
  const contract = await loadContract();
  const defaultToken = await mintLocalToken(key);

  const call = async ({ token, headers, ...request }: CallOptions): Promise<CallResponse> => {
    const auth = token === false ? {} : { authorization: `Bearer ${token ?? defaultToken}` };
    const response = await app.inject({ ...request, headers: { ...auth, ...headers } } as InjectOptions);
    contract.check({
      method: String(request.method ?? "GET"),
      url: String(request.url),
      status: response.statusCode,
      headers: response.headers,
      body: response.body,
    });
    return response;
  };

  return {
    app,
    store,
    tenantStore: store.forTenant(LOCAL_TENANT_ID),
    key,
    token: (request) => mintLocalToken(key, request),
    call,
    async createApp(displayName = "Contoso Portal") {
      const response = await call({
        method: "POST",
        url: appsPath,
        payload: { "@odata.type": "#microsoft.graph.webApp", displayName, appUrl: "https://contoso.example" },
      });
      if (response.statusCode !== 201) throw new Error(`createApp: ${response.statusCode} ${response.body}`);
      return response.json().id as string;
    },
    async close() {
      await app.close();
      await store.close();
    },
  };
}
