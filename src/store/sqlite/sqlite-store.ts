// The embedded default store: one SQLite file (better-sqlite3), WAL, versioned migrations,
// prepared statements. synchronous=FULL (unless asked for NORMAL) and group commit: a write resolves once the
// transaction holding it is on disk, and the writes of concurrent requests share that transaction.
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
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
  UserAppInstallStatusRecord,
} from "../store.ts";
import { tenantViews } from "../tenant-views.ts";
import { groupCommit } from "./group-commit.ts";

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
    // json_extract answers JSON true/false as 1/0 and numbers as INTEGER, which is what $filter binds.
    const value = `json_extract(properties, '$.${property.name}')`;
    return typeof property.type === "object" ? enumCase(property.type, value) : value;
  },
  (value) => String(Number(value)),
);

/** INSERT of every column of the model's table, after the parent keys, as named parameters (…Params of rows.ts). */
function insertSql(table: string, parentKeys: string[], model: EntityModel): string {
  const columns = [...parentKeys, ...Object.values(columnsOf(model))];
  return `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map((column) => `@${column}`).join(", ")})`;
}

/** UPDATE of every non-key column of the model's table, of the row with these parent keys and id. */
function updateSql(table: string, parentKeys: string[], model: EntityModel): string {
  const assignments = Object.values(columnsOf(model))
    .filter((column) => column !== "id")
    .map((column) => `${column} = @${column}`);
  const where = [...parentKeys, "id"].map((column) => `${column} = @${column}`);
  return `UPDATE ${table} SET ${assignments.join(", ")} WHERE ${where.join(" AND ")}`;
}

/** SQLite result codes that mean "not now" rather than "never": locked, I/O trouble, disk full. */
const TRANSIENT_CODES = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN)/;

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

export function openSqliteStore(location: string, { synchronous = "full" }: SqliteStoreOptions = {}): Store {
  if (location !== ":memory:") mkdirSync(path.dirname(path.resolve(location)), { recursive: true });
  const db = new Database(location);
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${synchronous === "normal" ? "NORMAL" : "FULL"}`);
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);

  const commit = groupCommit(db);
  /** Runs a write in the next group commit; resolves once it is on disk. */
  const write = <T>(work: () => T): Promise<T> => {
    if (!db.open) return Promise.reject(new StoreUnavailableError("the database is closed", 1));
    return commit(work).catch((error: unknown) => {
      throw translated(db, error);
    });
  };

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
  const DEVICE_KEYS = ["tenant_id", "mobile_app_id", "user_status_id"];
  const statements = {
    ping: db.prepare("SELECT 1"),
    insertClient: db.prepare(
      `INSERT INTO client_registrations (tenant_id, client_id, display_name, roles, secret_hash, certificate,
         created_date_time)
       VALUES (@tenant_id, @client_id, @display_name, @roles, @secret_hash, @certificate, @created_date_time)`,
    ),
    getClient: db.prepare<[string, string], Row>(
      "SELECT * FROM client_registrations WHERE tenant_id = ? AND client_id = ?",
    ),
    listClients: db.prepare<[], Row>("SELECT * FROM client_registrations ORDER BY tenant_id, created_date_time"),
    listTenantClients: db.prepare<[string], Row>(
      "SELECT * FROM client_registrations WHERE tenant_id = ? ORDER BY created_date_time",
    ),
    deleteClient: db.prepare<[string, string]>(
      "DELETE FROM client_registrations WHERE tenant_id = ? AND client_id = ?",
    ),
    insertApp: db.prepare(
      `INSERT INTO mobile_apps (tenant_id, id, odata_type, properties, created_date_time, last_modified_date_time)
       VALUES (@tenant_id, @id, @odata_type, @properties, @created_date_time, @last_modified_date_time)`,
    ),
    getApp: db.prepare<[string, string], Row>("SELECT * FROM mobile_apps WHERE tenant_id = ? AND id = ?"),
    appExists: db.prepare<[string, string], Row>("SELECT 1 FROM mobile_apps WHERE tenant_id = ? AND id = ?"),
    updateApp: db.prepare(
      `UPDATE mobile_apps SET properties = @properties, last_modified_date_time = @last_modified_date_time
       WHERE tenant_id = @tenant_id AND id = @id`,
    ),
    deleteApp: db.prepare<[string, string]>("DELETE FROM mobile_apps WHERE tenant_id = ? AND id = ?"),
    insertStatus: db.prepare(
      insertSql("user_app_install_statuses", ["tenant_id", "mobile_app_id"], userAppInstallStatusModel),
    ),
    getStatus: db.prepare<[string, string, string], Row>(
      "SELECT * FROM user_app_install_statuses WHERE tenant_id = ? AND mobile_app_id = ? AND id = ?",
    ),
    updateStatus: db.prepare(
      updateSql("user_app_install_statuses", ["tenant_id", "mobile_app_id"], userAppInstallStatusModel),
    ),
    deleteStatus: db.prepare<[string, string, string]>(
      "DELETE FROM user_app_install_statuses WHERE tenant_id = ? AND mobile_app_id = ? AND id = ?",
    ),
    insertDevice: db.prepare(insertSql("mobile_app_install_statuses", DEVICE_KEYS, mobileAppInstallStatusModel)),
    getDevice: db.prepare<[string, string, string, string], Row>(
      `SELECT * FROM mobile_app_install_statuses
       WHERE tenant_id = ? AND mobile_app_id = ? AND user_status_id = ? AND id = ?`,
    ),
    updateDevice: db.prepare(updateSql("mobile_app_install_statuses", DEVICE_KEYS, mobileAppInstallStatusModel)),
    deleteDevice: db.prepare<[string, string, string, string]>(
      `DELETE FROM mobile_app_install_statuses
       WHERE tenant_id = ? AND mobile_app_id = ? AND user_status_id = ? AND id = ?`,
    ),
    insertAppDevice: db.prepare(
      insertSql("mobile_app_device_statuses", ["tenant_id", "mobile_app_id"], mobileAppInstallStatusModel),
    ),
    getAppDevice: db.prepare<[string, string, string], Row>(
      "SELECT * FROM mobile_app_device_statuses WHERE tenant_id = ? AND mobile_app_id = ? AND id = ?",
    ),
    updateAppDevice: db.prepare(
      updateSql("mobile_app_device_statuses", ["tenant_id", "mobile_app_id"], mobileAppInstallStatusModel),
    ),
    deleteAppDevice: db.prepare<[string, string, string]>(
      "DELETE FROM mobile_app_device_statuses WHERE tenant_id = ? AND mobile_app_id = ? AND id = ?",
    ),
    // mobileAppInstallStatuses counts both deviceStatuses collections: the user statuses' and the apps' own.
    tenants: db.prepare<[], TenantSummary>(
      `SELECT tenant_id AS tenantId, sum(apps) AS mobileApps, sum(users) AS userAppInstallStatuses,
         sum(devices) AS mobileAppInstallStatuses
       FROM (SELECT tenant_id, count(*) AS apps, 0 AS users, 0 AS devices FROM mobile_apps GROUP BY tenant_id
             UNION ALL SELECT tenant_id, 0, count(*), 0 FROM user_app_install_statuses GROUP BY tenant_id
             UNION ALL SELECT tenant_id, 0, 0, count(*) FROM mobile_app_install_statuses GROUP BY tenant_id
             UNION ALL SELECT tenant_id, 0, 0, count(*) FROM mobile_app_device_statuses GROUP BY tenant_id)
       GROUP BY tenant_id ORDER BY tenant_id`,
    ),
    // The apps' cascade removes their statuses.
    deleteTenantApps: db.prepare<[string]>("DELETE FROM mobile_apps WHERE tenant_id = ?"),
  };

  /** An insert's constraint failure, as the caller's outcome; anything else is a fault. */
  function insertOutcome<T extends string>(work: () => unknown, onForeignKey: T): "created" | "duplicateId" | T {
    try {
      work();
      return "created";
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "SQLITE_CONSTRAINT_FOREIGNKEY") return onForeignKey;
      if (code === "SQLITE_CONSTRAINT_PRIMARYKEY") return "duplicateId";
      throw error;
    }
  }

  // Read-modify-write in one transaction, so concurrent patches never lose each other's changes.
  const updateApp = db.transaction(
    (tenantId: string, id: string, properties: Record<string, unknown>, lastModified: string) => {
      const row = statements.getApp.get(tenantId, id);
      if (!row) return undefined;
      const current = toMobileApp(row);
      const merged = { ...current.properties, ...properties };
      statements.updateApp.run({
        tenant_id: tenantId,
        id,
        properties: JSON.stringify(merged),
        last_modified_date_time: lastModified,
      });
      return { ...current, properties: merged, lastModifiedDateTime: lastModified };
    },
  );
  const updateStatus = db.transaction(
    (tenantId: string, mobileAppId: string, id: string, changes: Partial<UserAppInstallStatusRecord>) => {
      const row = statements.getStatus.get(tenantId, mobileAppId, id);
      if (!row) return undefined;
      const updated = { ...toUserStatus(row), ...changes };
      statements.updateStatus.run(userStatusParams(tenantId, mobileAppId, updated));
      return updated;
    },
  );
  const updateDevice = db.transaction(
    (
      tenantId: string,
      mobileAppId: string,
      userStatusId: string,
      id: string,
      changes: Partial<MobileAppInstallStatusRecord>,
    ) => {
      const row = statements.getDevice.get(tenantId, mobileAppId, userStatusId, id);
      if (!row) return undefined;
      const updated = { ...toDeviceStatus(row), ...changes };
      statements.updateDevice.run(deviceStatusParams(tenantId, mobileAppId, userStatusId, updated));
      return updated;
    },
  );

  const updateAppDevice = db.transaction(
    (tenantId: string, mobileAppId: string, id: string, changes: Partial<MobileAppInstallStatusRecord>) => {
      const row = statements.getAppDevice.get(tenantId, mobileAppId, id);
      if (!row) return undefined;
      const updated = { ...toDeviceStatus(row), ...changes };
      statements.updateAppDevice.run(appDeviceStatusParams(tenantId, mobileAppId, updated));
      return updated;
    },
  );

  const importStatuses = db.transaction(
    (tenantId: string, mobileAppId: string, statuses: UserAppInstallStatusRecord[]) => {
      for (const status of statuses) statements.insertStatus.run(userStatusParams(tenantId, mobileAppId, status));
    },
  );

  const deleteTenant = db.transaction((tenantId: string) => {
    const summary = statements.tenants.all().find((tenant) => tenant.tenantId === tenantId);
    if (summary) statements.deleteTenantApps.run(tenantId);
    return summary;
  });

  /** One tenant's view: the same statements, each bound to the tenant. */
  function tenantStore(tenantId: string): TenantStore {
    const userStatusExists = (mobileAppId: string, id: string) =>
      statements.getStatus.get(tenantId, mobileAppId, id) !== undefined;
    return {
      async createMobileApp(app) {
        await write(() =>
          statements.insertApp.run({
            tenant_id: tenantId,
            id: app.id,
            odata_type: app["@odata.type"],
            properties: JSON.stringify(app.properties),
            created_date_time: app.createdDateTime,
            last_modified_date_time: app.lastModifiedDateTime,
          }),
        );
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
        return write(() => updateApp(tenantId, id, properties, lastModifiedDateTime));
      },
      async deleteMobileApp(id) {
        return write(() => statements.deleteApp.run(tenantId, id).changes > 0);
      },

      async createUserStatus(mobileAppId, status): Promise<CreateUserStatusResult> {
        return write(() =>
          insertOutcome(
            () => statements.insertStatus.run(userStatusParams(tenantId, mobileAppId, status)),
            "appNotFound",
          ),
        );
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
        guarded(db, () => importStatuses(tenantId, mobileAppId, statuses));
      },
      async updateUserStatus(mobileAppId, id, changes) {
        return write(() => updateStatus(tenantId, mobileAppId, id, changes));
      },
      async deleteUserStatus(mobileAppId, id) {
        return write(() => statements.deleteStatus.run(tenantId, mobileAppId, id).changes > 0);
      },

      async createDeviceStatus(mobileAppId, userStatusId, status): Promise<CreateDeviceStatusResult> {
        return write(() =>
          insertOutcome(
            () => statements.insertDevice.run(deviceStatusParams(tenantId, mobileAppId, userStatusId, status)),
            "parentNotFound",
          ),
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
        return write(() => updateDevice(tenantId, mobileAppId, userStatusId, id, changes));
      },
      async deleteDeviceStatus(mobileAppId, userStatusId, id) {
        return write(() => statements.deleteDevice.run(tenantId, mobileAppId, userStatusId, id).changes > 0);
      },

      async createAppDeviceStatus(mobileAppId, status): Promise<CreateDeviceStatusResult> {
        return write(() =>
          insertOutcome(
            () => statements.insertAppDevice.run(appDeviceStatusParams(tenantId, mobileAppId, status)),
            "parentNotFound",
          ),
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
        return write(() => updateAppDevice(tenantId, mobileAppId, id, changes));
      },
      async deleteAppDeviceStatus(mobileAppId, id) {
        return write(() => statements.deleteAppDevice.run(tenantId, mobileAppId, id).changes > 0);
      },
    };
  }

  return {
    async ping() {
      guarded(db, () => statements.ping.get());
    },
    async close() {
      if (db.open) db.close();
    },
    forTenant: tenantViews(tenantStore),
    async listTenants() {
      return guarded(db, () => statements.tenants.all());
    },
    async deleteTenant(tenantId) {
      return write(() => deleteTenant(tenantId));
    },

    async createClientRegistration(registration) {
      await write(() => statements.insertClient.run(clientRegistrationParams(registration)));
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
      return write(() => statements.deleteClient.run(tenantId, clientId).changes > 0);
    },
  };
}
