// The store for more than one instance: PostgreSQL through a pg connection pool. Every write is one
// statement (or one transaction) that has committed when it resolves; the hot calls (a user status created
// or read by id) made in the same turn of the event loop share one statement (batched-calls.ts). Versioned
// migrations run at open under an advisory lock, so instances starting together apply them once. When the
// server is unreachable, calls fail fast with StoreUnavailableError (503 + Retry-After) and the pool
// reconnects by itself once it is back.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { mobileAppInstallStatusModel, userAppInstallStatusModel } from "../../model/entity-model.ts";
import { StoreUnavailableError } from "../../model/store-unavailable-error.ts";
import { type Collection, countQuery, pageOf, pageQuery, type SqlQuery } from "../sql/collection-query.ts";
import { postgresDialect } from "../sql/filter-sql.ts";
import {
  appDeviceStatusParams,
  clientRegistrationParams,
  columnValues,
  DEVICE_STATUS_COLUMNS,
  deviceStatusParams,
  enumCase,
  mobileAppColumns,
  type Row,
  toClientRegistration,
  toDeviceStatus,
  toMobileApp,
  toUserStatus,
  USER_STATUS_COLUMNS,
  userStatusParams,
} from "../sql/rows.ts";
import type {
  CreateDeviceStatusResult,
  CreateUserStatusResult,
  MobileAppInstallStatusRecord,
  Store,
  TenantStore,
  TenantSummary,
} from "../store.ts";
import { tenantViews } from "../tenant-views.ts";
import { batchedCalls } from "./batched-calls.ts";

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");
/** Any fixed number: the advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK = 7_204_311;
const RETRY_AFTER_SECONDS = 2;
/** The most calls one batched statement carries (an insert of 100 statuses binds 800 parameters). */
const MAX_BATCH_SIZE = 100;

export interface PostgresOptions {
  poolSize: number;
  /** Schema for the tables (created if missing); tests give each store its own. */
  schema: string;
}

/**
 * Timestamps leave PostgreSQL as the ISO text the API uses, so rows match the SQLite store's. (Where
 * ORDER BY names such a column it sorts this UTC text, which orders exactly as the timestamps do.)
 */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${column}`;

const MOBILE_APP_SELECT = `id, odata_type, properties, ${iso("created_date_time")}, ${iso("last_modified_date_time")}`;
const USER_STATUS_SELECT = "*";
// last_sync_date_time is text already (7 fractional digits, which timestamptz cannot hold).
const DEVICE_STATUS_SELECT = "*";
const CLIENT_REGISTRATION_SELECT = `tenant_id, client_id, display_name, roles, secret_hash, certificate, ${iso(
  "created_date_time",
)}`;

/** mobileApp properties → PostgreSQL expressions: its own columns, else a path into the jsonb properties. */
const MOBILE_APP_COLUMNS = mobileAppColumns(
  { id: "id", createdDateTime: "created_date_time", lastModifiedDateTime: "last_modified_date_time" },
  (property) => {
    const text = `(properties->>'${property.name}')`;
    if (typeof property.type === "object") return enumCase(property.type, text);
    if (property.type === "Edm.Boolean") return `${text}::boolean`;
    if (property.type === "Edm.Int32") return `${text}::integer`;
    // Byte order, as SQLite compares: $orderby and keyset positions must agree between the stores.
    if (property.type === "Edm.String") return `${text} COLLATE "C"`;
    throw new Error(`No PostgreSQL expression reads the ${property.type} property '${property.name}' from jsonb.`);
  },
  String,
);

/** Connection-level failures: the server is down, restarting or unreachable. Not the request's fault. */
const CONNECTION_FAILURE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    if (CONNECTION_FAILURE_CODES.has(code)) return true;
    // 08: connection exception; 57P01-03: admin shutdown, crash shutdown, cannot connect now; 53300: too many connections.
    if (code.startsWith("08") || code.startsWith("57P") || code === "53300") return true;
  }
  const message = error instanceof Error ? error.message : "";
  return /Connection terminated|timeout exceeded when trying to connect|Query read timeout|connect ECONNREFUSED/i.test(
    message,
  );
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUnavailable(error))
      throw new StoreUnavailableError("PostgreSQL is unreachable", RETRY_AFTER_SECONDS, { cause: error });
    throw error;
  }
}

/**
 * Applies the migrations newer than the recorded version (up to `targetVersion`: tests build a database of
 * an older schema with it), each in its own transaction.
 */
export async function migratePostgres(
  pool: pg.Pool,
  schema: string,
  targetVersion = Number.POSITIVE_INFINITY,
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    // Under the lock: concurrent CREATE SCHEMA IF NOT EXISTS can still collide on the catalogue.
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const { rows } = await client.query<{ version: number }>(
      "SELECT coalesce(max(version), 0) AS version FROM schema_migrations",
    );
    const current = rows[0]?.version ?? 0;
    const files = readdirSync(MIGRATIONS_DIR)
      .filter((name) => /^\d+-.*\.sql$/.test(name))
      .sort();
    for (const file of files) {
      const version = Number.parseInt(file, 10);
      if (version <= current || version > targetVersion) continue;
      await client.query("BEGIN");
      try {
        await client.query(readFileSync(path.join(MIGRATIONS_DIR, file), "utf8"));
        await client.query("INSERT INTO schema_migrations (version) VALUES ($1)", [version]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openPostgresStore(connectionString: string, options: PostgresOptions): Promise<Store> {
  if (!SCHEMA_NAME.test(options.schema)) throw new Error(`Invalid schema name '${options.schema}'.`);
  const pool = new pg.Pool({
    connectionString,
    max: options.poolSize,
    // Bounded waits: during an outage a request fails within seconds instead of hanging.
    connectionTimeoutMillis: 3000,
    query_timeout: 10_000,
    statement_timeout: 10_000,
    idleTimeoutMillis: 30_000,
    options: `-c search_path=${options.schema}`,
  });
  // An idle connection dropped by the server must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  try {
    await migratePostgres(pool, options.schema);
  } catch (error) {
    await pool.end();
    throw error;
  }

  const run = (sql: string, params: unknown[] = []) =>
    guarded(() => pool.query(sql, params)).then((r) => r.rows as Row[]);
  const runQuery = ({ sql, params }: SqlQuery) => run(sql, params);

  /** An insert's constraint failure, as the caller's outcome; anything else is a fault. */
  async function insertOutcome<T extends string>(insert: SqlQuery, onForeignKey: T) {
    try {
      await runQuery(insert);
      return "created" as const;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "23503") return onForeignKey;
      if (code === "23505") return "duplicateId" as const;
      throw error;
    }
  }

  const apps: Collection = {
    table: "mobile_apps",
    scope: ["tenant_id"],
    select: MOBILE_APP_SELECT,
    dialect: postgresDialect(MOBILE_APP_COLUMNS),
  };
  const userStatuses: Collection = {
    table: "user_app_install_statuses",
    scope: ["tenant_id", "mobile_app_id"],
    select: USER_STATUS_SELECT,
    dialect: postgresDialect(USER_STATUS_COLUMNS),
  };
  const deviceStatuses: Collection = {
    table: "mobile_app_install_statuses",
    scope: ["tenant_id", "mobile_app_id", "user_status_id"],
    select: DEVICE_STATUS_SELECT,
    dialect: postgresDialect(DEVICE_STATUS_COLUMNS),
  };

  const appDeviceStatuses: Collection = {
    table: "mobile_app_device_statuses",
    scope: ["tenant_id", "mobile_app_id"],
    select: DEVICE_STATUS_SELECT,
    dialect: postgresDialect(DEVICE_STATUS_COLUMNS),
  };

  const count = async (query: SqlQuery) => Number((await runQuery(query))[0]?.n);
  const exists = async (sql: string, params: unknown[]) => (await run(sql, params)).length > 0;

  /**
   * INSERT of rows given as column → value objects (fixed column names from rows.ts), numbered $1, $2, …
   * Every row names every column: one a row leaves out is DEFAULT, as a one-row insert without it would write.
   */
  function insertQuery(table: string, rows: Record<string, unknown>[]): SqlQuery {
    const columns = [...new Set(rows.flatMap(Object.keys))];
    const params: unknown[] = [];
    const values = rows.map(
      (row) =>
        `(${columns.map((column) => (Object.hasOwn(row, column) ? `$${params.push(row[column])}` : "DEFAULT")).join(", ")})`,
    );
    return { sql: `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${values.join(", ")}`, params };
  }

  /**
   * The user statuses of (tenant, app, id) keys, read by one statement for a whole batch. Named, so that each
   * connection parses and plans it once.
   */
  const getUserStatusRows = batchedCalls<[string, string, string], Row | undefined>(async (keys) => {
    const { rows } = await guarded(() =>
      pool.query<Row>({
        name: "get-user-statuses",
        text: `SELECT s.* FROM unnest($1::text[], $2::text[], $3::text[]) AS k (tenant_id, mobile_app_id, id)
               JOIN user_app_install_statuses AS s USING (tenant_id, mobile_app_id, id)`,
        values: [keys.map((key) => key[0]), keys.map((key) => key[1]), keys.map((key) => key[2])],
      }),
    );
    const byKey = new Map(rows.map((row) => [`${row.tenant_id}/${row.mobile_app_id}/${row.id}`, row]));
    return keys.map(([tenantId, mobileAppId, id]) => byKey.get(`${tenantId}/${mobileAppId}/${id}`));
  }, MAX_BATCH_SIZE);

  /**
   * User statuses (as rows.ts's column → value rows) inserted by one statement for a whole batch: one commit.
   * A batch refused for a key (a missing app, an id taken, maybe by another row of the batch) is inserted row by
   * row instead, so that each create gets its own outcome.
   */
  const insertUserStatusRows = batchedCalls<Record<string, unknown>, CreateUserStatusResult>(async (rows) => {
    const insertEach = () =>
      Promise.all(rows.map((row) => insertOutcome(insertQuery("user_app_install_statuses", [row]), "appNotFound")));
    if (rows.length === 1) return insertEach();
    try {
      await runQuery(insertQuery("user_app_install_statuses", rows));
      return rows.map(() => "created" as const);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "23503" || code === "23505") return insertEach();
      throw error;
    }
  }, MAX_BATCH_SIZE);

  /** UPDATE … SET only the changed columns (fixed names from the column map), RETURNING the row. */
  function updateSql(table: string, select: string, keys: string[], set: Record<string, unknown>) {
    const params: unknown[] = [];
    const assignments = Object.entries(set).map(([column, value]) => {
      params.push(value);
      return `${column} = $${params.length}`;
    });
    const where = keys.map((column, i) => `${column} = $${params.length + i + 1}`).join(" AND ");
    return { sql: `UPDATE ${table} SET ${assignments.join(", ")} WHERE ${where} RETURNING ${select}`, params };
  }

  // mobileAppInstallStatuses counts both deviceStatuses collections: the user statuses' and the apps' own.
  const TENANTS_SQL = `SELECT tenant_id AS "tenantId", sum(apps)::int AS "mobileApps",
      sum(users)::int AS "userAppInstallStatuses", sum(devices)::int AS "mobileAppInstallStatuses"
    FROM (SELECT tenant_id, count(*) AS apps, 0 AS users, 0 AS devices FROM mobile_apps GROUP BY tenant_id
          UNION ALL SELECT tenant_id, 0, count(*), 0 FROM user_app_install_statuses GROUP BY tenant_id
          UNION ALL SELECT tenant_id, 0, 0, count(*) FROM mobile_app_install_statuses GROUP BY tenant_id
          UNION ALL SELECT tenant_id, 0, 0, count(*) FROM mobile_app_device_statuses GROUP BY tenant_id) AS held`;

  /** One tenant's view: every statement names the tenant, so its rows are the only ones it can reach. */
  function tenantStore(tenantId: string): TenantStore {
    const appExists = (id: string) =>
      exists("SELECT 1 FROM mobile_apps WHERE tenant_id = $1 AND id = $2", [tenantId, id]);
    const userStatusExists = (mobileAppId: string, id: string) =>
      exists("SELECT 1 FROM user_app_install_statuses WHERE tenant_id = $1 AND mobile_app_id = $2 AND id = $3", [
        tenantId,
        mobileAppId,
        id,
      ]);

    async function getUserStatus(mobileAppId: string, id: string) {
      const row = await getUserStatusRows([tenantId, mobileAppId, id]);
      return row && toUserStatus(row);
    }
    async function getDeviceStatus(mobileAppId: string, userStatusId: string, id: string) {
      const [row] = await run(
        `SELECT ${DEVICE_STATUS_SELECT} FROM mobile_app_install_statuses
         WHERE tenant_id = $1 AND mobile_app_id = $2 AND user_status_id = $3 AND id = $4`,
        [tenantId, mobileAppId, userStatusId, id],
      );
      return row && toDeviceStatus(row);
    }

    async function getAppDeviceStatus(mobileAppId: string, id: string) {
      const [row] = await run(
        "SELECT * FROM mobile_app_device_statuses WHERE tenant_id = $1 AND mobile_app_id = $2 AND id = $3",
        [tenantId, mobileAppId, id],
      );
      return row && toDeviceStatus(row);
    }

    return {
      async createMobileApp(app) {
        await run(
          `INSERT INTO mobile_apps (tenant_id, id, odata_type, properties, created_date_time, last_modified_date_time)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [
            tenantId,
            app.id,
            app["@odata.type"],
            JSON.stringify(app.properties),
            app.createdDateTime,
            app.lastModifiedDateTime,
          ],
        );
      },
      async listMobileApps(query) {
        return pageOf(await runQuery(pageQuery(apps, [tenantId], query)), query.limit, toMobileApp);
      },
      async countMobileApps(filter) {
        return count(countQuery(apps, [tenantId], filter));
      },
      async getMobileApp(id) {
        const [row] = await run(`SELECT ${MOBILE_APP_SELECT} FROM mobile_apps WHERE tenant_id = $1 AND id = $2`, [
          tenantId,
          id,
        ]);
        return row && toMobileApp(row);
      },
      async updateMobileApp(id, properties, lastModifiedDateTime) {
        // jsonb || merges the sent properties into the stored ones in one atomic statement (nulls kept).
        const [row] = await run(
          `UPDATE mobile_apps SET properties = properties || $3::jsonb, last_modified_date_time = $4
           WHERE tenant_id = $1 AND id = $2 RETURNING ${MOBILE_APP_SELECT}`,
          [tenantId, id, JSON.stringify(properties), lastModifiedDateTime],
        );
        return row && toMobileApp(row);
      },
      async deleteMobileApp(id) {
        const deleted = await run("DELETE FROM mobile_apps WHERE tenant_id = $1 AND id = $2 RETURNING id", [
          tenantId,
          id,
        ]);
        return deleted.length > 0;
      },

      async createUserStatus(mobileAppId, status) {
        return insertUserStatusRows(userStatusParams(tenantId, mobileAppId, status));
      },
      async listUserStatuses(mobileAppId, query) {
        if (!(await appExists(mobileAppId))) return undefined;
        const rows = await runQuery(pageQuery(userStatuses, [tenantId, mobileAppId], query));
        return pageOf(rows, query.limit, toUserStatus);
      },
      async countUserStatuses(mobileAppId, filter) {
        if (!(await appExists(mobileAppId))) return undefined;
        return count(countQuery(userStatuses, [tenantId, mobileAppId], filter));
      },
      getUserStatus,
      async importUserStatuses(mobileAppId, statuses) {
        if (statuses.length === 0) return;
        // One multi-row INSERT per call: one statement, one commit.
        const rows = statuses.map((status) => userStatusParams(tenantId, mobileAppId, status));
        await runQuery(insertQuery("user_app_install_statuses", rows));
      },
      async updateUserStatus(mobileAppId, id, changes) {
        const set = columnValues(userAppInstallStatusModel, changes);
        if (Object.keys(set).length === 0) return getUserStatus(mobileAppId, id);
        const keys = ["tenant_id", "mobile_app_id", "id"];
        const { sql, params } = updateSql("user_app_install_statuses", "*", keys, set);
        const [row] = await run(sql, [...params, tenantId, mobileAppId, id]);
        return row && toUserStatus(row);
      },
      async deleteUserStatus(mobileAppId, id) {
        const deleted = await run(
          "DELETE FROM user_app_install_statuses WHERE tenant_id = $1 AND mobile_app_id = $2 AND id = $3 RETURNING id",
          [tenantId, mobileAppId, id],
        );
        return deleted.length > 0;
      },

      async createDeviceStatus(mobileAppId, userStatusId, status): Promise<CreateDeviceStatusResult> {
        const row = deviceStatusParams(tenantId, mobileAppId, userStatusId, status);
        return insertOutcome(insertQuery("mobile_app_install_statuses", [row]), "parentNotFound");
      },
      async listDeviceStatuses(mobileAppId, userStatusId, query) {
        if (!(await userStatusExists(mobileAppId, userStatusId))) return undefined;
        const rows = await runQuery(pageQuery(deviceStatuses, [tenantId, mobileAppId, userStatusId], query));
        return pageOf(rows, query.limit, toDeviceStatus);
      },
      async countDeviceStatuses(mobileAppId, userStatusId, filter) {
        if (!(await userStatusExists(mobileAppId, userStatusId))) return undefined;
        return count(countQuery(deviceStatuses, [tenantId, mobileAppId, userStatusId], filter));
      },
      async deviceStatusesOf(mobileAppId, userStatusIds) {
        const byUser = new Map<string, MobileAppInstallStatusRecord[]>(userStatusIds.map((id) => [id, []]));
        if (userStatusIds.length === 0) return byUser;
        const rows = await run(
          `SELECT ${DEVICE_STATUS_SELECT} FROM mobile_app_install_statuses
           WHERE tenant_id = $1 AND mobile_app_id = $2 AND user_status_id = ANY($3::text[])
           ORDER BY user_status_id, id`,
          [tenantId, mobileAppId, userStatusIds],
        );
        for (const row of rows) byUser.get(row.user_status_id as string)?.push(toDeviceStatus(row));
        return byUser;
      },
      getDeviceStatus,
      async updateDeviceStatus(mobileAppId, userStatusId, id, changes) {
        const set = columnValues(mobileAppInstallStatusModel, changes);
        if (Object.keys(set).length === 0) return getDeviceStatus(mobileAppId, userStatusId, id);
        const keys = ["tenant_id", "mobile_app_id", "user_status_id", "id"];
        const { sql, params } = updateSql("mobile_app_install_statuses", DEVICE_STATUS_SELECT, keys, set);
        const [row] = await run(sql, [...params, tenantId, mobileAppId, userStatusId, id]);
        return row && toDeviceStatus(row);
      },
      async deleteDeviceStatus(mobileAppId, userStatusId, id) {
        const deleted = await run(
          `DELETE FROM mobile_app_install_statuses
           WHERE tenant_id = $1 AND mobile_app_id = $2 AND user_status_id = $3 AND id = $4 RETURNING id`,
          [tenantId, mobileAppId, userStatusId, id],
        );
        return deleted.length > 0;
      },
      async createAppDeviceStatus(mobileAppId, status): Promise<CreateDeviceStatusResult> {
        const row = appDeviceStatusParams(tenantId, mobileAppId, status);
        return insertOutcome(insertQuery("mobile_app_device_statuses", [row]), "parentNotFound");
      },
      async listAppDeviceStatuses(mobileAppId, query) {
        if (!(await appExists(mobileAppId))) return undefined;
        const rows = await runQuery(pageQuery(appDeviceStatuses, [tenantId, mobileAppId], query));
        return pageOf(rows, query.limit, toDeviceStatus);
      },
      async countAppDeviceStatuses(mobileAppId, filter) {
        if (!(await appExists(mobileAppId))) return undefined;
        return count(countQuery(appDeviceStatuses, [tenantId, mobileAppId], filter));
      },
      getAppDeviceStatus,
      async updateAppDeviceStatus(mobileAppId, id, changes) {
        const set = columnValues(mobileAppInstallStatusModel, changes);
        if (Object.keys(set).length === 0) return getAppDeviceStatus(mobileAppId, id);
        const keys = ["tenant_id", "mobile_app_id", "id"];
        const { sql, params } = updateSql("mobile_app_device_statuses", DEVICE_STATUS_SELECT, keys, set);
        const [row] = await run(sql, [...params, tenantId, mobileAppId, id]);
        return row && toDeviceStatus(row);
      },
      async deleteAppDeviceStatus(mobileAppId, id) {
        const deleted = await run(
          "DELETE FROM mobile_app_device_statuses WHERE tenant_id = $1 AND mobile_app_id = $2 AND id = $3 RETURNING id",
          [tenantId, mobileAppId, id],
        );
        return deleted.length > 0;
      },
    };
  }

  return {
    async ping() {
      await run("SELECT 1");
    },
    async close() {
      await pool.end();
    },
    forTenant: tenantViews(tenantStore),
    async listTenants() {
      return (await run(`${TENANTS_SQL} GROUP BY tenant_id ORDER BY tenant_id`)) as unknown as TenantSummary[];
    },
    async deleteTenant(tenantId) {
      // One transaction: the summary and the delete see the same rows. The apps' cascade removes their statuses.
      return guarded(async () => {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          const { rows } = await client.query<TenantSummary>(`${TENANTS_SQL} WHERE tenant_id = $1 GROUP BY tenant_id`, [
            tenantId,
          ]);
          if (rows[0]) await client.query("DELETE FROM mobile_apps WHERE tenant_id = $1", [tenantId]);
          await client.query("COMMIT");
          return rows[0];
        } catch (error) {
          await client.query("ROLLBACK").catch(() => {});
          throw error;
        } finally {
          client.release();
        }
      });
    },

    async createClientRegistration(registration) {
      const row = clientRegistrationParams(registration);
      await runQuery(insertQuery("client_registrations", [row]));
    },
    async getClientRegistration(tenantId, clientId) {
      const [row] = await run(
        `SELECT ${CLIENT_REGISTRATION_SELECT} FROM client_registrations WHERE tenant_id = $1 AND client_id = $2`,
        [tenantId, clientId],
      );
      return row && toClientRegistration(row);
    },
    async listClientRegistrations(tenantId) {
      const rows =
        tenantId === undefined
          ? await run(
              `SELECT ${CLIENT_REGISTRATION_SELECT} FROM client_registrations ORDER BY tenant_id, created_date_time`,
            )
          : await run(
              `SELECT ${CLIENT_REGISTRATION_SELECT} FROM client_registrations WHERE tenant_id = $1 ORDER BY created_date_time`,
              [tenantId],
            );
      return rows.map(toClientRegistration);
    },
    async deleteClientRegistration(tenantId, clientId) {
      const deleted = await run(
        "DELETE FROM client_registrations WHERE tenant_id = $1 AND client_id = $2 RETURNING client_id",
        [tenantId, clientId],
      );
      return deleted.length > 0;
    },
  } satisfies Store;
}
