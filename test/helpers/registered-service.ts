// The service as a user sets it up for their own tooling, through the command line: `graph-intune cert` (CA and
// HTTPS certificate), `graph-intune client add` (app registrations), then the server over HTTPS with that
// certificate. On the postgres project the CLI and the server share a fresh PostgreSQL schema, else a SQLite file.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { dropSchema, freshSchemaName, HTTP_TESTS_ON_POSTGRES, TEST_DATABASE_URL } from "./postgres.ts";
import { makeTempDir, REPO_ROOT, type RunningServer, removeTempDirs, startServer } from "./server-process.ts";

export interface Registration {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

export interface RegisteredService {
  dataDir: string;
  /** The paths `graph-intune cert` printed. */
  files: { ca: string; cert: string; key: string };
  server: RunningServer;
  /** Runs `graph-intune ...` with the service's settings; resolves with its stdout. */
  cli(...args: string[]): Promise<string>;
  /** `client add` with these arguments, parsed. */
  addClient(...args: string[]): Promise<Registration>;
  /** For afterAll: stops the server, removes the temp dirs and drops the PostgreSQL schema if one was made. */
  dispose(): Promise<void>;
}

export async function startRegisteredService(): Promise<RegisteredService> {
  const dataDir = makeTempDir("graph-registered-");
  const store: Record<string, string> =
    HTTP_TESTS_ON_POSTGRES && TEST_DATABASE_URL
      ? { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: freshSchemaName() }
      : { DATABASE_URL: `sqlite:${path.join(dataDir, "graph.db")}` };
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, ...store };
  delete env.AUTH_SIGNING_KEY_PATH;
  const cli = async (...args: string[]) =>
    (await promisify(execFile)(process.execPath, ["scripts/cli.mjs", ...args], { cwd: REPO_ROOT, env })).stdout;
  const files = JSON.parse(await cli("cert")) as RegisteredService["files"];
  // The CLI made the schema (or file); the server opens the same, with the key under DATA_DIR.
  await cli("migrate");
  const server = await startServer({
    env: {
      DATA_DIR: dataDir,
      ...store,
      AUTH_SIGNING_KEY_PATH: path.join(dataDir, "signing-key.pem"),
      TLS_CERT: files.cert,
      TLS_KEY: files.key,
    },
  });
  return {
    dataDir,
    files,
    server,
    cli,
    addClient: async (...args) => JSON.parse(await cli("client", "add", ...args)) as Registration,
    async dispose() {
      await removeTempDirs();
      if (store.DATABASE_SCHEMA && TEST_DATABASE_URL) await dropSchema(TEST_DATABASE_URL, store.DATABASE_SCHEMA);
    },
  };
}
