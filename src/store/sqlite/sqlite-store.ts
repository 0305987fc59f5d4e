// The embedded default store: one SQLite file (better-sqlite3), WAL, versioned migrations, prepared statements.
// Two connections: reads on this thread through a query-only connection (WAL gives each statement the latest
// committed snapshot, so a write is visible to every read that starts after it was acknowledged), and writes
// on a worker thread with the one read-write connection (writer.ts, writer-thread.mjs): synchronous=FULL
// (unless asked for NORMAL) and pipelined group commit, a write resolving once the transaction holding it is on
// disk, the writes of concurrent requests sharing that transaction, and the event loop never waiting for fsync.
// Everything a write does atomically is one statement or the steps of one write (run under a savepoint).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { type EntityModel, mobileAppInstallStatusModel, userAppInstallStatusModel } from "../../model/entity-model.ts";
import type { FilterNode } from "../../model/filter-tree.ts";
import type { ListQuery } from "../../model/list-query.ts";
import { StoreUnavailableError } from "../../model/store-unavailable-error.ts";
import { type Collection, countQuery, pageOf, pageQuery } from "../sql/collection-query.ts";
import { sqliteDialect } from "../sql/filter-sql.ts";
import {
  appDeviceStatusParams,
  clientRegistrationParams,
  columnsOf,
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
import { SqliteWriter, TRANSIENT_CODES, type WriteStep } from "./writer.ts";

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/** mobileApp properties → SQLite expressions: its own columns, else a path into the JSON properties. */
const MOBILE_APP_COLUMNS = mobileAppColumns(
  {
    id: "id",
    // Server-set, in toISOString's milliseconds: widened to the 7 digits of $filter's DateTimeOffset literals.
    createdDateTime: "(substr(created_date_time, 1, 23) || '0000Z')",
    lastModifiedDateTime: "(substr(last_modified_date_time, 1, 23) || '0000Z')",
  },
  (property) => {
    const value = `json_extract(properties, '$.${property.name}')`;
    return typeof property.type === "object" ? enumCase(property.type, value) : value;
  },
);

/** INSERT of every column of the model's table, after the parent keys, as named parameters (…Params of rows.ts). */
function insertSql(table: string, parentKeys: string[], model: EntityModel): string {
  const columns = [...parentKeys, ...Object.values(columnsOf(model))];
  return `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map((column) => `@${column}`).join(", ")})`;
}

/**
 * An UPDATE of the columns of these changes (never the key), of the row with these keys, that answers the row:
 * one statement, so the change is atomic without a read before it. The keys' parameters are `key_…`, apart from
 * the columns'.
 */
function updateStep(table: string, keys: Record<string, string>, model: EntityModel, changes: object): WriteStep {
  const values = columnValues(model, changes as Record<string, unknown>);
  delete values.id;
  // The columns are the model's (columnValues), never client input; no change still answers the row.
  const assignments = Object.keys(values).map((column) => `${column} = @${column}`);
  const where = Object.keys(keys).map((column) => `${column} = @key_${column}`);
  const params: Record<string, unknown> = { ...values };
  for (const [column, value] of Object.entries(keys)) params[`key_${column}`] = value;
  return {
    sql: `UPDATE ${table} SET ${assignments.length > 0 ? assignments.join(", ") : "id = id"} WHERE ${where.join(" AND ")} RETURNING *`,
    params,
    mode: "get",
  };
}

/** An insert's constraint failure, as the caller's outcome; anything else is a fault. */
async function insertOutcome<T extends string>(insert: Promise<unknown>, onForeignKey: T) {
  try {
    await insert;
    return "created" as const;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "SQLITE_CONSTRAINT_FOREIGNKEY") return onForeignKey;
    if (code === "SQLITE_CONSTRAINT_PRIMARYKEY") return "duplicateId" as const;
    throw error;
  }
}

/** Transient SQLite failures (and a closed database) as StoreUnavailableError; others as they are. */
function translated(db: Database.Database, error: unknown): unknown {
  if (!db.open) return new StoreUnavailableError("the database is closed", 1, { cause: error });
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && TRANSIENT_CODES.test(code)) {
    return new StoreUnavailableError(`SQLite: ${code}`, 1, { cause: error });
  }
  return error;
}

/** Runs a read, with failures translated. */
function guarded<T>(db: Database.Database, work: () => T): T {
  if (!db.open) throw new StoreUnavailableError("the database is closed", 1);
  try {
    return work();
  } catch (error) {
    throw translated(db, error);
  }
}

/**
 * Applies, in order and each in its own transaction, the migrations newer than user_version (up to
 * `targetVersion`: tests build a database of an older schema with it).
 */
export function migrate(db: Database.Database, targetVersion = Number.POSITIVE_INFINITY): void {
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((name) => /^\d+-.*\.sql$/.test(name))
    .sort();
  for (const file of files) {
    const version = Number.parseInt(file, 10);
    if (version > targetVersion || version <= (db.pragma("user_version", { simple: true }) as number)) continue;
    const sql = readFileSync(path.join(MIGRATIONS_DIR, file), "utf8");
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
  }
}

export interface SqliteStoreOptions {
  /** `full`: each commit is synced before it resolves; `normal`: at checkpoints (see Config.sqliteSynchronous). */
  synchronous?: "full" | "normal";
}

/** The SQLite store, with its writer (tests ask the writer's connection for its settings and commits). */
export interface SqliteStore extends Store {
  readonly writer: SqliteWriter;
}

/** Inserts (named parameters) and deletes (positional) sent to the writer; every statement names the tenant. */
const WRITES = {
  insertClient: `INSERT INTO client_registrations (tenant_id, client_id, display_name, roles, secret_hash, certificate,
      created_date_time)
    VALUES (@tenant_id, @client_id, @display_name, @roles, @secret_hash, @certificate, @created_date_time)`,
  deleteClient: "DELETE FROM client_registrations WHERE tenant_id = ? AND client_id = ?",
  insertApp: `INSERT INTO mobile_apps (tenant_id, id, odata_type, properties, created_date_time, last_modified_date_time)
    VALUES (@tenant_id, @id, @odata_type, @properties, @created_date_time, @last_modified_date_time)`,
  // The merge is the writer connection's json_merge_properties (writer-thread.mjs).
  updateApp: `UPDATE mobile_apps SET properties = json_merge_properties(properties, @patch),
      last_modified_date_time = @last_modified_date_time
    WHERE tenant_id = @tenant_id AND id = @id RETURNING *`,
  deleteApp: "DELETE FROM mobile_apps WHERE tenant_id = ? AND id = ?",
  insertStatus: insertSql("user_app_install_statuses", ["tenant_id", "mobile_app_id"], userAppInstallStatusModel),
  deleteStatus: "DELETE FROM user_app_install_statuses WHERE tenant_id = ? AND mobile_app_id = ? AND id = ?",
  insertDevice: insertSql(
    "mobile_app_install_statuses",
    ["tenant_id", "mobile_app_id", "user_status_id"],
    mobileAppInstallStatusModel,
  ),
  deleteDevice: `DELETE FROM mobile_app_install_statuses
    WHERE tenant_id = ? AND mobile_app_id = ? AND user_status_id = ? AND id = ?`,
  insertAppDevice: insertSql("mobile_app_device_statuses", ["tenant_id", "mobile_app_id"], mobileAppInstallStatusModel),
  deleteAppDevice: "DELETE FROM mobile_app_device_statuses WHERE tenant_id = ? AND mobile_app_id = ? AND id = ?",
  // The apps' cascade removes their statuses.
  deleteTenantApps: "DELETE FROM mobile_apps WHERE tenant_id = ?",
};

// mobileAppInstallStatuses counts both deviceStatuses collections: the user statuses' and the apps' own.
const TENANTS_SQL = `SELECT tenant_id AS tenantId, sum(apps) AS mobileApps, sum(users) AS userAppInstallStatuses,
    sum(devices) AS mobileAppInstallStatuses
  FROM (SELECT tenant_id, count(*) AS apps, 0 AS users, 0 AS devices FROM mobile_apps GROUP BY tenant_id
        UNION ALL SELECT tenant_id, 0, count(*), 0 FROM user_app_install_statuses GROUP BY tenant_id
        UNION ALL SELECT tenant_id, 0, 0, count(*) FROM mobile_app_install_statuses GROUP BY tenant_id
        UNION ALL SELECT tenant_id, 0, 0, count(*) FROM mobile_app_device_statuses GROUP BY tenant_id)
  GROUP BY tenant_id ORDER BY tenant_id`;

/**
 * Opens the store on `location`, a file (its missing directories made) or `:memory:`.
 *
 * `:memory:` is a new file in the system's temporary directory, removed at close, written with synchronous=OFF:
 * the writer thread cannot share an in-memory database with this thread, and one way of writing (the thread)
 * for every store keeps what the tests run the same as what production runs. Nothing of it outlives the store.
 */
export function openSqliteStore(location: string, { synchronous = "full" }: SqliteStoreOptions = {}): SqliteStore {
  const temporaryDir = location === ":memory:" ? mkdtempSync(path.join(tmpdir(), "graph-sqlite-")) : undefined;
  const file = temporaryDir === undefined ? location : path.join(temporaryDir, "graph.db");
  if (temporaryDir === undefined) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  // Migrations run here, once, before the writer opens the file; then this connection only reads.
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${temporaryDir === undefined ? "FULL" : "OFF"}`);
  db.pragma("busy_timeout = 5000");
  migrate(db);
  db.pragma("query_only = ON");

  const writer = new SqliteWriter(file, {
    synchronous: temporaryDir !== undefined ? "OFF" : synchronous === "normal" ? "NORMAL" : "FULL",
  });
  /** Runs a write's steps in the writer's next group commit; resolves with their answers once it is on disk. */
  const write = (...steps: WriteStep[]): Promise<unknown[]> => writer.write(steps);
  /** A one-statement write's answer. */
  const writeOne = async (step: WriteStep): Promise<unknown> => (await writer.write([step]))[0];
  const run = (sql: string, params: NonNullable<WriteStep["params"]>) => writeOne({ sql, params }) as Promise<number>;

  // Query-shaped statements ($filter, $orderby) are prepared once per distinct SQL text.
  const prepared = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = prepared.get(sql);
    if (!statement) {
      if (prepared.size >= 500) prepared.clear();
      statement = db.prepare(sql);
      prepared.set(sql, statement);
    }
    return statement;
  };

  function listPage<T>(collection: Collection, scopeValues: string[], query: ListQuery, map: (row: Row) => T) {
    const { sql, params } = pageQuery(collection, scopeValues, query);
    return pageOf(prepare(sql).all(...params) as Row[], query.limit, map);
  }

  function count(collection: Collection, scopeValues: string[], filter: FilterNode | undefined): number {
    const { sql, params } = countQuery(collection, scopeValues, filter);
    return (prepare(sql).get(...params) as { n: number }).n;
  }

  const apps: Collection = {
    table: "mobile_apps",
    scope: ["tenant_id"],
    select: "*",
    dialect: sqliteDialect(MOBILE_APP_COLUMNS),
  };
  const userStatuses: Collection = {
    table: "user_app_install_statuses",
    scope: ["tenant_id", "mobile_app_id"],
    select: "*",
    dialect: sqliteDialect(USER_STATUS_COLUMNS),
  };
  const deviceStatuses: Collection = {
    table: "mobile_app_install_statuses",
    scope: ["tenant_id", "mobile_app_id", "user_status_id"],
    select: "*",
    dialect: sqliteDialect(DEVICE_STATUS_COLUMNS),
  };

  const appDeviceStatuses: Collection = {
    table: "mobile_app_device_statuses",
    scope: ["tenant_id", "mobile_app_id"],
    select: "*",
    dialect: sqliteDialect(DEVICE_STATUS_COLUMNS),
  };

  // Every statement names the tenant: its rows are the only ones a view can reach.
  const statements = {
    ping: db.prepare("SELECT 1"),
    getClient: db.prepare<[string, string], Row>(
      "SELECT * FROM client_registrations WHERE tenant_id = ? AND client_id = ?",
    ),
    listClients: db.prepare<[], Row>("SELECT * FROM client_registrations ORDER BY tenant_id, created_date_time"),
    listTenantClients: db.prepare<[string], Row>(
      "SELECT * FROM client_registrations WHERE tenant_id = ? ORDER BY created_date_time",
    ),
    getApp: db.prepare<[string, string], Row>("SELECT * FROM mobile_apps WHERE tenant_id = ? AND id = ?"),
    appExists: db.prepare<[string, string], Row>("SELECT 1 FROM mobile_apps WHERE tenant_id = ? AND id = ?"),
    getStatus: db.prepare<[string, string, string], Row>(
      "SELECT * FROM user_app_install_statuses WHERE tenant_id = ? AND mobile_app_id = ? AND id = ?",
    ),
    getDevice: db.prepare<[string, string, string, string], Row>(
      `SELECT * FROM mobile_app_install_statuses
       WHERE tenant_id = ? AND mobile_app_id = ? AND user_status_id = ? AND id = ?`,
    ),
    getAppDevice: db.prepare<[string, string, string], Row>(
      "SELECT * FROM mobile_app_device_statuses WHERE tenant_id = ? AND mobile_app_id = ? AND id = ?",
    ),
    tenants: db.prepare<[], TenantSummary>(TENANTS_SQL),
  };

  /** One tenant's view: the same statements, each bound to the tenant. */
  function tenantStore(tenantId: string): TenantStore {
    const userStatusExists = (mobileAppId: string, id: string) =>
      statements.getStatus.get(tenantId, mobileAppId, id) !== undefined;
    return {
      async createMobileApp(app) {
        await run(WRITES.insertApp, {
          tenant_id: tenantId,
          id: app.id,
          odata_type: app["@odata.type"],
          properties: JSON.stringify(app.properties),
          created_date_time: app.createdDateTime,
          last_modified_date_time: app.lastModifiedDateTime,
        });
      },
      async listMobileApps(query) {
        return guarded(db, () => listPage(apps, [tenantId], query, toMobileApp));
      },
      async countMobileApps(filter) {
        return guarded(db, () => count(apps, [tenantId], filter));
      },
      async getMobileApp(id) {
        const row = guarded(db, () => statements.getApp.get(tenantId, id));
        return row && toMobileApp(row);
      },
      async updateMobileApp(id, properties, lastModifiedDateTime) {
        const row = (await writeOne({
          sql: WRITES.updateApp,
          params: {
            tenant_id: tenantId,
            id,
            patch: JSON.stringify(properties),
            last_modified_date_time: lastModifiedDateTime,
          },
          mode: "get",
        })) as Row | undefined;
        return row && toMobileApp(row);
      },
      async deleteMobileApp(id) {
        return (await run(WRITES.deleteApp, [tenantId, id])) > 0;
      },

      async createUserStatus(mobileAppId, status): Promise<CreateUserStatusResult> {
        return insertOutcome(run(WRITES.insertStatus, userStatusParams(tenantId, mobileAppId, status)), "appNotFound");
      },
      async listUserStatuses(mobileAppId, query) {
        return guarded(db, () =>
          statements.appExists.get(tenantId, mobileAppId)
            ? listPage(userStatuses, [tenantId, mobileAppId], query, toUserStatus)
            : undefined,
        );
      },
      async countUserStatuses(mobileAppId, filter) {
        return guarded(db, () =>
          statements.appExists.get(tenantId, mobileAppId)
            ? count(userStatuses, [tenantId, mobileAppId], filter)
            : undefined,
        );
      },
      async getUserStatus(mobileAppId, id) {
        const row = guarded(db, () => statements.getStatus.get(tenantId, mobileAppId, id));
        return row && toUserStatus(row);
      },
      async importUserStatuses(mobileAppId, statuses) {
        if (statuses.length === 0) return;
        await write(
          ...statuses.map((status) => ({
            sql: WRITES.insertStatus,
            params: userStatusParams(tenantId, mobileAppId, status),
          })),
        );
      },
      async updateUserStatus(mobileAppId, id, changes) {
        const keys = { tenant_id: tenantId, mobile_app_id: mobileAppId, id };
        const row = (await writeOne(
          updateStep("user_app_install_statuses", keys, userAppInstallStatusModel, changes),
        )) as Row | undefined;
        return row && { ...toUserStatus(row), ...changes };
      },
      async deleteUserStatus(mobileAppId, id) {
        return (await run(WRITES.deleteStatus, [tenantId, mobileAppId, id])) > 0;
      },

      async createDeviceStatus(mobileAppId, userStatusId, status): Promise<CreateDeviceStatusResult> {
        return insertOutcome(
          run(WRITES.insertDevice, deviceStatusParams(tenantId, mobileAppId, userStatusId, status)),
          "parentNotFound",
        );
      },
      async listDeviceStatuses(mobileAppId, userStatusId, query) {
        return guarded(db, () =>
          userStatusExists(mobileAppId, userStatusId)
            ? listPage(deviceStatuses, [tenantId, mobileAppId, userStatusId], query, toDeviceStatus)
            : undefined,
        );
      },
      async countDeviceStatuses(mobileAppId, userStatusId, filter) {
        return guarded(db, () =>
          userStatusExists(mobileAppId, userStatusId)
            ? count(deviceStatuses, [tenantId, mobileAppId, userStatusId], filter)
            : undefined,
        );
      },
      async deviceStatusesOf(mobileAppId, userStatusIds) {
        const byUser = new Map<string, MobileAppInstallStatusRecord[]>(userStatusIds.map((id) => [id, []]));
        if (userStatusIds.length === 0) return byUser;
        const rows = guarded(db, () =>
          prepare(
            `SELECT * FROM mobile_app_install_statuses WHERE tenant_id = ? AND mobile_app_id = ?
             AND user_status_id IN (SELECT value FROM json_each(?)) ORDER BY user_status_id, id`,
          ).all(tenantId, mobileAppId, JSON.stringify(userStatusIds)),
        ) as Row[];
        for (const row of rows) byUser.get(row.user_status_id as string)?.push(toDeviceStatus(row));
        return byUser;
      },
      async getDeviceStatus(mobileAppId, userStatusId, id) {
        const row = guarded(db, () => statements.getDevice.get(tenantId, mobileAppId, userStatusId, id));
        return row && toDeviceStatus(row);
      },
      async updateDeviceStatus(mobileAppId, userStatusId, id, changes) {
        const keys = { tenant_id: tenantId, mobile_app_id: mobileAppId, user_status_id: userStatusId, id };
        const row = (await writeOne(
          updateStep("mobile_app_install_statuses", keys, mobileAppInstallStatusModel, changes),
        )) as Row | undefined;
        return row && { ...toDeviceStatus(row), ...changes };
      },
      async deleteDeviceStatus(mobileAppId, userStatusId, id) {
        return (await run(WRITES.deleteDevice, [tenantId, mobileAppId, userStatusId, id])) > 0;
      },

      async createAppDeviceStatus(mobileAppId, status): Promise<CreateDeviceStatusResult> {
        return insertOutcome(
          run(WRITES.insertAppDevice, appDeviceStatusParams(tenantId, mobileAppId, status)),
          "parentNotFound",
        );
      },
      async listAppDeviceStatuses(mobileAppId, query) {
        return guarded(db, () =>
          statements.appExists.get(tenantId, mobileAppId)
            ? listPage(appDeviceStatuses, [tenantId, mobileAppId], query, toDeviceStatus)
            : undefined,
        );
      },
      async countAppDeviceStatuses(mobileAppId, filter) {
        return guarded(db, () =>
          statements.appExists.get(tenantId, mobileAppId)
            ? count(appDeviceStatuses, [tenantId, mobileAppId], filter)
            : undefined,
        );
      },
      async getAppDeviceStatus(mobileAppId, id) {
        const row = guarded(db, () => statements.getAppDevice.get(tenantId, mobileAppId, id));
        return row && toDeviceStatus(row);
      },
      async updateAppDeviceStatus(mobileAppId, id, changes) {
        const keys = { tenant_id: tenantId, mobile_app_id: mobileAppId, id };
        const row = (await writeOne(
          updateStep("mobile_app_device_statuses", keys, mobileAppInstallStatusModel, changes),
        )) as Row | undefined;
        return row && { ...toDeviceStatus(row), ...changes };
      },
      async deleteAppDeviceStatus(mobileAppId, id) {
        return (await run(WRITES.deleteAppDevice, [tenantId, mobileAppId, id])) > 0;
      },
    };
  }

  let closing: Promise<void> | undefined;
  async function close(): Promise<void> {
    // The writer commits what was written before close, then stops; the reads' connection goes last.
    await writer.close();
    if (db.open) db.close();
    if (temporaryDir !== undefined) rmSync(temporaryDir, { recursive: true, force: true });
  }

  return {
    writer,
    async ping() {
      guarded(db, () => statements.ping.get());
    },
    close() {
      closing ??= close();
      return closing;
    },
    forTenant: tenantViews(tenantStore),
    async listTenants() {
      return guarded(db, () => statements.tenants.all());
    },
    async deleteTenant(tenantId) {
      // The counts and the delete in one write: what it answers is what it deleted.
      const [tenants] = (await write(
        { sql: TENANTS_SQL, mode: "all" },
        { sql: WRITES.deleteTenantApps, params: [tenantId] },
      )) as [TenantSummary[]];
      return tenants.find((tenant) => tenant.tenantId === tenantId);
    },

    async createClientRegistration(registration) {
      await run(WRITES.insertClient, clientRegistrationParams(registration));
    },
    async getClientRegistration(tenantId, clientId) {
      const row = guarded(db, () => statements.getClient.get(tenantId, clientId));
      return row && toClientRegistration(row);
    },
    async listClientRegistrations(tenantId) {
      const rows = guarded(db, () =>
        tenantId === undefined ? statements.listClients.all() : statements.listTenantClients.all(tenantId),
      );
      return rows.map(toClientRegistration);
    },
    async deleteClientRegistration(tenantId, clientId) {
      return (await run(WRITES.deleteClient, [tenantId, clientId])) > 0;
    },
  };
}
