// The embedded default store: one SQLite file (better-sqlite3), WAL, versioned migrations,
// prepared statements. synchronous=FULL: a commit is on disk before the write is acknowledged.
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import {
  type CreateUserStatusResult,
  type MobileAppRecord,
  type Store,
  StoreUnavailableError,
  type UserAppInstallStatusChanges,
  type UserAppInstallStatusRecord,
} from "../store.ts";

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

interface MobileAppRow {
  id: string;
  odata_type: MobileAppRecord["@odata.type"];
  properties: string;
  created_date_time: string;
  last_modified_date_time: string;
}

interface UserStatusRow {
  id: string;
  user_name: string | null;
  user_principal_name: string | null;
  installed_device_count: number;
  failed_device_count: number;
  not_installed_device_count: number;
}

const toMobileApp = (row: MobileAppRow): MobileAppRecord => ({
  id: row.id,
  "@odata.type": row.odata_type,
  createdDateTime: row.created_date_time,
  lastModifiedDateTime: row.last_modified_date_time,
  properties: JSON.parse(row.properties) as Record<string, unknown>,
});

const toUserStatus = (row: UserStatusRow): UserAppInstallStatusRecord => ({
  id: row.id,
  userName: row.user_name,
  userPrincipalName: row.user_principal_name,
  installedDeviceCount: row.installed_device_count,
  failedDeviceCount: row.failed_device_count,
  notInstalledDeviceCount: row.not_installed_device_count,
});

const USER_STATUS_COLUMNS =
  "id, user_name, user_principal_name, installed_device_count, failed_device_count, not_installed_device_count";

/** SQLite result codes that mean "not now" rather than "never": locked, I/O trouble, disk full. */
const TRANSIENT_CODES = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN)/;

/** Runs a statement, turning transient SQLite failures (and a closed database) into StoreUnavailableError. */
function guarded<T>(db: Database.Database, work: () => T): T {
  if (!db.open) throw new StoreUnavailableError("the database is closed", 1);
  try {
    return work();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && TRANSIENT_CODES.test(code)) {
      throw new StoreUnavailableError(`SQLite: ${code}`, 1, { cause: error });
    }
    throw error;
  }
}

/** Applies, in order and each in its own transaction, the migrations newer than user_version. */
export function migrate(db: Database.Database): void {
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((name) => /^\d+-.*\.sql$/.test(name))
    .sort();
  for (const file of files) {
    const version = Number.parseInt(file, 10);
    if (version <= (db.pragma("user_version", { simple: true }) as number)) continue;
    const sql = readFileSync(path.join(MIGRATIONS_DIR, file), "utf8");
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
  }
}

export function openSqliteStore(location: string): Store {
  if (location !== ":memory:") mkdirSync(path.dirname(path.resolve(location)), { recursive: true });
  const db = new Database(location);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);

  const statements = {
    ping: db.prepare("SELECT 1"),
    insertApp: db.prepare(
      `INSERT INTO mobile_apps (id, odata_type, properties, created_date_time, last_modified_date_time)
       VALUES (@id, @odata_type, @properties, @created_date_time, @last_modified_date_time)`,
    ),
    listApps: db.prepare<[], MobileAppRow>("SELECT * FROM mobile_apps ORDER BY id"),
    getApp: db.prepare<[string], MobileAppRow>("SELECT * FROM mobile_apps WHERE id = ?"),
    appExists: db.prepare<[string], { found: 1 }>("SELECT 1 AS found FROM mobile_apps WHERE id = ?"),
    updateApp: db.prepare(
      "UPDATE mobile_apps SET properties = @properties, last_modified_date_time = @last_modified_date_time WHERE id = @id",
    ),
    deleteApp: db.prepare<[string]>("DELETE FROM mobile_apps WHERE id = ?"),
    insertStatus: db.prepare(
      `INSERT INTO user_app_install_statuses (mobile_app_id, ${USER_STATUS_COLUMNS})
       VALUES (@mobile_app_id, @id, @user_name, @user_principal_name, @installed_device_count,
               @failed_device_count, @not_installed_device_count)`,
    ),
    listStatuses: db.prepare<[string], UserStatusRow>(
      `SELECT ${USER_STATUS_COLUMNS} FROM user_app_install_statuses WHERE mobile_app_id = ? ORDER BY id`,
    ),
    getStatus: db.prepare<[string, string], UserStatusRow>(
      `SELECT ${USER_STATUS_COLUMNS} FROM user_app_install_statuses WHERE mobile_app_id = ? AND id = ?`,
    ),
    updateStatus: db.prepare(
      `UPDATE user_app_install_statuses SET user_name = @user_name, user_principal_name = @user_principal_name,
         installed_device_count = @installed_device_count, failed_device_count = @failed_device_count,
         not_installed_device_count = @not_installed_device_count
       WHERE mobile_app_id = @mobile_app_id AND id = @id`,
    ),
    deleteStatus: db.prepare<[string, string]>(
      "DELETE FROM user_app_install_statuses WHERE mobile_app_id = ? AND id = ?",
    ),
  };

  const userStatusParams = (mobileAppId: string, status: UserAppInstallStatusRecord) => ({
    mobile_app_id: mobileAppId,
    id: status.id,
    user_name: status.userName,
    user_principal_name: status.userPrincipalName,
    installed_device_count: status.installedDeviceCount,
    failed_device_count: status.failedDeviceCount,
    not_installed_device_count: status.notInstalledDeviceCount,
  });

  // Read-modify-write in one transaction, so concurrent patches never lose each other's changes.
  const updateApp = db.transaction(
    (id: string, properties: Record<string, unknown>, lastModified: string): MobileAppRecord | undefined => {
      const row = statements.getApp.get(id);
      if (!row) return undefined;
      const merged = { ...toMobileApp(row).properties, ...properties };
      statements.updateApp.run({ id, properties: JSON.stringify(merged), last_modified_date_time: lastModified });
      return { ...toMobileApp(row), properties: merged, lastModifiedDateTime: lastModified };
    },
  );
  const updateStatus = db.transaction(
    (mobileAppId: string, id: string, changes: UserAppInstallStatusChanges): UserAppInstallStatusRecord | undefined => {
      const row = statements.getStatus.get(mobileAppId, id);
      if (!row) return undefined;
      const updated = { ...toUserStatus(row), ...changes };
      statements.updateStatus.run(userStatusParams(mobileAppId, updated));
      return updated;
    },
  );

  return {
    async ping() {
      guarded(db, () => statements.ping.get());
    },
    async close() {
      if (db.open) db.close();
    },

    async createMobileApp(app) {
      guarded(db, () =>
        statements.insertApp.run({
          id: app.id,
          odata_type: app["@odata.type"],
          properties: JSON.stringify(app.properties),
          created_date_time: app.createdDateTime,
          last_modified_date_time: app.lastModifiedDateTime,
        }),
      );
    },
    async listMobileApps() {
      return guarded(db, () => statements.listApps.all().map(toMobileApp));
    },
    async getMobileApp(id) {
      const row = guarded(db, () => statements.getApp.get(id));
      return row && toMobileApp(row);
    },
    async updateMobileApp(id, properties, lastModifiedDateTime) {
      return guarded(db, () => updateApp(id, properties, lastModifiedDateTime));
    },
    async deleteMobileApp(id) {
      return guarded(db, () => statements.deleteApp.run(id).changes > 0);
    },

    async createUserStatus(mobileAppId, status): Promise<CreateUserStatusResult> {
      return guarded(db, () => {
        try {
          statements.insertStatus.run(userStatusParams(mobileAppId, status));
          return "created";
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (code === "SQLITE_CONSTRAINT_FOREIGNKEY") return "appNotFound";
          if (code === "SQLITE_CONSTRAINT_PRIMARYKEY") return "duplicateId";
          throw error;
        }
      });
    },
    async listUserStatuses(mobileAppId) {
      return guarded(db, () =>
        statements.appExists.get(mobileAppId) ? statements.listStatuses.all(mobileAppId).map(toUserStatus) : undefined,
      );
    },
    async getUserStatus(mobileAppId, id) {
      const row = guarded(db, () => statements.getStatus.get(mobileAppId, id));
      return row && toUserStatus(row);
    },
    async updateUserStatus(mobileAppId, id, changes) {
      return guarded(db, () => updateStatus(mobileAppId, id, changes));
    },
    async deleteUserStatus(mobileAppId, id) {
      return guarded(db, () => statements.deleteStatus.run(mobileAppId, id).changes > 0);
    },
  };
}
