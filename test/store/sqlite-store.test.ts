// The SQLite adapter: the Store contract in memory and on a file, then what only SQLite has: journal mode,
// synchronous level, versioned migrations, a file that outlives the connection.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { LOCAL_TENANT_ID } from "../../src/auth/local-tokens.ts";
import { parseFilter } from "../../src/graph/odata/filter-parser.ts";
import { parseOrderBy } from "../../src/graph/odata/query-options.ts";
import { mobileAppInstallStatusModel, userAppInstallStatusModel } from "../../src/model/entity-model.ts";
import { migrate, openSqliteStore, type SqliteStoreOptions } from "../../src/store/sqlite/sqlite-store.ts";
import type { MobileAppInstallStatusRecord, Store } from "../../src/store/store.ts";
import { expectSoundDatabaseFile } from "../helpers/sqlite-file.ts";
import { allMobileApps, allUserStatuses } from "../helpers/store-views.ts";
import { describeStoreContract, mobileApp, TENANT_A, TENANT_B, userStatus } from "./store.contract.ts";

const CREATED = "2024-05-01T10:00:00.000Z";

const MIGRATIONS_DIR = fileURLToPath(new URL("../../src/store/sqlite/migrations/", import.meta.url));
const LATEST_MIGRATION = Math.max(
  ...readdirSync(MIGRATIONS_DIR)
    .filter((name) => /^\d+-.*\.sql$/.test(name))
    .map((name) => Number.parseInt(name, 10)),
);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "graph-sqlite-store-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;
const freshFile = () => path.join(dir, `store-${++files}.db`);

describeStoreContract("SQLite in memory", async () => openSqliteStore(":memory:"));
describeStoreContract("SQLite file", async () => openSqliteStore(freshFile()));

/** Opens the store and hands back the connection it opened too, to read its per-connection settings. */
function openWithConnection(location: string, options?: SqliteStoreOptions): { store: Store; db: Database.Database } {
  const pragma = Database.prototype.pragma;
  let db: Database.Database | undefined;
  const spy = vi.spyOn(Database.prototype, "pragma").mockImplementation(function (
    this: Database.Database,
    source: string,
    options?: Database.PragmaOptions,
  ) {
    db ??= this;
    return pragma.call(this, source, options);
  });
  try {
    const store = openSqliteStore(location, options);
    if (!db) throw new Error("openSqliteStore set no pragma");
    return { store, db };
  } finally {
    spy.mockRestore();
  }
}

/** Reads the file with a connection of its own. */
function inspect<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const schemaOf = (db: Database.Database) =>
  db.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").all();

describe("SQLite store on a file", () => {
  it("runs in WAL mode with synchronous=FULL (2) and foreign keys on", async () => {
    const file = freshFile();
    const { store, db } = openWithConnection(file);
    try {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(db.pragma("synchronous", { simple: true })).toBe(2);
      expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    } finally {
      await store.close();
    }
    expect(inspect(file, (other) => other.pragma("journal_mode", { simple: true }))).toBe("wal");
  });

  it("pages $orderby=userName with a $filter by index, without sorting the app's rows", async () => {
    const file = freshFile();
    const { store, db } = openWithConnection(file);
    try {
      await store.forTenant(TENANT_A).createMobileApp(mobileApp("app-1"));
      const prepare = Database.prototype.prepare;
      const texts: string[] = [];
      const spy = vi.spyOn(Database.prototype, "prepare").mockImplementation(function (
        this: Database.Database,
        source: string,
      ) {
        texts.push(source);
        return prepare.call(this, source);
      });
      try {
        await store.forTenant(TENANT_A).listUserStatuses("app-1", {
          filter: parseFilter("failedDeviceCount gt 0", userAppInstallStatusModel),
          orderBy: parseOrderBy("userName", userAppInstallStatusModel),
          after: ["Adele Vance", "s1"],
          skip: 0,
          limit: 100,
        });
      } finally {
        spy.mockRestore();
      }
      const pageSql = texts.find((text) => text.includes("ORDER BY"));
      if (!pageSql) throw new Error("the store prepared no page query");
      const placeholders = pageSql.match(/\?/g)?.length ?? 0;
      const plan = (
        db.prepare(`EXPLAIN QUERY PLAN ${pageSql}`).all(...Array(placeholders).fill(null)) as {
          detail: string;
        }[]
      ).map((step) => step.detail);
      expect(plan.join("\n")).toContain("USING INDEX user_statuses_by_user_name");
      expect(plan.join("\n")).not.toContain("TEMP B-TREE");
    } finally {
      await store.close();
    }
  });

  it("runs with synchronous=NORMAL (1) when asked", async () => {
    const { store, db } = openWithConnection(freshFile(), { synchronous: "normal" });
    try {
      expect(db.pragma("synchronous", { simple: true })).toBe(1);
    } finally {
      await store.close();
    }
  });

  it("migrates a new file to the latest migration's number in user_version", async () => {
    const file = freshFile();
    await openSqliteStore(file).close();
    expect(LATEST_MIGRATION).toBeGreaterThanOrEqual(1);
    expect(inspect(file, (db) => db.pragma("user_version", { simple: true }))).toBe(LATEST_MIGRATION);
  });

  it("applies no migration again when it re-opens a migrated file", async () => {
    const file = freshFile();
    await openSqliteStore(file).close();
    const schema = inspect(file, schemaOf);

    // A migration applied twice would fail (its tables exist) or change the schema.
    const again = openSqliteStore(file);
    await again.close();
    expect(inspect(file, schemaOf)).toEqual(schema);
    expect(inspect(file, (db) => db.pragma("user_version", { simple: true }))).toBe(LATEST_MIGRATION);
  });

  it("upgrades a database of version 3 in place: rows belong to the local tenant, millisecond times read back alike", async () => {
    const file = freshFile();
    const old = new Database(file);
    migrate(old, 3);
    const app = (id: string) => mobileApp(id, { properties: { displayName: `App ${id}` } });
    for (const record of [app("app-1"), app("app-2")]) {
      old
        .prepare("INSERT INTO mobile_apps VALUES (?, ?, ?, ?, ?)")
        .run(record.id, record["@odata.type"], JSON.stringify(record.properties), CREATED, CREATED);
    }
    const insertStatus = old.prepare("INSERT INTO user_app_install_statuses VALUES (?, ?, ?, ?, ?, ?, ?)");
    insertStatus.run("app-1", "s1", "User s1", "s1@contoso.example", 4, 1, 7);
    insertStatus.run("app-2", "s1", "User s1", "s1@contoso.example", 4, 1, 7);
    // Written then: milliseconds, 24 characters.
    old
      .prepare(`INSERT INTO mobile_app_install_statuses VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(
        "app-1",
        "s1",
        "d1",
        "device-d1",
        "device-id-d1",
        "2024-05-01T10:00:00.321Z",
        1,
        1,
        0,
        0,
        "10.0",
        "Windows",
        "Adele",
        "a@b",
        "1.2.3",
      );
    old.close();

    const store = openSqliteStore(file);
    try {
      expect(await store.listTenants()).toEqual([
        { tenantId: LOCAL_TENANT_ID, mobileApps: 2, userAppInstallStatuses: 2, mobileAppInstallStatuses: 1 },
      ]);
      const local = store.forTenant(LOCAL_TENANT_ID);
      expect(await allMobileApps(local)).toEqual([app("app-1"), app("app-2")]);
      expect(await allUserStatuses(local, "app-1")).toEqual([userStatus("s1")]);
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
      expect(page?.items.map((item) => item.id)).toEqual(["d2", "d1"]);
      expect(await local.createAppDeviceStatus("app-1", old)).toBe("created");

      // The new keys hold: the cascade runs through them, and a client id is unique within its tenant only.
      expect(await local.deleteMobileApp("app-1")).toBe(true);
      expect(await store.listTenants()).toEqual([
        { tenantId: LOCAL_TENANT_ID, mobileApps: 1, userAppInstallStatuses: 1, mobileAppInstallStatuses: 0 },
      ]);
      await store.forTenant(TENANT_B).createMobileApp(app("app-2"));
      expect(await store.forTenant(TENANT_B).createUserStatus("app-2", userStatus("s1"))).toBe("created");
    } finally {
      await store.close();
    }
    expectSoundDatabaseFile(file);
    expect(inspect(file, (db) => db.pragma("user_version", { simple: true }))).toBe(LATEST_MIGRATION);
  });

  it("keeps every write across close and re-open", async () => {
    const file = freshFile();
    const firstStore = openSqliteStore(file);
    const first = firstStore.forTenant(TENANT_A);
    await first.createMobileApp(mobileApp("app-1"));
    await first.createMobileApp(mobileApp("app-2"));
    await first.createUserStatus("app-1", userStatus("s1"));
    await first.createUserStatus("app-1", userStatus("s2"));
    await first.createUserStatus("app-2", userStatus("s3"));
    await first.updateUserStatus("app-1", "s1", { failedDeviceCount: 42, userName: null });
    await first.updateMobileApp("app-2", { displayName: "Renamed" }, "2024-06-01T00:00:00.000Z");
    await first.deleteUserStatus("app-1", "s2");
    const apps = await allMobileApps(first);
    await firstStore.close();

    const reopenedStore = openSqliteStore(file);
    const reopened = reopenedStore.forTenant(TENANT_A);
    try {
      expect(await allMobileApps(reopened)).toEqual(apps);
      expect(await allUserStatuses(reopened, "app-1")).toEqual([
        userStatus("s1", { failedDeviceCount: 42, userName: null }),
      ]);
      expect(await allUserStatuses(reopened, "app-2")).toEqual([userStatus("s3")]);
    } finally {
      await reopenedStore.close();
    }
  });

  it("commits each write before it resolves: another connection to the file sees it at once", async () => {
    const file = freshFile();
    const writer = openSqliteStore(file);
    const reader = openSqliteStore(file);
    try {
      await writer.forTenant(TENANT_A).createMobileApp(mobileApp("app-1"));
      await writer.forTenant(TENANT_A).createUserStatus("app-1", userStatus("s1"));
      expect(await reader.forTenant(TENANT_A).getUserStatus("app-1", "s1")).toEqual(userStatus("s1"));
      await writer.forTenant(TENANT_A).deleteUserStatus("app-1", "s1");
      expect(await reader.forTenant(TENANT_A).getUserStatus("app-1", "s1")).toBeUndefined();
    } finally {
      await writer.close();
      await reader.close();
    }
  });

  it("creates the file's missing parent directories", async () => {
    const file = path.join(dir, "nested", "deeper", "graph.db");
    const store = openSqliteStore(file);
    try {
      await store.forTenant(TENANT_A).createMobileApp(mobileApp("app-1"));
      expect(await store.forTenant(TENANT_A).getMobileApp("app-1")).toEqual(mobileApp("app-1"));
    } finally {
      await store.close();
    }
  });
});
