import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { LOCAL_TENANT_ID } from "../../src/auth/local-tokens.ts";
import { mobileAppInstallStatusModel } from "../../src/graph/odata/entity-model.ts";
import { parseOrderBy } from "../../src/graph/odata/query-options.ts";
import { migratePostgres, openPostgresStore } from "../../src/store/postgres/postgres-store.ts";
import type { MobileAppInstallStatusRecord } from "../../src/store/store.ts";
import {
  dropSchema,
  freshPostgresStore,
  freshSchemaName,
  SKIP_REASON,
  TEST_DATABASE_URL,
} from "../helpers/postgres.ts";
import { describeStoreContract, TENANT_A, TENANT_B } from "./store.contract.ts";

const _MIGRATIONS_DIR = fileURLToPath(new URL("../../src/store/postgres/migrations/", import.meta.url));

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
        expect(rows.map((row) => row.version)).toEqual([1, 2, 3, 4, 5]);
        const keys = await client.query(
          `SELECT table_name, string_agg(column_name, ',' ORDER BY ordinal_position) AS key
           FROM information_schema.key_column_usage WHERE table_schema = $1 AND constraint_name LIKE '%_pkey'
           GROUP BY table_name ORDER BY table_name`,
          [schema],
        );
        expect(keys.rows).toEqual([
          { table_name: "client_registrations", key: "tenant_id,client_id" },
          { table_name: "mobile_app_device_statuses", key: "tenant_id,mobile_app_id,id" },
          { table_name: "mobile_app_install_statuses", key: "tenant_id,mobile_app_id,user_status_id,id" },
          { table_name: "mobile_apps", key: "tenant_id,id" },
          { table_name: "schema_migrations", key: "version" },
          { table_name: "user_app_install_statuses", key: "tenant_id,mobile_app_id,id" },
        ]);
      } finally {
        await client.end();
      }
    });

    it("upgrade a database of version 2 in place: rows belong to the local tenant, timestamptz times become 7-digit text", async () => {
      const schema = freshSchemaName();
      schemas.push(schema);
      const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
      try {
        await migratePostgres(pool, schema, 2);
        for (const id of ["app-1", "app-2"]) {
          await pool.query("INSERT INTO mobile_apps VALUES ($1, '#microsoft.graph.webApp', $2, $3, $3)", [
            id,
            JSON.stringify({ displayName: `App ${id}` }),
            "2024-05-01T10:00:00.000Z",
          ]);
          await pool.query(
            "INSERT INTO user_app_install_statuses VALUES ($1, 's1', 'User s1', 's1@contoso.example', 4, 1, 7)",
            [id],
          );
        }
        await pool.query(
          `INSERT INTO mobile_app_install_statuses VALUES ('app-1', 's1', 'd1', 'device-d1', 'device-id-d1',
             '2024-05-01T10:00:00.321Z', 1, 1, 0, 0, '10.0', 'Windows', 'Adele', 'a@b', '1.2.3')`,
        );
      } finally {
        await pool.end();
      }

      const store = await openPostgresStore(url, { poolSize: 2, schema });
      try {
        expect(await store.listTenants()).toEqual([
          { tenantId: LOCAL_TENANT_ID, mobileApps: 2, userAppInstallStatuses: 2, mobileAppInstallStatuses: 1 },
        ]);
        const local = store.forTenant(LOCAL_TENANT_ID);
        expect((await local.getMobileApp("app-1"))?.properties).toEqual({ displayName: "App app-1" });
        expect((await local.getUserStatus("app-2", "s1"))?.installedDeviceCount).toBe(4);
        const old = (await local.getDeviceStatus("app-1", "s1", "d1")) as MobileAppInstallStatusRecord;
        expect(old.deviceName).toBe("device-d1");
        expect(old.lastSyncDateTime).toBe("2024-05-01T10:00:00.321Z");
        expect(await store.forTenant(TENANT_B).getMobileApp("app-1")).toBeUndefined();

        // Millisecond and 100 ns times order as instants.
        await local.createDeviceStatus("app-1", "s1", {
          ...old,
          id: "d2",
          lastSyncDateTime: "2024-05-01T10:00:00.3205976Z",
        });
        const page = await local.listDeviceStatuses("app-1", "s1", {
          orderBy: parseOrderBy("lastSyncDateTime", mobileAppInstallStatusModel),
          skip: 0,
          limit: 10,
        });
        expect(page?.items.map((item) => [item.id, item.lastSyncDateTime])).toEqual([
          ["d2", "2024-05-01T10:00:00.3205976Z"],
          ["d1", "2024-05-01T10:00:00.321Z"],
        ]);
        expect(await local.createAppDeviceStatus("app-1", old)).toBe("created");

        // The new keys hold: the cascade runs through them, and a client id is unique within its tenant only.
        expect(await local.deleteMobileApp("app-1")).toBe(true);
        expect(await store.listTenants()).toEqual([
          { tenantId: LOCAL_TENANT_ID, mobileApps: 1, userAppInstallStatuses: 1, mobileAppInstallStatuses: 0 },
        ]);
        await store.forTenant(TENANT_B).createMobileApp({
          id: "app-2",
          "@odata.type": "#microsoft.graph.webApp",
          createdDateTime: "2024-01-01T00:00:00.000Z",
          lastModifiedDateTime: "2024-01-01T00:00:00.000Z",
          properties: {},
        });
        expect((await store.listTenants()).map((tenant) => tenant.tenantId)).toEqual(
          [TENANT_B, LOCAL_TENANT_ID].sort(),
        );
      } finally {
        await store.close();
      }
    });

    it("leave an existing database as it is when it is opened again", async () => {
      const schema = freshSchemaName();
      schemas.push(schema);
      const first = await openPostgresStore(url, { poolSize: 2, schema });
      await first.forTenant(TENANT_A).createMobileApp({
        id: "kept",
        "@odata.type": "#microsoft.graph.webApp",
        createdDateTime: "2024-01-01T00:00:00.000Z",
        lastModifiedDateTime: "2024-01-01T00:00:00.000Z",
        properties: { displayName: "Kept" },
      });
      await first.close();
      const second = await openPostgresStore(url, { poolSize: 2, schema });
      expect((await second.forTenant(TENANT_A).getMobileApp("kept"))?.properties).toEqual({ displayName: "Kept" });
      await second.close();
    });
  });
});
