// The Store contract against a real PostgreSQL server (TEST_DATABASE_URL), plus what only PostgreSQL has:
// migrations applied once by instances starting together, and the schema's keys and indexes.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { mobileAppInstallStatusModel } from "../../src/graph/odata/entity-model.ts";
import { parseOrderBy } from "../../src/graph/odata/query-options.ts";
import { openPostgresStore } from "../../src/store/postgres/postgres-store.ts";
import type { MobileAppInstallStatusRecord } from "../../src/store/store.ts";
import {
  dropSchema,
  freshPostgresStore,
  freshSchemaName,
  SKIP_REASON,
  TEST_DATABASE_URL,
} from "../helpers/postgres.ts";
import { describeStoreContract } from "./store.contract.ts";

const MIGRATIONS_DIR = fileURLToPath(new URL("../../src/store/postgres/migrations/", import.meta.url));

if (!TEST_DATABASE_URL) console.warn(SKIP_REASON);

describe.skipIf(!TEST_DATABASE_URL)("PostgreSQL store", () => {
  describeStoreContract("PostgreSQL", () => freshPostgresStore());

  describe("migrations", () => {
    const url = TEST_DATABASE_URL as string;
    const schemas: string[] = [];
    afterAll(async () => {
      for (const schema of schemas) await dropSchema(url, schema);
    });

    it("are applied once when several instances open the same database at the same moment", async () => {
      const schema = freshSchemaName();
      schemas.push(schema);
      const stores = await Promise.all(
        Array.from({ length: 4 }, () => openPostgresStore(url, { poolSize: 2, schema })),
      );
      await Promise.all(stores.map((store) => store.close()));
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`);
        expect(rows.map((row) => row.version)).toEqual([1, 2, 3]);
        const keys = await client.query(
          `SELECT table_name, string_agg(column_name, ',' ORDER BY ordinal_position) AS key
           FROM information_schema.key_column_usage WHERE table_schema = $1 AND constraint_name LIKE '%_pkey'
           GROUP BY table_name ORDER BY table_name`,
          [schema],
        );
        expect(keys.rows).toEqual([
          { table_name: "mobile_app_device_statuses", key: "mobile_app_id,id" },
          { table_name: "mobile_app_install_statuses", key: "mobile_app_id,user_status_id,id" },
          { table_name: "mobile_apps", key: "id" },
          { table_name: "schema_migrations", key: "version" },
          { table_name: "user_app_install_statuses", key: "mobile_app_id,id" },
        ]);
      } finally {
        await client.end();
      }
    });

    it("upgrade a database of an earlier version in place: timestamptz times become 7-digit text", async () => {
      // The schema as migration 2 left it, with a device status written then (a timestamptz).
      const schema = freshSchemaName();
      schemas.push(schema);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE SCHEMA ${schema}; SET search_path = ${schema}`);
        await client.query(
          "CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
        );
        for (const name of readdirSync(MIGRATIONS_DIR)
          .filter((n) => /^\d+-.*\.sql$/.test(n))
          .sort()) {
          const version = Number.parseInt(name, 10);
          if (version > 2) break;
          await client.query(readFileSync(path.join(MIGRATIONS_DIR, name), "utf8"));
          await client.query("INSERT INTO schema_migrations (version) VALUES ($1)", [version]);
        }
        await client.query(`INSERT INTO mobile_apps VALUES ('app-1', '#microsoft.graph.webApp', '{}', now(), now());
          INSERT INTO user_app_install_statuses VALUES ('app-1', 's1', NULL, NULL, 0, 0, 0);
          INSERT INTO mobile_app_install_statuses VALUES ('app-1', 's1', 'old', NULL, NULL, '2024-05-01T10:00:00.321Z',
            99, 99, 0, 0, NULL, NULL, NULL, NULL, NULL)`);
      } finally {
        await client.end();
      }
      const store = await openPostgresStore(url, { poolSize: 2, schema });
      try {
        const old = await store.getDeviceStatus("app-1", "s1", "old");
        expect(old?.lastSyncDateTime).toBe("2024-05-01T10:00:00.321Z");
        await store.createDeviceStatus("app-1", "s1", {
          ...(old as MobileAppInstallStatusRecord),
          id: "new",
          lastSyncDateTime: "2024-05-01T10:00:00.3205976Z",
        });
        const page = await store.listDeviceStatuses("app-1", "s1", {
          orderBy: parseOrderBy("lastSyncDateTime", mobileAppInstallStatusModel),
          skip: 0,
          limit: 10,
        });
        expect(page?.items.map((item) => [item.id, item.lastSyncDateTime])).toEqual([
          ["new", "2024-05-01T10:00:00.3205976Z"],
          ["old", "2024-05-01T10:00:00.321Z"],
        ]);
        expect(await store.createAppDeviceStatus("app-1", old as MobileAppInstallStatusRecord)).toBe("created");
      } finally {
        await store.close();
      }
    });

    it("leave an existing database as it is when it is opened again", async () => {
      const schema = freshSchemaName();
      schemas.push(schema);
      const first = await openPostgresStore(url, { poolSize: 2, schema });
      await first.createMobileApp({
        id: "kept",
        "@odata.type": "#microsoft.graph.webApp",
        createdDateTime: "2024-01-01T00:00:00.000Z",
        lastModifiedDateTime: "2024-01-01T00:00:00.000Z",
        properties: { displayName: "Kept" },
      });
      await first.close();
      const second = await openPostgresStore(url, { poolSize: 2, schema });
      expect((await second.getMobileApp("kept"))?.properties).toEqual({ displayName: "Kept" });
      await second.close();
    });
  });
});
