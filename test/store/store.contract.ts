// The Store port's conformance suite: what every adapter must do, given a factory for a fresh, empty store.
// Adapter-neutral on purpose: only the port's methods, ids whose order is the same in every collation, and
// times in the ISO form the handlers write. Each adapter's test file calls describeStoreContract(); the
// capabilities live in contract/storage-*.ts, one file each, as keyv's storage suites do.
import { describe } from "vitest";
import type { CreateStore } from "./contract/fixtures.ts";
import { describeAppDeviceStatuses } from "./contract/storage-app-device-statuses.ts";
import { describeCascade } from "./contract/storage-cascade.ts";
import { describeClientRegistrations } from "./contract/storage-client-registrations.ts";
import { describeConcurrency } from "./contract/storage-concurrency.ts";
import { describeCrud } from "./contract/storage-crud.ts";
import { describeFilterContract } from "./contract/storage-filter.ts";
import { describeModelContract } from "./contract/storage-model.ts";
import { describePagingContract } from "./contract/storage-paging.ts";
import { describeTenants } from "./contract/storage-tenants.ts";

export { deviceStatus, mobileApp, TENANT_A, TENANT_B, userStatus } from "./contract/fixtures.ts";

export function describeStoreContract(name: string, createStore: CreateStore): void {
  describe(`Store contract: ${name}`, () => {
    describeCrud(createStore);
    describeModelContract(createStore);
    describePagingContract(createStore);
    describeFilterContract(createStore);
    describeCascade(createStore);
    describeConcurrency(createStore);
    describeTenants(createStore);
    describeClientRegistrations(createStore);
    describeAppDeviceStatuses(createStore);
  });
}
