// Whole collections read through the paged Store port, for tests that check what a store holds.
import type { MobileAppRecord, Store, TenantStore, UserAppInstallStatusRecord } from "../../src/store/store.ts";

const everything = { orderBy: [], skip: 0, limit: 1_000_000 };

export async function allMobileApps(store: TenantStore): Promise<MobileAppRecord[]> {
  return (await store.listMobileApps(everything)).items;
}

/** undefined when there is no such app. */
export async function allUserStatuses(
  store: TenantStore,
  mobileAppId: string,
): Promise<UserAppInstallStatusRecord[] | undefined> {
  return (await store.listUserStatuses(mobileAppId, everything))?.items;
}

/** Everything one tenant holds, in a stable order: apps, each app's user statuses, each status's device statuses. */
export async function tenantSnapshot(store: TenantStore): Promise<unknown> {
  const apps = await allMobileApps(store);
  return Promise.all(
    apps.map(async (app) => {
      const statuses = (await allUserStatuses(store, app.id)) ?? [];
      const devices = await store.deviceStatusesOf(
        app.id,
        statuses.map((status) => status.id),
      );
      return { app, statuses, devices: Object.fromEntries(devices) };
    }),
  );
}

/** Everything a store holds, tenant by tenant. Two snapshots are equal exactly when nothing was created,
 * changed or deleted in between, in any tenant. */
export async function storeSnapshot(store: Store): Promise<unknown> {
  const tenants = await store.listTenants();
  return Promise.all(
    tenants.map(async ({ tenantId }) => ({ tenantId, data: await tenantSnapshot(store.forTenant(tenantId)) })),
  );
}

/** The store with some of every tenant view's methods replaced (a failing store, for fault tests). */
export function withTenantMethods(store: Store, overrides: Partial<TenantStore>): Store {
  return { ...store, forTenant: (tenantId) => ({ ...store.forTenant(tenantId), ...overrides }) };
}
