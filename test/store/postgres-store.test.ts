// The Store contract against a real PostgreSQL server (TEST_DATABASE_URL), plus what only PostgreSQL has:
// migrations applied once by instances starting together, and the schema's keys and indexes.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openPostgresStore } from "../../src/store/postgres/postgres-store.ts";
import {
  dropSchema,
  freshPostgresStore,
  freshSchemaName,
  SKIP_REASON,
  TEST_DATABASE_URL,
} from "../helpers/postgres.ts";
import { describeStoreContract } from "./store.contract.ts";

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
          { table_name: "client_registrations", key: "tenant_id,client_id" },
          { table_name: "mobile_app_install_statuses", key: "mobile_app_id,user_status_id,id" },
          { table_name: "mobile_apps", key: "id" },
          { table_name: "schema_migrations", key: "version" },
          { table_name: "user_app_install_statuses", key: "mobile_app_id,id" },
        ]);
      } finally {
        await client.end();
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
