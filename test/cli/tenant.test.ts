// `graph-intune tenant list | delete --tid GUID`, run as a user runs it, on a SQLite file and on PostgreSQL.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import type { Store } from "../../src/store/store.ts";
import { dropSchema, freshSchemaName, TEST_DATABASE_URL } from "../helpers/postgres.ts";
import { makeTempDir, REPO_ROOT, removeTempDirs } from "../helpers/server-process.ts";
import { tenantSnapshot } from "../helpers/store-views.ts";
import { deviceStatus, mobileApp, userStatus } from "../store/store.contract.ts";

const CLI = path.join(REPO_ROOT, "scripts", "cli.mjs");
const TENANT_A = "0f0e0d0c-0000-4000-8000-0000000000a1";
const TENANT_B = "0f0e0d0c-0000-4000-8000-0000000000b2";

async function cli(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Tenant A: 2 apps, 3 user statuses, 1 device status; tenant B: 1 app. */
async function seed(store: Store): Promise<void> {
  const a = store.forTenant(TENANT_A);
  await a.createMobileApp(mobileApp("app-1"));
  await a.createMobileApp(mobileApp("app-2"));
  for (const id of ["s1", "s2"]) await a.createUserStatus("app-1", userStatus(id));
  await a.createUserStatus("app-2", userStatus("s1"));
  await a.createDeviceStatus("app-1", "s1", deviceStatus("d1"));
  await store.forTenant(TENANT_B).createMobileApp(mobileApp("app-1"));
}

const schemas: string[] = [];
afterAll(async () => {
  removeTempDirs();
  for (const schema of schemas) await dropSchema(TEST_DATABASE_URL as string, schema);
});

const stores = [
  { name: "SQLite", env: () => ({ DATABASE_URL: `sqlite:${path.join(makeTempDir(), "graph.db")}` }) },
  ...(TEST_DATABASE_URL
    ? [
        {
          name: "PostgreSQL",
          env: () => {
            const schema = freshSchemaName();
            schemas.push(schema);
            return { DATABASE_URL: TEST_DATABASE_URL as string, DATABASE_SCHEMA: schema };
          },
        },
      ]
    : []),
];

describe.each(stores)("tenant on $name", ({ env: environment }) => {
  async function withStore<T>(env: Record<string, string>, work: (store: Store) => Promise<T>): Promise<T> {
    const store = await openStore({
      databaseUrl: env.DATABASE_URL as string,
      databasePoolSize: 2,
      databaseSchema: env.DATABASE_SCHEMA ?? "public",
      sqliteSynchronous: "full",
    });
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  }

  it("list says so when no tenant holds data, then shows each tenant with its counts", async () => {
    const env = environment();
    const empty = await cli(["tenant", "list"], env);
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stdout).toMatch(/^No tenant holds data in /);

    await withStore(env, seed);
    const listed = await cli(["tenant", "list"], env);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout.trimEnd().split("\n")).toEqual([
      "tenantId                              mobileApps  userAppInstallStatuses  mobileAppInstallStatuses",
      `${TENANT_A}  2           3                       1`,
      `${TENANT_B}  1           0                       0`,
    ]);
  });

  it("delete removes one tenant's data, prints what it removed, and leaves the other tenant's as it was", async () => {
    const env = environment();
    const kept = await withStore(env, async (store) => {
      await seed(store);
      return tenantSnapshot(store.forTenant(TENANT_B));
    });
    const deleted = await cli(["tenant", "delete", "--tid", TENANT_A.toUpperCase()], env);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stdout).toBe(
      `Deleted tenant ${TENANT_A}: 2 mobileApps, 3 userAppInstallStatuses, 1 mobileAppInstallStatuses.\n`,
    );
    await withStore(env, async (store) => {
      expect(await tenantSnapshot(store.forTenant(TENANT_A))).toEqual([]);
      expect(await tenantSnapshot(store.forTenant(TENANT_B))).toEqual(kept);
    });

    const again = await cli(["tenant", "delete", "--tid", TENANT_A], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`Tenant ${TENANT_A} holds no data`);
    expect(again.stderr).toContain("nothing removed");
  });

  it.each([
    ["a --tid that is not a GUID", ["delete", "--tid", "contoso.onmicrosoft.com"], /--tid must be a GUID/],
    ["delete without --tid", ["delete"], /delete needs --tid GUID/],
    ["--tid without a value", ["delete", "--tid"], /--tid/],
    ["no action", [], /list or delete is required/],
    ["an unknown action", ["purge"], /Unknown action 'purge'/],
    ["list with --tid", ["list", "--tid", TENANT_A], /list takes no --tid/],
  ])("refuses %s with the usage and exit code 2, removing nothing", async (_case, args, reason) => {
    const env = environment();
    await withStore(env, seed);
    const before = await withStore(env, (store) => store.listTenants());
    const result = await cli(["tenant", ...args], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(reason);
    expect(result.stderr).toContain("Usage: graph-intune tenant list");
    expect(await withStore(env, (store) => store.listTenants())).toEqual(before);
  });
});
