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
