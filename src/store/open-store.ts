// DATABASE_URL → a Store. `sqlite:<path>` (default ./data/graph.db) or `sqlite::memory:`.
import { ConfigError } from "../config.ts";
import { openSqliteStore } from "./sqlite/sqlite-store.ts";
import type { Store } from "./store.ts";

export function openStore(databaseUrl: string): Store {
  if (databaseUrl.startsWith("sqlite:")) {
    const location = databaseUrl.slice("sqlite:".length);
    if (location === "") throw new ConfigError("DATABASE_URL 'sqlite:' needs a file path or ':memory:'.");
    return openSqliteStore(location);
  }
  throw new ConfigError(`DATABASE_URL must start with 'sqlite:', got '${databaseUrl}'.`);
}
