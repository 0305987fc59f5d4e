import { parseFilter } from "../../../src/graph/odata/filter-parser.ts";
import { parseOrderBy } from "../../../src/graph/odata/query-options.ts";
import {
  type EntityModel,
  type EnumType,
  mobileAppInstallStatusModel,
  mobileAppModel,
  resultantAppState,
  resultantAppStateDetail,
  userAppInstallStatusModel,
} from "../../../src/model/entity-model.ts";
import type { FilterNode } from "../../../src/model/filter-tree.ts";
import type { ListQuery, Page, SortKey } from "../../../src/model/list-query.ts";
import type {
  MobileAppInstallStatusRecord,
  MobileAppRecord,
  Store,
  TenantStore,
  UserAppInstallStatusRecord,
} from "../../../src/store/store.ts";

export const TENANT_A = "0f0e0d0c-0000-4000-8000-00000000000a";
export const TENANT_B = "0f0e0d0c-0000-4000-8000-00000000000b";
export const CREATED = "2024-05-01T10:00:00.000Z";
export const MODIFIED = "2024-05-02T11:30:15.250Z";

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

export const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The list in another order than its ids' (k·7 mod n is a permutation when n is not a multiple of 7). */
export const scrambled = <T>(list: readonly T[]): T[] => list.map((_, k) => list[(k * 7) % list.length] as T);

export interface QueryOptions {
  filter?: string;
  orderBy?: string;
  after?: unknown[] | undefined;
  skip?: number;
  limit?: number;
}

/** A ListQuery as the handlers build one: $filter and $orderby text parsed against the entity model. */
export function listQuery(model: EntityModel, options: QueryOptions = {}): ListQuery {
  return {
    filter: options.filter === undefined ? undefined : parseFilter(options.filter, model),
    orderBy: options.orderBy === undefined ? [] : parseOrderBy(options.orderBy, model),
    after: options.after,
    skip: options.skip ?? 0,
    limit: options.limit ?? 1000,
  };
}

export type Scalar = string | number | boolean | null;

/** NULL (or an absent JSON property) is the smallest value. */
export function compareValues(a: Scalar, b: Scalar): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/** The order the port promises: each sort key in turn (reversed when descending), then id ascending. */
export function inPortOrder<T extends { id: string }>(
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

export const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);

/** A collection of the port, seen the same way for each of the three list methods. */
export interface PagedCollection<T extends { id: string }> {
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

export const enumValue = (type: EnumType, name: unknown): number | null =>
  typeof name === "string" && Object.hasOwn(type.members, name) ? (type.members[name] as number) : null;

export const userStatusesOfApp1: PagedCollection<UserAppInstallStatusRecord> = {
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

export const APP_TYPES = [
  "#microsoft.graph.iosStoreApp",
  "#microsoft.graph.webApp",
  "#microsoft.graph.androidStoreApp",
];

/**
 * A property of an app as $filter and $orderby see it (the model's rules): null on a type that does not declare
 * it, an unwritten one as the answer shows it (false, 0, notPublished), enums as their underlying value.
 */
export function appValue(app: MobileAppRecord, name: string): Scalar {
  if (name === "id" || name === "createdDateTime" || name === "lastModifiedDateTime") return app[name];
  const property = mobileAppModel.properties.get(name);
  if (!property) throw new Error(`no mobileApp property ${name}`);
  if (property.declaredBy && !property.declaredBy.includes(app["@odata.type"].slice(1))) return null;
  const value = (app.properties[name] ?? null) as Scalar;
  if (value === null) return property.unset ?? null;
  return typeof property.type === "object" ? enumValue(property.type, value) : value;
}

export const mobileApps: PagedCollection<MobileAppRecord> = {
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
          // Unwritten for some: the answer's 0 and false to $filter and $orderby. useManagedBrowser is written on
          // every type, but only a webApp declares it: null on the others.
          ...(i % 3 === 0 ? {} : { uploadState: i % 3 }),
          ...(i % 4 < 2 ? {} : { isAssigned: i % 4 === 3 }),
          ...(i % 2 === 0 ? {} : { useManagedBrowser: i % 4 === 1 }),
          ...(i % 5 === 1 ? {} : { supersededAppCount: i - 6 }),
        },
      }),
    );
    for (const app of scrambled(apps)) await store.createMobileApp(app);
    return apps;
  },
  list: (store, query) => store.listMobileApps(query),
  count: (store, filter) => store.countMobileApps(filter),
  sortValue: appValue,
  orderings: [
    "displayName",
    "displayName desc",
    "isFeatured desc,displayName",
    "publishingState,createdDateTime desc",
    "createdDateTime",
    "lastModifiedDateTime desc,isFeatured",
    "id desc",
    "uploadState desc,displayName",
    "isAssigned,supersededAppCount desc",
    "useManagedBrowser desc,appUrl",
  ],
  filters: [
    { filter: "isFeatured eq true", matches: (a) => appValue(a, "isFeatured") === true },
    { filter: "isFeatured", matches: (a) => appValue(a, "isFeatured") === true },
    { filter: "isFeatured eq false", matches: (a) => appValue(a, "isFeatured") === false },
    { filter: "isFeatured ne true", matches: (a) => appValue(a, "isFeatured") !== true },
    { filter: "not isFeatured", matches: (a) => appValue(a, "isFeatured") !== true },
    { filter: "isAssigned eq false", matches: (a) => appValue(a, "isAssigned") === false },
    { filter: "isAssigned", matches: (a) => appValue(a, "isAssigned") === true },
    { filter: "uploadState eq 0", matches: (a) => appValue(a, "uploadState") === 0 },
    { filter: "uploadState ge 1", matches: (a) => (appValue(a, "uploadState") as number) >= 1 },
    { filter: "supersededAppCount lt 0", matches: (a) => (appValue(a, "supersededAppCount") as number) < 0 },
    { filter: "useManagedBrowser eq false", matches: (a) => appValue(a, "useManagedBrowser") === false },
    { filter: "useManagedBrowser eq null", matches: (a) => appValue(a, "useManagedBrowser") === null },
    { filter: "not useManagedBrowser", matches: (a) => appValue(a, "useManagedBrowser") !== true },
    {
      filter: "appUrl eq 'https://contoso.example'",
      matches: (a) => appValue(a, "appUrl") === "https://contoso.example",
    },
    { filter: "appUrl eq null", matches: (a) => appValue(a, "appUrl") === null },
    { filter: "displayName eq 'alpha'", matches: (a) => a.properties.displayName === "alpha" },
    { filter: "displayName eq null", matches: (a) => (a.properties.displayName ?? null) === null },
    { filter: "startswith(displayName,'g')", matches: (a) => a.properties.displayName === "gamma" },
    {
      filter: "displayName in ('alpha','gamma')",
      matches: (a) => ["alpha", "gamma"].includes(a.properties.displayName as string),
    },
    { filter: "publishingState eq 'published'", matches: (a) => appValue(a, "publishingState") === 2 },
    {
      filter: "publishingState eq microsoft.graph.mobileAppPublishingState'processing'",
      matches: (a) => appValue(a, "publishingState") === 1,
    },
    { filter: "publishingState eq 'notPublished'", matches: (a) => appValue(a, "publishingState") === 0 },
    { filter: "publishingState ne 'published'", matches: (a) => appValue(a, "publishingState") !== 2 },
    { filter: "publishingState lt 'published'", matches: (a) => (appValue(a, "publishingState") as number) < 2 },
    { filter: "createdDateTime ge 2024-05-03T00:00:00Z", matches: (a) => a.createdDateTime >= "2024-05-03" },
    {
      filter: "createdDateTime lt 2024-05-02T12:00:00+02:00",
      matches: (a) => a.createdDateTime < "2024-05-02T10:00:00.000Z",
    },
    {
      filter: "isFeatured eq true and publishingState eq 'published'",
      matches: (a) => appValue(a, "isFeatured") === true && appValue(a, "publishingState") === 2,
    },
  ],
};

export type AppState = MobileAppInstallStatusRecord["installState"];
export type AppStateDetail = MobileAppInstallStatusRecord["installStateDetail"];
export const APP_STATES = Object.keys(resultantAppState.members) as AppState[];
export const APP_STATE_DETAILS = Object.keys(resultantAppStateDetail.members) as AppStateDetail[];
export const state = (name: AppState) => resultantAppState.members[name] as number;
export const stateDetail = (name: AppStateDetail) => resultantAppStateDetail.members[name] as number;

export const deviceStatusesOfS1: PagedCollection<MobileAppInstallStatusRecord> = {
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

/** A factory for a fresh, empty store. */
export type CreateStore = () => Promise<Store>;
