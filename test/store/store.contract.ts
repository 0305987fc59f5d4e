// The Store port's conformance suite: what every adapter must do, given a factory for a fresh, empty store.
// Adapter-neutral on purpose: only the port's methods, ids whose order is the same in every collation, and
// times in the ISO form the handlers write. Each adapter's test file calls describeStoreContract().
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type EntityModel,
  type EnumType,
  mobileAppInstallStatusModel,
  mobileAppModel,
  mobileAppPublishingState,
  resultantAppState,
  resultantAppStateDetail,
  userAppInstallStatusModel,
} from "../../src/graph/odata/entity-model.ts";
import { type FilterNode, parseFilter } from "../../src/graph/odata/filter-parser.ts";
import { parseOrderBy } from "../../src/graph/odata/query-options.ts";
import type {
  ClientRegistrationRecord,
  ListQuery,
  MobileAppInstallStatusRecord,
  MobileAppRecord,
  Page,
  SortKey,
  Store,
  TenantStore,
  UserAppInstallStatusRecord,
} from "../../src/store/store.ts";
import { allMobileApps, allUserStatuses, tenantSnapshot } from "../helpers/store-views.ts";

export const TENANT_A = "0f0e0d0c-0000-4000-8000-00000000000a";
export const TENANT_B = "0f0e0d0c-0000-4000-8000-00000000000b";
const CREATED = "2024-05-01T10:00:00.000Z";
const MODIFIED = "2024-05-02T11:30:15.250Z";

export function mobileApp(id: string, overrides: Partial<MobileAppRecord> = {}): MobileAppRecord {
  return {
    id,
    "@odata.type": "#microsoft.graph.webApp",
    createdDateTime: CREATED,
    lastModifiedDateTime: CREATED,
    properties: { displayName: `App ${id}`, appUrl: "https://contoso.example" },
    ...overrides,
  };
}

export function userStatus(
  id: string,
  overrides: Partial<UserAppInstallStatusRecord> = {},
): UserAppInstallStatusRecord {
  return {
    id,
    userName: `User ${id}`,
    userPrincipalName: `${id}@contoso.example`,
    installedDeviceCount: 4,
    failedDeviceCount: 1,
    notInstalledDeviceCount: 7,
    ...overrides,
  };
}

export function deviceStatus(
  id: string,
  overrides: Partial<MobileAppInstallStatusRecord> = {},
): MobileAppInstallStatusRecord {
  return {
    id,
    deviceName: `device-${id}`,
    deviceId: `device-id-${id}`,
    lastSyncDateTime: "2024-05-01T10:00:00.000Z",
    mobileAppInstallStatusValue: "installed",
    installState: "installed",
    installStateDetail: "noAdditionalDetails",
    errorCode: 0,
    osVersion: "10.0.22631.3447",
    osDescription: "Windows 11 Enterprise",
    userName: "Adele Vance",
    userPrincipalName: "AdeleV@contoso.example",
    displayVersion: "1.2.3",
    ...overrides,
  };
}

// ─── Paging, ordering and filtering: what the port promises, and a reference to check adapters against ───────────

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The list in another order than its ids' (k·7 mod n is a permutation when n is not a multiple of 7). */
const scrambled = <T>(list: readonly T[]): T[] => list.map((_, k) => list[(k * 7) % list.length] as T);

interface QueryOptions {
  filter?: string;
  orderBy?: string;
  after?: unknown[] | undefined;
  skip?: number;
  limit?: number;
}

/** A ListQuery as the handlers build one: $filter and $orderby text parsed against the entity model. */
function listQuery(model: EntityModel, options: QueryOptions = {}): ListQuery {
  return {
    filter: options.filter === undefined ? undefined : parseFilter(options.filter, model),
    orderBy: options.orderBy === undefined ? [] : parseOrderBy(options.orderBy, model),
    after: options.after,
    skip: options.skip ?? 0,
    limit: options.limit ?? 1000,
  };
}

type Scalar = string | number | boolean | null;

/** NULL (or an absent JSON property) is the smallest value. */
function compareValues(a: Scalar, b: Scalar): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/** The order the port promises: each sort key in turn (reversed when descending), then id ascending. */
function inPortOrder<T extends { id: string }>(
  items: readonly T[],
  keys: readonly SortKey[],
  sortValue: (item: T, property: string) => Scalar,
): T[] {
  return [...items].sort((x, y) => {
    for (const key of keys) {
      const order = compareValues(sortValue(x, key.property.name), sortValue(y, key.property.name));
      if (order !== 0) return key.descending ? -order : order;
    }
    return compareValues(x.id, y.id);
  });
}

const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);

/** A collection of the port, seen the same way for each of the three list methods. */
interface PagedCollection<T extends { id: string }> {
  method: string;
  model: EntityModel;
  /** Creates the collection (its parent, its items, look-alikes outside its scope); answers the items in scope. */
  seed(store: TenantStore): Promise<T[]>;
  list(store: TenantStore, query: ListQuery): Promise<Page<T> | undefined>;
  count(store: TenantStore, filter: FilterNode | undefined): Promise<number | undefined>;
  /** The value the store orders and filters by: enums by their underlying number, absent as null. */
  sortValue(item: T, property: string): Scalar;
  /** $orderby texts to order and walk by. */
  orderings: string[];
  /** $filter texts, each with the predicate it means (OData's two-valued logic: null ne 'a' holds). */
  filters: Array<{ filter: string; matches: (item: T) => boolean }>;
}

const enumValue = (type: EnumType, name: unknown): number | null =>
  typeof name === "string" && Object.hasOwn(type.members, name) ? (type.members[name] as number) : null;

const userStatusesOfApp1: PagedCollection<UserAppInstallStatusRecord> = {
  method: "listUserStatuses",
  model: userAppInstallStatusModel,
  async seed(store) {
    await store.createMobileApp(mobileApp("app-1"));
    await store.createMobileApp(mobileApp("app-2"));
    const records = Array.from({ length: 40 }, (_, i) =>
      userStatus(`s${pad(i)}`, {
        userName: [null, "b", "a", "c", "ab"][i % 5] ?? null,
        userPrincipalName: i % 6 === 0 ? null : `${i % 2 === 0 ? "ad" : "us"}${pad(i)}@contoso.example`,
        installedDeviceCount: ((i * 7) % 11) - 5,
        failedDeviceCount: i % 4,
        notInstalledDeviceCount: i === 3 ? 2147483647 : i === 4 ? -2147483648 : i % 3,
      }),
    );
    for (const record of scrambled(records)) await store.createUserStatus("app-1", record);
    // Look-alikes in another app, with ids that sort among app-1's: no page or count of app-1 may show them.
    for (const record of records.slice(0, 8)) await store.createUserStatus("app-2", { ...record, id: `${record.id}z` });
    return records;
  },
  list: (store, query) => store.listUserStatuses("app-1", query),
  count: (store, filter) => store.countUserStatuses("app-1", filter),
  sortValue: (status, property) => status[property as keyof UserAppInstallStatusRecord],
  orderings: [
    "userName",
    "userName desc",
    "userPrincipalName desc",
    "failedDeviceCount desc,userName",
    "userName,failedDeviceCount desc,installedDeviceCount",
    "failedDeviceCount,userName desc",
    "notInstalledDeviceCount",
    "id desc",
  ],
  filters: [
    {
      filter: "failedDeviceCount gt 2 and userName ne null",
      matches: (s) => s.failedDeviceCount > 2 && s.userName !== null,
    },
    { filter: "startswith(userPrincipalName,'ad')", matches: (s) => s.userPrincipalName?.startsWith("ad") === true },
    {
      filter: "endswith(userPrincipalName,'5@contoso.example')",
      matches: (s) => s.userPrincipalName?.endsWith("5@contoso.example") === true,
    },
    { filter: "contains(userName,'b')", matches: (s) => s.userName?.includes("b") === true },
    { filter: "userName in ('a','b')", matches: (s) => s.userName === "a" || s.userName === "b" },
    { filter: "userName in ('a',null)", matches: (s) => s.userName === "a" || s.userName === null },
    { filter: "userName eq null", matches: (s) => s.userName === null },
    { filter: "userName ne 'a'", matches: (s) => s.userName !== "a" },
    { filter: "not (userName eq 'a')", matches: (s) => s.userName !== "a" },
    { filter: "startswith(userName,'a') eq false", matches: (s) => s.userName?.startsWith("a") !== true },
    { filter: "-3 ge installedDeviceCount", matches: (s) => s.installedDeviceCount <= -3 },
    {
      filter: "notInstalledDeviceCount eq 2147483647 or notInstalledDeviceCount lt 0",
      matches: (s) => s.notInstalledDeviceCount === 2147483647 || s.notInstalledDeviceCount < 0,
    },
    {
      filter: "(failedDeviceCount eq 0 or failedDeviceCount eq 3) and not startswith(userPrincipalName,'us')",
      matches: (s) =>
        (s.failedDeviceCount === 0 || s.failedDeviceCount === 3) && s.userPrincipalName?.startsWith("us") !== true,
    },
  ],
};

const APP_TYPES = ["#microsoft.graph.iosStoreApp", "#microsoft.graph.webApp", "#microsoft.graph.androidStoreApp"];

const mobileApps: PagedCollection<MobileAppRecord> = {
  method: "listMobileApps",
  model: mobileAppModel,
  async seed(store) {
    const apps = Array.from({ length: 12 }, (_, i) =>
      mobileApp(`a${pad(i)}`, {
        "@odata.type": APP_TYPES[i % 3] as MobileAppRecord["@odata.type"],
        createdDateTime: `2024-05-0${1 + (i % 4)}T10:00:00.000Z`,
        lastModifiedDateTime: `2024-06-0${1 + (i % 3)}T08:15:00.000Z`,
        properties: {
          appUrl: "https://contoso.example",
          // Absent for some, JSON null for others: both are NULL to $filter and $orderby.
          ...(i % 4 === 0 ? {} : { displayName: i % 4 === 1 ? null : ["beta", "alpha", "gamma"][i % 3] }),
          ...(i % 3 === 2 ? {} : { isFeatured: i % 2 === 0 }),
          ...(i % 5 === 0 ? {} : { publishingState: ["published", "notPublished", "processing"][i % 3] }),
          minimumSupportedOperatingSystem: { v15_0: i % 2 === 0 },
        },
      }),
    );
    for (const app of scrambled(apps)) await store.createMobileApp(app);
    return apps;
  },
  list: (store, query) => store.listMobileApps(query),
  count: (store, filter) => store.countMobileApps(filter),
  sortValue(app, property) {
    if (property === "id" || property === "createdDateTime" || property === "lastModifiedDateTime") {
      return app[property];
    }
    const value = app.properties[property] ?? null;
    return property === "publishingState" ? enumValue(mobileAppPublishingState, value) : (value as Scalar);
  },
  orderings: [
    "displayName",
    "displayName desc",
    "isFeatured desc,displayName",
    "publishingState,createdDateTime desc",
    "createdDateTime",
    "lastModifiedDateTime desc,isFeatured",
    "id desc",
  ],
  filters: [
    { filter: "isFeatured eq true", matches: (a) => a.properties.isFeatured === true },
    { filter: "isFeatured", matches: (a) => a.properties.isFeatured === true },
    { filter: "isFeatured eq false", matches: (a) => a.properties.isFeatured === false },
    { filter: "isFeatured ne true", matches: (a) => a.properties.isFeatured !== true },
    { filter: "not isFeatured", matches: (a) => a.properties.isFeatured !== true },
    { filter: "displayName eq 'alpha'", matches: (a) => a.properties.displayName === "alpha" },
    { filter: "displayName eq null", matches: (a) => (a.properties.displayName ?? null) === null },
    { filter: "startswith(displayName,'g')", matches: (a) => a.properties.displayName === "gamma" },
    {
      filter: "displayName in ('alpha','gamma')",
      matches: (a) => ["alpha", "gamma"].includes(a.properties.displayName as string),
    },
    { filter: "publishingState eq 'published'", matches: (a) => a.properties.publishingState === "published" },
    {
      filter: "publishingState eq microsoft.graph.mobileAppPublishingState'processing'",
      matches: (a) => a.properties.publishingState === "processing",
    },
    { filter: "publishingState ne 'published'", matches: (a) => a.properties.publishingState !== "published" },
    {
      filter: "publishingState lt 'published'",
      matches: (a) => ["notPublished", "processing"].includes(a.properties.publishingState as string),
    },
    { filter: "createdDateTime ge 2024-05-03T00:00:00Z", matches: (a) => a.createdDateTime >= "2024-05-03" },
    {
      filter: "createdDateTime lt 2024-05-02T12:00:00+02:00",
      matches: (a) => a.createdDateTime < "2024-05-02T10:00:00.000Z",
    },
    {
      filter: "isFeatured eq true and publishingState eq 'published'",
      matches: (a) => a.properties.isFeatured === true && a.properties.publishingState === "published",
    },
  ],
};

type AppState = MobileAppInstallStatusRecord["installState"];
type AppStateDetail = MobileAppInstallStatusRecord["installStateDetail"];
const APP_STATES = Object.keys(resultantAppState.members) as AppState[];
const APP_STATE_DETAILS = Object.keys(resultantAppStateDetail.members) as AppStateDetail[];
const state = (name: AppState) => resultantAppState.members[name] as number;
const stateDetail = (name: AppStateDetail) => resultantAppStateDetail.members[name] as number;

const deviceStatusesOfS1: PagedCollection<MobileAppInstallStatusRecord> = {
  method: "listDeviceStatuses",
  model: mobileAppInstallStatusModel,
  async seed(store) {
    await store.createMobileApp(mobileApp("app-1"));
    await store.createMobileApp(mobileApp("app-2"));
    await store.createUserStatus("app-1", userStatus("s1"));
    await store.createUserStatus("app-1", userStatus("s2"));
    await store.createUserStatus("app-2", userStatus("s1"));
    const details: AppStateDetail[] = [
      "noAdditionalDetails",
      "seeInstallErrorCode",
      "pendingReboot",
      "minimumOsVersionNotMet",
    ];
    const records = Array.from({ length: 24 }, (_, i) =>
      deviceStatus(`d${pad(i)}`, {
        deviceName: i % 5 === 0 ? null : `device${pad(i % 7)}`,
        // i and i + 12 share a time: ties for the id to break.
        lastSyncDateTime: `2024-05-01T${pad(8 + (i % 6))}:${pad((i % 4) * 15)}:00.000Z`,
        installState: APP_STATES[i % APP_STATES.length] as AppState,
        mobileAppInstallStatusValue: APP_STATES[(i + 3) % APP_STATES.length] as AppState,
        installStateDetail: details[i % details.length] as AppStateDetail,
        errorCode: i % 3 === 0 ? 0 : -2016330712 + i,
        osVersion: i % 2 === 0 ? null : `10.0.${22000 + (i % 3)}`,
      }),
    );
    for (const record of scrambled(records)) await store.createDeviceStatus("app-1", "s1", record);
    // Look-alikes under another user status of the app, and under the same user status id of another app.
    for (const record of records.slice(0, 6)) {
      await store.createDeviceStatus("app-1", "s2", { ...record, id: `${record.id}y` });
      await store.createDeviceStatus("app-2", "s1", { ...record, id: `${record.id}z` });
    }
    return records;
  },
  list: (store, query) => store.listDeviceStatuses("app-1", "s1", query),
  count: (store, filter) => store.countDeviceStatuses("app-1", "s1", filter),
  sortValue(device, property) {
    if (property === "installState" || property === "mobileAppInstallStatusValue") {
      return enumValue(resultantAppState, device[property]);
    }
    if (property === "installStateDetail") return enumValue(resultantAppStateDetail, device[property]);
    return device[property as keyof MobileAppInstallStatusRecord];
  },
  orderings: [
    "installState",
    "installState desc,lastSyncDateTime",
    "lastSyncDateTime desc",
    "deviceName,errorCode desc",
    "installStateDetail,mobileAppInstallStatusValue desc",
    "osVersion desc,deviceName",
  ],
  filters: [
    { filter: "installState eq 'failed'", matches: (d) => d.installState === "failed" },
    {
      filter: "installState eq microsoft.graph.resultantAppState'installed'",
      matches: (d) => d.installState === "installed",
    },
    { filter: "installState ne 'installed'", matches: (d) => d.installState !== "installed" },
    { filter: "installState in ('failed','unknown')", matches: (d) => ["failed", "unknown"].includes(d.installState) },
    { filter: "installState lt 'installed'", matches: (d) => state(d.installState) < state("installed") },
    { filter: "installState ge 'uninstallFailed'", matches: (d) => state(d.installState) >= state("uninstallFailed") },
    { filter: "installStateDetail lt 'noAdditionalDetails'", matches: (d) => stateDetail(d.installStateDetail) < 0 },
    {
      filter: "installStateDetail eq 'seeInstallErrorCode' and errorCode ne 0",
      matches: (d) => d.installStateDetail === "seeInstallErrorCode" && d.errorCode !== 0,
    },
    {
      filter: "lastSyncDateTime ge 2024-05-01T11:00:00Z",
      matches: (d) => d.lastSyncDateTime >= "2024-05-01T11:00:00.000Z",
    },
    {
      filter: "lastSyncDateTime lt 2024-05-01T12:00:00+02:00",
      matches: (d) => d.lastSyncDateTime < "2024-05-01T10:00:00.000Z",
    },
    {
      filter: "lastSyncDateTime eq 2024-05-01T09:15:00Z",
      matches: (d) => d.lastSyncDateTime === "2024-05-01T09:15:00.000Z",
    },
    { filter: "errorCode ne 0 and deviceName ne null", matches: (d) => d.errorCode !== 0 && d.deviceName !== null },
    {
      filter: "startswith(deviceName,'device0') and not (osVersion eq null)",
      matches: (d) => d.deviceName?.startsWith("device0") === true && d.osVersion !== null,
    },
  ],
};

/** The paged-port tests every collection shares: limit and cursor, skip, ordering, walks, filters and counts. */
function describeListQuery<T extends { id: string }>(collection: PagedCollection<T>, storeOf: () => TenantStore): void {
  const { model, sortValue } = collection;

  describe(`${collection.method} with a ListQuery`, () => {
    let store: TenantStore;
    /** The collection's items, in id order. */
    let items: T[];
    beforeEach(async () => {
      store = storeOf();
      items = inPortOrder(await collection.seed(store), [], sortValue);
    });

    async function page(options: QueryOptions): Promise<Page<T>> {
      const answer = await collection.list(store, listQuery(model, options));
      if (!answer) throw new Error(`${collection.method} answered undefined for a collection that exists`);
      return answer;
    }

    /** Every page from the first, each after the previous one's nextCursor. */
    async function walk(options: QueryOptions & { limit: number }): Promise<{ seen: T[]; pages: number }> {
      const seen: T[] = [];
      let after: unknown[] | undefined;
      for (let pages = 1; pages <= 1000; pages++) {
        const current = await page({ ...options, after });
        seen.push(...current.items);
        if (!current.nextCursor) return { seen, pages };
        expect(current.items).toHaveLength(options.limit);
        after = current.nextCursor;
      }
      throw new Error("the walk does not end");
    }

    it("answers at most limit items, with a nextCursor only while more items follow", async () => {
      const n = items.length;
      const first = await page({ limit: 5 });
      expect(ids(first.items)).toEqual(ids(items.slice(0, 5)));
      expect(first.nextCursor).toBeDefined();
      expect((await page({ limit: n - 1 })).nextCursor).toBeDefined();
      const exact = await page({ limit: n });
      expect(exact.items).toEqual(items);
      expect(exact.nextCursor).toBeUndefined();
      expect((await page({ limit: n + 1 })).nextCursor).toBeUndefined();
    });

    it("continues after a nextCursor exactly where the previous page stopped", async () => {
      const n = items.length;
      const first = await page({ limit: 3 });
      const second = await page({ limit: 3, after: first.nextCursor });
      expect(ids([...first.items, ...second.items])).toEqual(ids(items.slice(0, 6)));

      const allButOne = await page({ limit: n - 1 });
      const rest = await page({ limit: 5, after: allButOne.nextCursor });
      expect(ids(rest.items)).toEqual(ids(items.slice(n - 1)));
      expect(rest.nextCursor).toBeUndefined();
    });

    it("skips the first skip items, and a skipped page continues by its cursor", async () => {
      const n = items.length;
      const skipped = await page({ skip: 2, limit: 3 });
      expect(ids(skipped.items)).toEqual(ids(items.slice(2, 5)));
      const next = await page({ limit: 3, after: skipped.nextCursor });
      expect(ids(next.items)).toEqual(ids(items.slice(5, 8)));

      const last = await page({ skip: n - 1, limit: 3 });
      expect(ids(last.items)).toEqual(ids(items.slice(n - 1)));
      expect(last.nextCursor).toBeUndefined();
      const beyond = await page({ skip: n, limit: 3 });
      expect(beyond.items).toEqual([]);
      expect(beyond.nextCursor).toBeUndefined();
    });

    it.each(collection.orderings)(
      "orders by '%s', NULL as the smallest value (first ascending, last descending), ties by id",
      async (orderBy) => {
        const expected = inPortOrder(items, parseOrderBy(orderBy, model), sortValue);
        expect(ids((await page({ orderBy })).items)).toEqual(ids(expected));
      },
    );

    const walks = collection.orderings.flatMap((orderBy) => [1, 4, 7].map((limit) => ({ orderBy, limit })));
    it.each(walks)("walks pages of $limit ordered by $orderBy: the full ordered list, each item once", async (w) => {
      const { seen, pages } = await walk(w);
      expect(ids(seen)).toEqual(ids(inPortOrder(items, parseOrderBy(w.orderBy, model), sortValue)));
      expect(pages).toBe(Math.ceil(items.length / w.limit));
    });

    it.each(collection.filters)("executes the filter $filter, and counts the items it matches", async (c) => {
      const expected = items.filter(c.matches);
      // The case discriminates: it keeps some items and drops others.
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(items.length);
      expect(ids((await page({ filter: c.filter })).items)).toEqual(ids(expected));
      expect(await collection.count(store, parseFilter(c.filter, model))).toBe(expected.length);
    });

    it("walks a filtered, ordered collection page by page", async () => {
      const [first] = collection.filters;
      const orderBy = collection.orderings.at(-1) ?? "";
      if (!first) throw new Error("the collection has no filter cases");
      const { seen } = await walk({ filter: first.filter, orderBy, limit: 2 });
      expect(ids(seen)).toEqual(ids(inPortOrder(items.filter(first.matches), parseOrderBy(orderBy, model), sortValue)));
    });

    it("counts every item of the collection without a filter", async () => {
      expect(await collection.count(store, undefined)).toBe(items.length);
    });
  });
}

export function describeStoreContract(name: string, createStore: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let opened: Store;
    /** The tenant most tests work in; `describeTenantContract` checks that the others never see it. */
    let store: TenantStore;
    beforeEach(async () => {
      opened = await createStore();
      store = opened.forTenant(TENANT_A);
    });
    afterEach(async () => {
      await opened.close();
    });

    describe("ping", () => {
      it("resolves when the store answers", async () => {
        await expect(opened.ping()).resolves.toBeUndefined();
      });
    });

    describe("client registrations", () => {
      const TENANT_A = "11111111-1111-4111-8111-111111111111";
      const TENANT_B = "22222222-2222-4222-8222-222222222222";
      const registration = (
        tenantId: string,
        clientId: string,
        overrides: Partial<ClientRegistrationRecord> = {},
      ): ClientRegistrationRecord => ({
        tenantId,
        clientId,
        displayName: `App ${clientId}`,
        roles: ["DeviceManagementApps.ReadWrite.All", "DeviceManagementConfiguration.Read.All"],
        secretHash: "n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg",
        certificate: null,
        createdDateTime: CREATED,
        ...overrides,
      });

      it("reads a registration back as it was created, certificate and roles included", async () => {
        const created = registration(TENANT_A, "client-1", {
          certificate: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
          roles: [],
        });
        await opened.createClientRegistration(created);
        expect(await opened.getClientRegistration(TENANT_A, "client-1")).toEqual(created);
        expect(await opened.getClientRegistration(TENANT_B, "client-1")).toBeUndefined();
      });

      it("refuses a second registration with the same client id in a tenant, and keeps the first", async () => {
        await opened.createClientRegistration(registration(TENANT_A, "client-1"));
        await expect(
          opened.createClientRegistration(registration(TENANT_A, "client-1", { displayName: "other" })),
        ).rejects.toThrow();
        expect((await opened.getClientRegistration(TENANT_A, "client-1"))?.displayName).toBe("App client-1");
      });

      it("lists every registration by tenant and creation, or one tenant's", async () => {
        await opened.createClientRegistration(registration(TENANT_B, "client-3"));
        await opened.createClientRegistration(registration(TENANT_A, "client-2", { createdDateTime: MODIFIED }));
        await opened.createClientRegistration(registration(TENANT_A, "client-1"));
        const ids = (list: ClientRegistrationRecord[]) => list.map((r) => `${r.tenantId}/${r.clientId}`);
        expect(ids(await opened.listClientRegistrations())).toEqual([
          `${TENANT_A}/client-1`,
          `${TENANT_A}/client-2`,
          `${TENANT_B}/client-3`,
        ]);
        expect(ids(await opened.listClientRegistrations(TENANT_B))).toEqual([`${TENANT_B}/client-3`]);
        expect(await opened.listClientRegistrations("33333333-3333-4333-8333-333333333333")).toEqual([]);
      });

      it("deletes a registration of its tenant only", async () => {
        await opened.createClientRegistration(registration(TENANT_A, "client-1"));
        expect(await opened.deleteClientRegistration(TENANT_B, "client-1")).toBe(false);
        expect(await opened.deleteClientRegistration(TENANT_A, "client-1")).toBe(true);
        expect(await opened.deleteClientRegistration(TENANT_A, "client-1")).toBe(false);
        expect(await opened.listClientRegistrations()).toEqual([]);
      });
    });

    describe("createMobileApp and getMobileApp", () => {
      it("read back the app as it was created, its properties' JSON included", async () => {
        const app = mobileApp("app-1", {
          "@odata.type": "#microsoft.graph.iosStoreApp",
          lastModifiedDateTime: MODIFIED,
          properties: {
            displayName: "Contoso ✓ Ünïcødé 用户",
            description: null,
            isFeatured: false,
            publishingState: "published",
            bundleId: "com.contoso.app",
            applicableDeviceType: { iPad: true, iPhoneAndIPod: false },
            minimumSupportedOperatingSystem: { v15_0: true },
            notes: "",
            size: 2147483647,
            ratio: 0.25,
            tags: ["a", "b", { nested: [1, null] }],
          },
        });
        await store.createMobileApp(app);
        expect(await store.getMobileApp("app-1")).toEqual(app);
      });

      it("keeps a null property as a value, not as a missing key", async () => {
        await store.createMobileApp(mobileApp("app-1", { properties: { description: null } }));
        const stored = await store.getMobileApp("app-1");
        expect(stored?.properties).toHaveProperty("description", null);
      });

      it("answer undefined for an id that was never created", async () => {
        expect(await store.getMobileApp("missing")).toBeUndefined();
      });
    });

    describe("listMobileApps", () => {
      it("lists nothing in an empty store", async () => {
        expect(await allMobileApps(store)).toEqual([]);
      });

      it("lists every app, ordered by id", async () => {
        for (const id of ["c", "a", "d", "b"]) await store.createMobileApp(mobileApp(id));
        expect(await allMobileApps(store)).toEqual(["a", "b", "c", "d"].map((id) => mobileApp(id)));
      });
    });

    describe("updateMobileApp", () => {
      it("merges the properties into the stored ones and returns the updated app, as getMobileApp then reads it", async () => {
        await store.createMobileApp(
          mobileApp("app-1", { properties: { displayName: "Old", appUrl: "https://old.example", notes: "kept" } }),
        );
        const updated = await store.updateMobileApp(
          "app-1",
          { displayName: "New", description: "added", appUrl: null },
          MODIFIED,
        );
        const expected = mobileApp("app-1", {
          lastModifiedDateTime: MODIFIED,
          properties: { displayName: "New", appUrl: null, notes: "kept", description: "added" },
        });
        expect(updated).toEqual(expected);
        expect(await store.getMobileApp("app-1")).toEqual(expected);
      });

      it("keeps the id, the type and createdDateTime", async () => {
        await store.createMobileApp(mobileApp("app-1", { "@odata.type": "#microsoft.graph.androidStoreApp" }));
        const updated = await store.updateMobileApp("app-1", { displayName: "Renamed" }, MODIFIED);
        expect(updated).toMatchObject({
          id: "app-1",
          "@odata.type": "#microsoft.graph.androidStoreApp",
          createdDateTime: CREATED,
          lastModifiedDateTime: MODIFIED,
        });
      });

      it("answers undefined for an unknown app and creates nothing", async () => {
        expect(await store.updateMobileApp("missing", { displayName: "Ghost" }, MODIFIED)).toBeUndefined();
        expect(await allMobileApps(store)).toEqual([]);
      });

      it("loses none of several concurrent merges of different properties", async () => {
        await store.createMobileApp(mobileApp("app-1", { properties: {} }));
        const keys = Array.from({ length: 20 }, (_, n) => `property${String(n).padStart(2, "0")}`);
        await Promise.all(keys.map((key, n) => store.updateMobileApp("app-1", { [key]: n }, MODIFIED)));
        expect((await store.getMobileApp("app-1"))?.properties).toEqual(Object.fromEntries(keys.map((k, n) => [k, n])));
      });
    });

    describe("deleteMobileApp", () => {
      it("answers true and removes the app, leaving the others", async () => {
        await store.createMobileApp(mobileApp("app-1"));
        await store.createMobileApp(mobileApp("app-2"));
        expect(await store.deleteMobileApp("app-1")).toBe(true);
        expect(await store.getMobileApp("app-1")).toBeUndefined();
        expect(await allMobileApps(store)).toEqual([mobileApp("app-2")]);
      });

      it("answers false for an app that does not exist", async () => {
        expect(await store.deleteMobileApp("missing")).toBe(false);
      });

      it("deletes the app's user statuses with it, and only those", async () => {
        await store.createMobileApp(mobileApp("app-1"));
        await store.createMobileApp(mobileApp("app-2"));
        await store.createUserStatus("app-1", userStatus("s1"));
        await store.createUserStatus("app-1", userStatus("s2"));
        await store.createUserStatus("app-2", userStatus("s1"));

        expect(await store.deleteMobileApp("app-1")).toBe(true);
        expect(await store.getUserStatus("app-1", "s1")).toBeUndefined();
        expect(await allUserStatuses(store, "app-1")).toBeUndefined();
        expect(await allUserStatuses(store, "app-2")).toEqual([userStatus("s1")]);

        // Gone, not hidden: an app created again with the same id starts empty.
        await store.createMobileApp(mobileApp("app-1"));
        expect(await allUserStatuses(store, "app-1")).toEqual([]);
        expect(await store.createUserStatus("app-1", userStatus("s1"))).toBe("created");
      });
    });

    describe("createUserStatus", () => {
      beforeEach(async () => {
        await store.createMobileApp(mobileApp("app-1"));
      });

      it("answers created, and getUserStatus reads back the record exactly", async () => {
        const status = userStatus("s1");
        expect(await store.createUserStatus("app-1", status)).toBe("created");
        expect(await store.getUserStatus("app-1", "s1")).toEqual(status);
      });

      it("round-trips null names, Int32 limits, 1024-character and non-ASCII strings and a 128-character id", async () => {
        const records = [
          userStatus("s-null", { userName: null, userPrincipalName: null }),
          userStatus("s-limits", {
            installedDeviceCount: 2147483647,
            failedDeviceCount: -2147483648,
            notInstalledDeviceCount: 0,
          }),
          userStatus("s-text", { userName: "ü✓用户 '\"; --".padEnd(1024, "x"), userPrincipalName: "" }),
          userStatus("k".repeat(128)),
        ];
        for (const record of records) expect(await store.createUserStatus("app-1", record)).toBe("created");
        for (const record of records) expect(await store.getUserStatus("app-1", record.id)).toEqual(record);
      });

      it("answers appNotFound for an unknown app and stores nothing", async () => {
        expect(await store.createUserStatus("missing", userStatus("s1"))).toBe("appNotFound");
        expect(await allUserStatuses(store, "missing")).toBeUndefined();
        expect(await store.getUserStatus("missing", "s1")).toBeUndefined();
      });

      it("answers duplicateId for an id the app already has, keeping the first record", async () => {
        await store.createUserStatus("app-1", userStatus("s1"));
        expect(await store.createUserStatus("app-1", userStatus("s1", { userName: "Second" }))).toBe("duplicateId");
        expect(await store.getUserStatus("app-1", "s1")).toEqual(userStatus("s1"));
      });

      it("scopes ids to their app: the same id in two apps is two records", async () => {
        await store.createMobileApp(mobileApp("app-2"));
        expect(await store.createUserStatus("app-1", userStatus("s1", { userName: "In app 1" }))).toBe("created");
        expect(await store.createUserStatus("app-2", userStatus("s1", { userName: "In app 2" }))).toBe("created");

        await store.updateUserStatus("app-2", "s1", { failedDeviceCount: 99 });
        expect(await store.getUserStatus("app-1", "s1")).toEqual(userStatus("s1", { userName: "In app 1" }));
        expect(await store.deleteUserStatus("app-2", "s1")).toBe(true);
        expect(await store.getUserStatus("app-1", "s1")).toEqual(userStatus("s1", { userName: "In app 1" }));
      });

      it("lands every one of 100 concurrent creates of distinct ids", async () => {
        const ids = Array.from({ length: 100 }, (_, n) => `s${String(n).padStart(3, "0")}`);
        const results = await Promise.all(ids.map((id) => store.createUserStatus("app-1", userStatus(id))));
        expect(results).toEqual(ids.map(() => "created"));
        expect(await allUserStatuses(store, "app-1")).toEqual(ids.map((id) => userStatus(id)));
      });

      it("answers created for exactly one of concurrent creates of the same id", async () => {
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, n) => store.createUserStatus("app-1", userStatus("s1", { userName: `${n}` }))),
        );
        expect(results.filter((result) => result === "created")).toHaveLength(1);
        expect(results.filter((result) => result === "duplicateId")).toHaveLength(9);
        const winner = results.indexOf("created");
        expect(await store.getUserStatus("app-1", "s1")).toEqual(userStatus("s1", { userName: `${winner}` }));
      });
    });

    describe("importUserStatuses", () => {
      it("loads a batch of 5,000 at once, and a duplicate id fails the whole batch", async () => {
        await store.createMobileApp(mobileApp("app-1"));
        const batch = Array.from({ length: 5000 }, (_, i) => userStatus(`s${String(i).padStart(4, "0")}`));
        await store.importUserStatuses("app-1", batch);
        expect(await store.countUserStatuses("app-1", undefined)).toBe(5000);
        expect(await store.getUserStatus("app-1", "s4999")).toEqual(userStatus("s4999"));
        await expect(store.importUserStatuses("app-1", [userStatus("new"), userStatus("s0000")])).rejects.toThrow();
        expect(await store.getUserStatus("app-1", "new")).toBeUndefined();
        expect(await store.countUserStatuses("app-1", undefined)).toBe(5000);
      });
    });

    describe("listUserStatuses", () => {
      it("answers undefined for an app that does not exist", async () => {
        expect(await allUserStatuses(store, "missing")).toBeUndefined();
      });

      it("answers an empty list for an app without statuses", async () => {
        await store.createMobileApp(mobileApp("app-1"));
        expect(await allUserStatuses(store, "app-1")).toEqual([]);
      });

      it("lists the app's statuses, and only those, ordered by id", async () => {
        await store.createMobileApp(mobileApp("app-1"));
        await store.createMobileApp(mobileApp("app-2"));
        for (const id of ["c", "a", "d", "b"]) await store.createUserStatus("app-1", userStatus(id));
        await store.createUserStatus("app-2", userStatus("e"));
        expect(await allUserStatuses(store, "app-1")).toEqual(["a", "b", "c", "d"].map((id) => userStatus(id)));
      });
    });

    describe("getUserStatus", () => {
      it("answers undefined for an unknown status, or an unknown app", async () => {
        await store.createMobileApp(mobileApp("app-1"));
        await store.createUserStatus("app-1", userStatus("s1"));
        expect(await store.getUserStatus("app-1", "missing")).toBeUndefined();
        expect(await store.getUserStatus("missing", "s1")).toBeUndefined();
      });
    });

    describe("updateUserStatus", () => {
      beforeEach(async () => {
        await store.createMobileApp(mobileApp("app-1"));
        await store.createUserStatus("app-1", userStatus("s1"));
      });

      it("changes only the given properties and returns the record, as getUserStatus then reads it", async () => {
        const updated = await store.updateUserStatus("app-1", "s1", { failedDeviceCount: 0, userName: null });
        const expected = userStatus("s1", { failedDeviceCount: 0, userName: null });
        expect(updated).toEqual(expected);
        expect(await store.getUserStatus("app-1", "s1")).toEqual(expected);
      });

      it("returns the record unchanged for no changes", async () => {
        expect(await store.updateUserStatus("app-1", "s1", {})).toEqual(userStatus("s1"));
        expect(await store.getUserStatus("app-1", "s1")).toEqual(userStatus("s1"));
      });

      it("answers undefined for an unknown status or app, and creates nothing", async () => {
        expect(await store.updateUserStatus("app-1", "missing", { failedDeviceCount: 2 })).toBeUndefined();
        expect(await store.updateUserStatus("missing", "s1", { failedDeviceCount: 2 })).toBeUndefined();
        expect(await allUserStatuses(store, "app-1")).toEqual([userStatus("s1")]);
      });

      it("loses none of several concurrent updates of different properties", async () => {
        await Promise.all([
          store.updateUserStatus("app-1", "s1", { userName: "A" }),
          store.updateUserStatus("app-1", "s1", { userPrincipalName: "b@contoso.example" }),
          store.updateUserStatus("app-1", "s1", { installedDeviceCount: 10 }),
          store.updateUserStatus("app-1", "s1", { failedDeviceCount: 20 }),
          store.updateUserStatus("app-1", "s1", { notInstalledDeviceCount: 30 }),
        ]);
        expect(await store.getUserStatus("app-1", "s1")).toEqual({
          id: "s1",
          userName: "A",
          userPrincipalName: "b@contoso.example",
          installedDeviceCount: 10,
          failedDeviceCount: 20,
          notInstalledDeviceCount: 30,
        });
      });
    });

    describe("deleteUserStatus", () => {
      beforeEach(async () => {
        await store.createMobileApp(mobileApp("app-1"));
        await store.createUserStatus("app-1", userStatus("s1"));
        await store.createUserStatus("app-1", userStatus("s2"));
      });

      it("answers true and removes the status, leaving the others", async () => {
        expect(await store.deleteUserStatus("app-1", "s1")).toBe(true);
        expect(await store.getUserStatus("app-1", "s1")).toBeUndefined();
        expect(await allUserStatuses(store, "app-1")).toEqual([userStatus("s2")]);
      });

      it("answers false when the status is absent: never created, already deleted, or in an unknown app", async () => {
        expect(await store.deleteUserStatus("app-1", "missing")).toBe(false);
        await store.deleteUserStatus("app-1", "s1");
        expect(await store.deleteUserStatus("app-1", "s1")).toBe(false);
        expect(await store.deleteUserStatus("missing", "s2")).toBe(false);
        expect(await allUserStatuses(store, "app-1")).toEqual([userStatus("s2")]);
      });

      it("frees the id: a new status with it can be created", async () => {
        await store.deleteUserStatus("app-1", "s1");
        expect(await store.createUserStatus("app-1", userStatus("s1", { userName: "Again" }))).toBe("created");
        expect(await store.getUserStatus("app-1", "s1")).toEqual(userStatus("s1", { userName: "Again" }));
      });
    });

    describeListQuery(userStatusesOfApp1, () => store);
    describeListQuery(mobileApps, () => store);
    describeListQuery(deviceStatusesOfS1, () => store);

    describe("listUserStatuses ordering", () => {
      beforeEach(async () => {
        await store.createMobileApp(mobileApp("app-1"));
        const rows: Array<[string, string | null, number]> = [
          ["s1", "b", 0],
          ["s2", null, 1],
          ["s3", "a", 0],
          ["s4", null, 0],
          ["s5", "b", 1],
        ];
        for (const [id, userName, failedDeviceCount] of rows) {
          await store.createUserStatus("app-1", userStatus(id, { userName, failedDeviceCount }));
        }
      });
      const order = async (orderBy: string) =>
        (await store.listUserStatuses("app-1", listQuery(userAppInstallStatusModel, { orderBy })))?.items.map(
          (status) => status.id,
        );
      /** The ids of a walk in pages of one, each page after the previous one's cursor. */
      async function walk(orderBy: string): Promise<string[]> {
        const seen: string[] = [];
        let after: unknown[] | undefined;
        for (let pages = 0; pages < 10; pages++) {
          const query = listQuery(userAppInstallStatusModel, { orderBy, after, limit: 1 });
          const page = await store.listUserStatuses("app-1", query);
          seen.push(...ids(page?.items ?? []));
          if (!page?.nextCursor) break;
          after = page.nextCursor;
        }
        return seen;
      }

      it("sorts NULL as the smallest value: first ascending, last descending, ties broken by id ascending", async () => {
        expect(await order("userName")).toEqual(["s2", "s4", "s3", "s1", "s5"]);
        expect(await order("userName desc")).toEqual(["s1", "s5", "s3", "s2", "s4"]);
      });

      it("orders by id from where id is a sort key: the keys after it cannot reorder unique ids", async () => {
        expect(await order("id desc,userName")).toEqual(["s5", "s4", "s3", "s2", "s1"]);
        expect(await order("userName desc,id desc,failedDeviceCount")).toEqual(["s5", "s1", "s3", "s4", "s2"]);
        expect(await walk("userName desc,id desc,failedDeviceCount")).toEqual(["s5", "s1", "s3", "s4", "s2"]);
      });

      it("continues after a cursor whose descending key is NULL, behind an equal ascending key", async () => {
        // Ordered: s1 (0, 'b'), s3 (0, 'a'), s4 (0, NULL), s5 (1, 'b'), s2 (1, NULL); pages of one end on each.
        expect(await walk("failedDeviceCount,userName desc")).toEqual(["s1", "s3", "s4", "s5", "s2"]);
      });
    });

    describe("counts", () => {
      it("countMobileApps counts 0 in an empty store", async () => {
        expect(await store.countMobileApps(undefined)).toBe(0);
      });

      it("countUserStatuses answers undefined for an unknown app, 0 for an app without statuses", async () => {
        await store.createMobileApp(mobileApp("app-1"));
        expect(await store.countUserStatuses("missing", undefined)).toBeUndefined();
        const filter = parseFilter("failedDeviceCount gt 0", userAppInstallStatusModel);
        expect(await store.countUserStatuses("missing", filter)).toBeUndefined();
        expect(await store.countUserStatuses("app-1", undefined)).toBe(0);
      });

      it("listDeviceStatuses and countDeviceStatuses answer undefined for an unknown user status or app", async () => {
        await store.createMobileApp(mobileApp("app-1"));
        await store.createMobileApp(mobileApp("app-2"));
        await store.createUserStatus("app-1", userStatus("s1"));
        const everything = listQuery(mobileAppInstallStatusModel);
        for (const [appId, userStatusId] of [
          ["app-1", "missing"],
          ["missing", "s1"],
          ["app-2", "s1"],
        ] as const) {
          expect(await store.listDeviceStatuses(appId, userStatusId, everything)).toBeUndefined();
          expect(await store.countDeviceStatuses(appId, userStatusId, undefined)).toBeUndefined();
        }
        expect(await store.listDeviceStatuses("app-1", "s1", everything)).toEqual({ items: [] });
        expect(await store.countDeviceStatuses("app-1", "s1", undefined)).toBe(0);
      });
    });

    describe("a walk while statuses are created and deleted", () => {
      it("sees every status that exists throughout exactly once, in order, and none deleted before its page", async () => {
        await store.createMobileApp(mobileApp("app-1"));
        const initial = Array.from({ length: 60 }, (_, i) =>
          userStatus(`s${pad(i, 3)}`, { failedDeviceCount: i % 4, userName: [null, "a", "b"][i % 3] ?? null }),
        );
        for (const record of initial) await store.createUserStatus("app-1", record);
        // A third of them are deleted during the walk, spread over the order; the rest exist throughout.
        const doomed = scrambled(initial.filter((_, i) => i % 3 === 1).map((record) => record.id));
        const steady = initial.filter((record) => !doomed.includes(record.id));
        const query = listQuery(userAppInstallStatusModel, { orderBy: "failedDeviceCount,userName desc", limit: 5 });

        const seen: string[] = [];
        const deleted = new Set<string>();
        let after: unknown[] | undefined;
        for (let step = 0; ; step++) {
          if (step > 1000) throw new Error("the walk does not end");
          const deletedBefore = new Set(deleted);
          const victims = doomed.splice(0, 2);
          // Newcomers sort among the others: sNNNn follows sNNN.
          const newcomers = [0, 1].map((k) =>
            userStatus(`s${pad((step * 11 + k * 29) % 60, 3)}n${step}`, { failedDeviceCount: (step + k) % 4 }),
          );
          const pagePromise = store.listUserStatuses("app-1", { ...query, after });
          const writes = await Promise.all([
            ...newcomers.map((record) => store.createUserStatus("app-1", record)),
            ...victims.map((id) => store.deleteUserStatus("app-1", id)),
          ]);
          expect(writes).toEqual([...newcomers.map(() => "created"), ...victims.map(() => true)]);
          for (const id of victims) deleted.add(id);
          const page = await pagePromise;
          if (!page) throw new Error("the app vanished");
          for (const id of ids(page.items))
            expect(deletedBefore.has(id), `${id} was deleted before its page`).toBe(false);
          seen.push(...ids(page.items));
          if (!page.nextCursor) break;
          after = page.nextCursor;
        }

        expect(seen.length).toBe(new Set(seen).size);
        const steadyIds = new Set(ids(steady));
        expect(seen.filter((id) => steadyIds.has(id))).toEqual(
          ids(inPortOrder(steady, query.orderBy, userStatusesOfApp1.sortValue)),
        );
      });
    });

    describe("createDeviceStatus and getDeviceStatus", () => {
      beforeEach(async () => {
        await store.createMobileApp(mobileApp("app-1"));
        await store.createUserStatus("app-1", userStatus("s1"));
      });

      it("answers created, and getDeviceStatus reads back the record exactly", async () => {
        const device = deviceStatus("d1", { installState: "failed", installStateDetail: "seeInstallErrorCode" });
        expect(await store.createDeviceStatus("app-1", "s1", device)).toBe("created");
        expect(await store.getDeviceStatus("app-1", "s1", "d1")).toEqual(device);
      });

      it("round-trips null strings, Int32 limits, non-ASCII text and dates from year 1 to 9999", async () => {
        const records = [
          deviceStatus("d-null", {
            deviceName: null,
            deviceId: null,
            osVersion: null,
            osDescription: null,
            userName: null,
            userPrincipalName: null,
            displayVersion: null,
          }),
          deviceStatus("d-min", { errorCode: -2147483648, lastSyncDateTime: "0001-01-01T00:00:00.000Z" }),
          deviceStatus("d-max", { errorCode: 2147483647, lastSyncDateTime: "9999-12-31T23:59:59.999Z" }),
          deviceStatus("d-leap", { lastSyncDateTime: "2024-02-29T12:34:56.789Z", deviceName: "ü✓用户 '\"; --" }),
        ];
        for (const record of records) expect(await store.createDeviceStatus("app-1", "s1", record)).toBe("created");
        for (const record of records) expect(await store.getDeviceStatus("app-1", "s1", record.id)).toEqual(record);
      });

      it("round-trips every member of resultantAppState, in installState and mobileAppInstallStatusValue", async () => {
        const records = APP_STATES.map((name, i) =>
          deviceStatus(`d${pad(i)}`, {
            installState: name,
            mobileAppInstallStatusValue: APP_STATES[APP_STATES.length - 1 - i] as AppState,
          }),
        );
        for (const record of records) await store.createDeviceStatus("app-1", "s1", record);
        const read = await Promise.all(records.map((record) => store.getDeviceStatus("app-1", "s1", record.id)));
        expect(read).toEqual(records);
      });

      it("round-trips every member of resultantAppStateDetail, negative values included", async () => {
        const records = APP_STATE_DETAILS.map((name, i) => deviceStatus(`d${pad(i)}`, { installStateDetail: name }));
        for (const record of records) await store.createDeviceStatus("app-1", "s1", record);
        const read = await Promise.all(records.map((record) => store.getDeviceStatus("app-1", "s1", record.id)));
        expect(read).toEqual(records);
      });

      it("answers parentNotFound for an unknown user status or app, and stores nothing", async () => {
        expect(await store.createDeviceStatus("app-1", "missing", deviceStatus("d1"))).toBe("parentNotFound");
        expect(await store.createDeviceStatus("missing", "s1", deviceStatus("d1"))).toBe("parentNotFound");
        expect(await store.getDeviceStatus("app-1", "missing", "d1")).toBeUndefined();
        expect(await store.getDeviceStatus("missing", "s1", "d1")).toBeUndefined();
        expect(await store.countDeviceStatuses("app-1", "s1", undefined)).toBe(0);
      });

      it("answers duplicateId for an id the user status already has, keeping the first record", async () => {
        await store.createDeviceStatus("app-1", "s1", deviceStatus("d1"));
        const second = deviceStatus("d1", { deviceName: "Second" });
        expect(await store.createDeviceStatus("app-1", "s1", second)).toBe("duplicateId");
        expect(await store.getDeviceStatus("app-1", "s1", "d1")).toEqual(deviceStatus("d1"));
      });

      it("scopes ids to their user status: the same id under two user statuses, or two apps, is three records", async () => {
        await store.createMobileApp(mobileApp("app-2"));
        await store.createUserStatus("app-1", userStatus("s2"));
        await store.createUserStatus("app-2", userStatus("s1"));
        const keys = [
          ["app-1", "s1"],
          ["app-1", "s2"],
          ["app-2", "s1"],
        ] as const;
        for (const [appId, userStatusId] of keys) {
          const record = deviceStatus("d1", { deviceName: `${appId}/${userStatusId}` });
          expect(await store.createDeviceStatus(appId, userStatusId, record)).toBe("created");
        }
        await store.updateDeviceStatus("app-1", "s2", "d1", { errorCode: 7 });
        expect(await store.deleteDeviceStatus("app-2", "s1", "d1")).toBe(true);
        expect(await store.getDeviceStatus("app-1", "s1", "d1")).toEqual(
          deviceStatus("d1", { deviceName: "app-1/s1" }),
        );
        expect(await store.getDeviceStatus("app-1", "s2", "d1")).toEqual(
          deviceStatus("d1", { deviceName: "app-1/s2", errorCode: 7 }),
        );
      });
    });

    describe("updateDeviceStatus", () => {
      beforeEach(async () => {
        await store.createMobileApp(mobileApp("app-1"));
        await store.createUserStatus("app-1", userStatus("s1"));
        await store.createDeviceStatus("app-1", "s1", deviceStatus("d1"));
      });

      it("merges the given properties and returns the record, as getDeviceStatus then reads it", async () => {
        const changes = {
          installState: "failed",
          installStateDetail: "minimumOsVersionNotMet",
          lastSyncDateTime: "2024-06-30T23:59:59.001Z",
          deviceName: null,
          errorCode: -2016330712,
        } as const;
        const updated = await store.updateDeviceStatus("app-1", "s1", "d1", changes);
        expect(updated).toEqual(deviceStatus("d1", changes));
        expect(await store.getDeviceStatus("app-1", "s1", "d1")).toEqual(updated);
      });

      it("returns the record unchanged for no changes", async () => {
        expect(await store.updateDeviceStatus("app-1", "s1", "d1", {})).toEqual(deviceStatus("d1"));
      });

      it("answers undefined for an unknown device status, user status or app, and creates nothing", async () => {
        expect(await store.updateDeviceStatus("app-1", "s1", "missing", { errorCode: 1 })).toBeUndefined();
        expect(await store.updateDeviceStatus("app-1", "missing", "d1", { errorCode: 1 })).toBeUndefined();
        expect(await store.updateDeviceStatus("missing", "s1", "d1", { errorCode: 1 })).toBeUndefined();
        expect(await store.countDeviceStatuses("app-1", "s1", undefined)).toBe(1);
        expect(await store.getDeviceStatus("app-1", "s1", "d1")).toEqual(deviceStatus("d1"));
      });
    });

    describe("deleteDeviceStatus", () => {
      beforeEach(async () => {
        await store.createMobileApp(mobileApp("app-1"));
        await store.createUserStatus("app-1", userStatus("s1"));
        await store.createDeviceStatus("app-1", "s1", deviceStatus("d1"));
        await store.createDeviceStatus("app-1", "s1", deviceStatus("d2"));
      });

      it("answers true and removes the device status, leaving the others", async () => {
        expect(await store.deleteDeviceStatus("app-1", "s1", "d1")).toBe(true);
        expect(await store.getDeviceStatus("app-1", "s1", "d1")).toBeUndefined();
        const page = await store.listDeviceStatuses("app-1", "s1", listQuery(mobileAppInstallStatusModel));
        expect(page?.items).toEqual([deviceStatus("d2")]);
      });

      it("answers false when it is absent: never created, already deleted, or under an unknown parent", async () => {
        expect(await store.deleteDeviceStatus("app-1", "s1", "missing")).toBe(false);
        await store.deleteDeviceStatus("app-1", "s1", "d1");
        expect(await store.deleteDeviceStatus("app-1", "s1", "d1")).toBe(false);
        expect(await store.deleteDeviceStatus("app-1", "missing", "d2")).toBe(false);
        expect(await store.deleteDeviceStatus("missing", "s1", "d2")).toBe(false);
        expect(await store.countDeviceStatuses("app-1", "s1", undefined)).toBe(1);
      });
    });

    describe("device statuses are contained in their user status", () => {
      beforeEach(async () => {
        await store.createMobileApp(mobileApp("app-1"));
        await store.createMobileApp(mobileApp("app-2"));
        for (const [appId, userStatusId] of [
          ["app-1", "s1"],
          ["app-1", "s2"],
          ["app-2", "s1"],
        ] as const) {
          await store.createUserStatus(appId, userStatus(userStatusId));
          await store.createDeviceStatus(appId, userStatusId, deviceStatus("d1"));
          await store.createDeviceStatus(appId, userStatusId, deviceStatus("d2"));
        }
      });

      it("deletes a user status's device statuses with it, and only those", async () => {
        expect(await store.deleteUserStatus("app-1", "s1")).toBe(true);
        expect(await store.getDeviceStatus("app-1", "s1", "d1")).toBeUndefined();
        expect(await store.countDeviceStatuses("app-1", "s1", undefined)).toBeUndefined();
        expect(await store.countDeviceStatuses("app-1", "s2", undefined)).toBe(2);
        expect(await store.countDeviceStatuses("app-2", "s1", undefined)).toBe(2);

        // Gone, not hidden: the user status created again starts without device statuses.
        await store.createUserStatus("app-1", userStatus("s1"));
        expect(await store.countDeviceStatuses("app-1", "s1", undefined)).toBe(0);
        expect(await store.createDeviceStatus("app-1", "s1", deviceStatus("d1"))).toBe("created");
      });

      it("deletes an app's device statuses with its user statuses, and only those", async () => {
        expect(await store.deleteMobileApp("app-1")).toBe(true);
        expect(await store.getDeviceStatus("app-1", "s2", "d2")).toBeUndefined();
        expect(await store.countDeviceStatuses("app-2", "s1", undefined)).toBe(2);

        await store.createMobileApp(mobileApp("app-1"));
        await store.createUserStatus("app-1", userStatus("s1"));
        expect(await store.countDeviceStatuses("app-1", "s1", undefined)).toBe(0);
        expect(await store.deviceStatusesOf("app-1", ["s1", "s2"])).toEqual(
          new Map([
            ["s1", []],
            ["s2", []],
          ]),
        );
      });
    });

    describe("deviceStatusesOf", () => {
      beforeEach(async () => {
        await store.createMobileApp(mobileApp("app-1"));
        await store.createMobileApp(mobileApp("app-2"));
        for (const id of ["s1", "s2", "s3"]) await store.createUserStatus("app-1", userStatus(id));
        await store.createUserStatus("app-2", userStatus("s1"));
        for (const id of ["d3", "d1", "d2"]) await store.createDeviceStatus("app-1", "s1", deviceStatus(id));
        await store.createDeviceStatus("app-1", "s3", deviceStatus("d1", { deviceName: "of s3" }));
        await store.createDeviceStatus("app-2", "s1", deviceStatus("d9"));
      });

      const byId = (records: MobileAppInstallStatusRecord[] | undefined) =>
        [...(records ?? [])].sort((a, b) => compareValues(a.id, b.id));

      it("groups the device statuses of the given user statuses of one app by user status id", async () => {
        const grouped = await store.deviceStatusesOf("app-1", ["s1", "s2", "s3"]);
        expect([...grouped.keys()].sort()).toEqual(["s1", "s2", "s3"]);
        expect(byId(grouped.get("s1"))).toEqual(["d1", "d2", "d3"].map((id) => deviceStatus(id)));
        expect(grouped.get("s2")).toEqual([]);
        expect(grouped.get("s3")).toEqual([deviceStatus("d1", { deviceName: "of s3" })]);
      });

      it("answers only the ids asked for, an empty list for an unknown one, and nothing of other apps", async () => {
        const grouped = await store.deviceStatusesOf("app-1", ["s3", "unknown"]);
        expect([...grouped.keys()].sort()).toEqual(["s3", "unknown"]);
        expect(grouped.get("unknown")).toEqual([]);
        expect(await store.deviceStatusesOf("app-2", ["s1"])).toEqual(new Map([["s1", [deviceStatus("d9")]]]));
        expect(await store.deviceStatusesOf("app-1", [])).toEqual(new Map());
      });
    });

    describe("tenants", () => {
      let other: TenantStore;
      beforeEach(async () => {
        other = opened.forTenant(TENANT_B);
        await store.createMobileApp(mobileApp("app-1"));
        await store.createUserStatus("app-1", userStatus("s1"));
        await store.createDeviceStatus("app-1", "s1", deviceStatus("d1"));
      });

      it("another tenant's view reads, counts and changes nothing of the tenant's, and answers as for missing ids", async () => {
        const before = await tenantSnapshot(store);
        const all: ListQuery = { orderBy: [], skip: 0, limit: 100 };
        expect(await other.getMobileApp("app-1")).toBeUndefined();
        expect(await other.listMobileApps(all)).toEqual({ items: [] });
        expect(await other.countMobileApps(undefined)).toBe(0);
        expect(await other.updateMobileApp("app-1", { displayName: "Taken" }, MODIFIED)).toBeUndefined();
        expect(await other.getUserStatus("app-1", "s1")).toBeUndefined();
        expect(await other.listUserStatuses("app-1", all)).toBeUndefined();
        expect(await other.countUserStatuses("app-1", undefined)).toBeUndefined();
        expect(await other.createUserStatus("app-1", userStatus("s2"))).toBe("appNotFound");
        expect(await other.updateUserStatus("app-1", "s1", { failedDeviceCount: 99 })).toBeUndefined();
        expect(await other.getDeviceStatus("app-1", "s1", "d1")).toBeUndefined();
        expect(await other.listDeviceStatuses("app-1", "s1", all)).toBeUndefined();
        expect(await other.countDeviceStatuses("app-1", "s1", undefined)).toBeUndefined();
        expect(await other.deviceStatusesOf("app-1", ["s1"])).toEqual(new Map([["s1", []]]));
        expect(await other.createDeviceStatus("app-1", "s1", deviceStatus("d2"))).toBe("parentNotFound");
        expect(await other.updateDeviceStatus("app-1", "s1", "d1", { errorCode: 5 })).toBeUndefined();
        expect(await other.deleteDeviceStatus("app-1", "s1", "d1")).toBe(false);
        expect(await other.deleteUserStatus("app-1", "s1")).toBe(false);
        expect(await other.deleteMobileApp("app-1")).toBe(false);
        await expect(other.importUserStatuses("app-1", [userStatus("s3")])).rejects.toThrow();
        expect(await tenantSnapshot(store)).toEqual(before);
        expect(await tenantSnapshot(other)).toEqual([]);
      });

      it("ids are unique per tenant: the same ids live side by side, each tenant changing only its own", async () => {
        expect(await other.createUserStatus("app-1", userStatus("s1"))).toBe("appNotFound");
        await other.createMobileApp(mobileApp("app-1", { properties: { displayName: "B's" } }));
        expect(await other.createUserStatus("app-1", userStatus("s1", { failedDeviceCount: 3 }))).toBe("created");
        expect(await other.createDeviceStatus("app-1", "s1", deviceStatus("d1", { errorCode: 7 }))).toBe("created");
        expect(await store.createUserStatus("app-1", userStatus("s1"))).toBe("duplicateId");

        await other.updateUserStatus("app-1", "s1", { userName: "Changed in B" });
        await other.deleteDeviceStatus("app-1", "s1", "d1");
        expect(await store.getUserStatus("app-1", "s1")).toEqual(userStatus("s1"));
        expect(await store.getDeviceStatus("app-1", "s1", "d1")).toEqual(deviceStatus("d1"));
        expect((await other.getMobileApp("app-1"))?.properties).toEqual({ displayName: "B's" });
        expect((await store.getMobileApp("app-1"))?.properties).toEqual(mobileApp("app-1").properties);

        // Deleting B's app cascades through B's rows only.
        expect(await other.deleteMobileApp("app-1")).toBe(true);
        expect(await other.getUserStatus("app-1", "s1")).toBeUndefined();
        expect(await store.getUserStatus("app-1", "s1")).toEqual(userStatus("s1"));
        expect(await store.getDeviceStatus("app-1", "s1", "d1")).toEqual(deviceStatus("d1"));
      });

      it("a page position taken in one tenant yields only the other tenant's rows there", async () => {
        for (const id of ["s2", "s3", "s4"]) await store.createUserStatus("app-1", userStatus(id));
        await other.createMobileApp(mobileApp("app-1"));
        for (const id of ["s0", "s9"]) await other.createUserStatus("app-1", userStatus(id));
        const first = await store.listUserStatuses("app-1", { orderBy: [], skip: 0, limit: 1 });
        expect(first?.nextCursor).toBeDefined();
        const elsewhere = await other.listUserStatuses("app-1", {
          orderBy: [],
          after: first?.nextCursor,
          skip: 0,
          limit: 10,
        });
        expect(elsewhere?.items.map((status) => status.id)).toEqual(["s9"]);
      });

      it("listTenants counts what each tenant holds; deleteTenant removes one tenant's data and says what it was", async () => {
        await other.createMobileApp(mobileApp("app-9"));
        expect(await opened.listTenants()).toEqual([
          { tenantId: TENANT_A, mobileApps: 1, userAppInstallStatuses: 1, mobileAppInstallStatuses: 1 },
          { tenantId: TENANT_B, mobileApps: 1, userAppInstallStatuses: 0, mobileAppInstallStatuses: 0 },
        ]);
        const kept = await tenantSnapshot(other);
        expect(await opened.deleteTenant(TENANT_A)).toEqual({
          tenantId: TENANT_A,
          mobileApps: 1,
          userAppInstallStatuses: 1,
          mobileAppInstallStatuses: 1,
        });
        expect(await tenantSnapshot(store)).toEqual([]);
        expect(await tenantSnapshot(other)).toEqual(kept);
        expect(await opened.deleteTenant(TENANT_A)).toBeUndefined();
        expect((await opened.listTenants()).map((tenant) => tenant.tenantId)).toEqual([TENANT_B]);
      });

      it("keeps each tenant's view equal to its own model, whatever the interleaving of two tenants' writes", async () => {
        let run = 0;
        const apps = ["app-1", "app-2"];
        const statuses = ["s1", "s2"];
        const command = fc.record({
          tenant: fc.constantFrom(0, 1),
          action: fc.constantFrom("createApp", "deleteApp", "createStatus", "updateStatus", "deleteStatus"),
          app: fc.constantFrom(...apps),
          status: fc.constantFrom(...statuses),
          count: fc.integer({ min: 0, max: 1000 }),
        });
        await fc.assert(
          fc.asyncProperty(fc.array(command, { maxLength: 25 }), async (commands) => {
            run++;
            const tenantIds = [`prop-${run}-a`, `prop-${run}-b`];
            const views = tenantIds.map((tenantId) => opened.forTenant(tenantId));
            /** Per tenant: app → status id → installedDeviceCount. */
            const models = tenantIds.map(() => new Map<string, Map<string, number>>());
            for (const { tenant, action, app, status, count } of commands) {
              const view = views[tenant] as TenantStore;
              const model = models[tenant] as Map<string, Map<string, number>>;
              const statusesOf = model.get(app);
              if (action === "createApp") {
                if (statusesOf) continue; // a duplicate app id is the handler's business (server-made ids)
                await view.createMobileApp(mobileApp(app));
                model.set(app, new Map());
              } else if (action === "deleteApp") {
                expect(await view.deleteMobileApp(app)).toBe(statusesOf !== undefined);
                model.delete(app);
              } else if (action === "createStatus") {
                const expected = !statusesOf ? "appNotFound" : statusesOf.has(status) ? "duplicateId" : "created";
                expect(await view.createUserStatus(app, userStatus(status, { installedDeviceCount: count }))).toBe(
                  expected,
                );
                if (expected === "created") statusesOf?.set(status, count);
              } else if (action === "updateStatus") {
                const updated = await view.updateUserStatus(app, status, { installedDeviceCount: count });
                expect(updated?.installedDeviceCount).toBe(statusesOf?.has(status) ? count : undefined);
                if (statusesOf?.has(status)) statusesOf.set(status, count);
              } else {
                expect(await view.deleteUserStatus(app, status)).toBe(statusesOf?.has(status) === true);
                statusesOf?.delete(status);
              }
            }
            for (const [tenant, view] of views.entries()) {
              const model = models[tenant] as Map<string, Map<string, number>>;
              const seen = new Map<string, Map<string, number>>();
              for (const app of await allMobileApps(view)) {
                const rows = (await allUserStatuses(view, app.id)) ?? [];
                seen.set(app.id, new Map(rows.map((row) => [row.id, row.installedDeviceCount])));
              }
              expect(seen).toEqual(model);
            }
            for (const tenantId of tenantIds) await opened.deleteTenant(tenantId);
          }),
          { numRuns: 25 },
        );
      });
    });

    describe("the app's own device statuses (a set distinct from its user statuses')", () => {
      beforeEach(async () => {
        await store.createMobileApp(mobileApp("app-1"));
        await store.createMobileApp(mobileApp("app-2"));
        await store.createUserStatus("app-1", userStatus("s1"));
        await store.createDeviceStatus("app-1", "s1", deviceStatus("d1", { deviceName: "user-level" }));
      });

      it("creates, reads, lists, counts, updates and deletes, apart from the user statuses' ones", async () => {
        expect(await store.createAppDeviceStatus("app-1", deviceStatus("d1"))).toBe("created");
        expect(await store.createAppDeviceStatus("app-1", deviceStatus("d2", { installState: "failed" }))).toBe(
          "created",
        );
        expect(await store.createAppDeviceStatus("app-2", deviceStatus("d1"))).toBe("created");
        expect(await store.getAppDeviceStatus("app-1", "d1")).toEqual(deviceStatus("d1"));
        expect((await store.getDeviceStatus("app-1", "s1", "d1"))?.deviceName).toBe("user-level");

        const page = await store.listAppDeviceStatuses("app-1", { orderBy: [], skip: 0, limit: 10 });
        expect(page?.items.map((item) => item.id)).toEqual(["d1", "d2"]);
        const failed = parseFilter("installState eq 'failed'", mobileAppInstallStatusModel);
        expect(await store.countAppDeviceStatuses("app-1", failed)).toBe(1);
        expect(await store.countDeviceStatuses("app-1", "s1", undefined)).toBe(1);

        const updated = await store.updateAppDeviceStatus("app-1", "d1", { errorCode: 7 });
        expect(updated).toEqual(deviceStatus("d1", { errorCode: 7 }));
        expect(await store.getAppDeviceStatus("app-1", "d1")).toEqual(updated);
        expect(await store.deleteAppDeviceStatus("app-1", "d1")).toBe(true);
        expect(await store.deleteAppDeviceStatus("app-1", "d1")).toBe(false);
        expect(await store.getDeviceStatus("app-1", "s1", "d1")).toBeDefined();
      });

      it("answers duplicateId, parentNotFound and undefined as the user statuses' collection does", async () => {
        await store.createAppDeviceStatus("app-1", deviceStatus("d1"));
        expect(await store.createAppDeviceStatus("app-1", deviceStatus("d1"))).toBe("duplicateId");
        expect(await store.createAppDeviceStatus("missing", deviceStatus("d1"))).toBe("parentNotFound");
        expect(await store.listAppDeviceStatuses("missing", { orderBy: [], skip: 0, limit: 10 })).toBeUndefined();
        expect(await store.countAppDeviceStatuses("missing", undefined)).toBeUndefined();
        expect(await store.getAppDeviceStatus("app-2", "d1")).toBeUndefined();
        expect(await store.updateAppDeviceStatus("app-2", "d1", { errorCode: 1 })).toBeUndefined();
      });

      it("are deleted with their app, and only theirs", async () => {
        await store.createAppDeviceStatus("app-1", deviceStatus("d1"));
        await store.createAppDeviceStatus("app-2", deviceStatus("d1"));
        expect(await store.deleteMobileApp("app-1")).toBe(true);
        await store.createMobileApp(mobileApp("app-1"));
        expect(await store.countAppDeviceStatuses("app-1", undefined)).toBe(0);
        expect(await store.countAppDeviceStatuses("app-2", undefined)).toBe(1);
      });

      it("keep lastSyncDateTime to 100 ns and order it as instants, milliseconds and 7 digits alike", async () => {
        await store.createAppDeviceStatus(
          "app-1",
          deviceStatus("late", { lastSyncDateTime: "2024-05-01T10:00:00.3205976Z" }),
        );
        await store.createAppDeviceStatus(
          "app-1",
          deviceStatus("early", { lastSyncDateTime: "2024-05-01T10:00:00.320Z" }),
        );
        expect((await store.getAppDeviceStatus("app-1", "late"))?.lastSyncDateTime).toBe(
          "2024-05-01T10:00:00.3205976Z",
        );
        const byTime = await store.listAppDeviceStatuses("app-1", {
          orderBy: parseOrderBy("lastSyncDateTime desc", mobileAppInstallStatusModel),
          skip: 0,
          limit: 10,
        });
        expect(byTime?.items.map((item) => item.id)).toEqual(["late", "early"]);
        const after = parseFilter("lastSyncDateTime gt 2024-05-01T10:00:00.3205975Z", mobileAppInstallStatusModel);
        expect(await store.countAppDeviceStatuses("app-1", after)).toBe(1);
      });
    });
  });
}
