// PostgreSQL for tests: TEST_DATABASE_URL names a server; each store gets a schema of its own, dropped
// again when the store closes, so tests never see each other's rows.
import { randomUUID } from "node:crypto";
import { dropSchema } from "../../scripts/postgres-schema.ts";
import { openPostgresStore } from "../../src/store/postgres/postgres-store.ts";
import type { Store } from "../../src/store/store.ts";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

/** `TEST_STORE=postgres` runs the in-process HTTP tests (createTestApp) on PostgreSQL instead of SQLite. */
export const HTTP_TESTS_ON_POSTGRES = process.env.TEST_STORE === "postgres";

export const SKIP_REASON =
  "PostgreSQL tests skipped: set TEST_DATABASE_URL=postgres://user:password@host:port/database to run them.";

export function freshSchemaName(): string {
  return `test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
}

export { dropSchema };

export async function freshPostgresStore(url: string = requireUrl()): Promise<Store> {
  const schema = freshSchemaName();
  const store = await openPostgresStore(url, { poolSize: 4, schema });
  return {
    ...store,
    async close() {
      await store.close();
      await dropSchema(url, schema);
    },
  };
}

function requireUrl(): string {
  if (!TEST_DATABASE_URL) throw new Error(SKIP_REASON);
  return TEST_DATABASE_URL;
}
