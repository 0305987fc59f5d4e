// Whole collections read through the paged Store port, for tests that check what a store holds.
import type { MobileAppRecord, Store, UserAppInstallStatusRecord } from "../../src/store/store.ts";

const everything = { orderBy: [], skip: 0, limit: 1_000_000 };

export async function allMobileApps(store: Store): Promise<MobileAppRecord[]> {
  return (await store.listMobileApps(everything)).items;
}

/** undefined when there is no such app. */
export async function allUserStatuses(
  store: Store,
  mobileAppId: string,
): Promise<UserAppInstallStatusRecord[] | undefined> {
  return (await store.listUserStatuses(mobileAppId, everything))?.items;
}

/** Everything a store holds, in a stable order: apps, each app's user statuses, each status's device statuses.
 * Two snapshots are equal exactly when nothing was created, changed or deleted in between. */
export async function storeSnapshot(store: Store): Promise<unknown> {
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
