// DATABASE_URL → a Store: `sqlite:<file>` (default ./data/graph.db), `sqlite::memory:`, or
// `postgres://…` for several instances on one database.
import type { Config } from "../config.ts";
import { openSqliteStore } from "./sqlite/sqlite-store.ts";
import type { Store } from "./store.ts";

export async function openStore(
  config: Pick<Config, "databaseUrl" | "databasePoolSize" | "databaseSchema" | "sqliteSynchronous">,
): Promise<Store> {
  if (config.databaseUrl.startsWith("sqlite:")) {
    return openSqliteStore(config.databaseUrl.slice("sqlite:".length), { synchronous: config.sqliteSynchronous });
  }
  // Loaded only when asked for: the pg driver costs an embedded SQLite start about 60 ms.
  const { openPostgresStore } = await import("./postgres/postgres-store.ts");
  return openPostgresStore(config.databaseUrl, { poolSize: config.databasePoolSize, schema: config.databaseSchema });
}
