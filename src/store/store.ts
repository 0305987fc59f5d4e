// The store port. Records use the contract's wire names end to end; adapters map them to tables.
// A resolved write is committed: the caller may acknowledge it to the client. All data belongs to a tenant
// (the token's `tid`): requests reach it only through `forTenant`, whose every call stays in that tenant.
import type { components } from "../../generated/types.ts";
import type { PropertyModel } from "../graph/odata/entity-model.ts";
import type { FilterNode } from "../graph/odata/filter-parser.ts";

type Schemas = components["schemas"];

/** A userAppInstallStatus as stored: every property, without the OData annotations and navigations. */
export type UserAppInstallStatusRecord = Omit<
  Required<Schemas["microsoft.graph.userAppInstallStatusEntity"]>,
  "@odata.type" | "@odata.context" | "app" | "deviceStatuses"
>;
export type UserAppInstallStatusChanges = Partial<Omit<UserAppInstallStatusRecord, "id">>;

export type MobileAppType = Schemas["microsoft.graph.mobileApp"]["@odata.type"];

/** A mobileAppInstallStatus as stored: every property, without the OData annotations and navigations. */
export type MobileAppInstallStatusRecord = Omit<
  Required<Schemas["microsoft.graph.mobileAppInstallStatusEntity"]>,
  "@odata.type" | "@odata.context" | "app"
>;
export type MobileAppInstallStatusChanges = Partial<Omit<MobileAppInstallStatusRecord, "id">>;

/** A mobileApp as stored: its key, concrete type, server-set times and its other properties. */
export interface MobileAppRecord {
  id: string;
  "@odata.type": MobileAppType;
  createdDateTime: string;
  lastModifiedDateTime: string;
  /** The type's other properties, as the client sent them. */
  properties: Record<string, unknown>;
}

/**
 * An application registration (`graph-intune client add`): who may get tokens from the service's Entra-shaped
 * token endpoint, in which tenant, with which application permissions. The secret is kept only as its hash.
 */
export interface ClientRegistrationRecord {
  tenantId: string;
  clientId: string;
  displayName: string;
  /** Application permissions the tokens carry in `roles`. */
  roles: string[];
  /** SHA-256 of the client secret, base64url (see auth/client-secrets.ts for why a fast hash suffices). */
  secretHash: string;
  /** A PEM certificate whose key may sign client assertions (RFC 7523), or null. */
  certificate: string | null;
  createdDateTime: string;
}

/** The store cannot answer now (busy, unreachable, closing); the request may be retried. */
export class StoreUnavailableError extends Error {
  override name = "StoreUnavailableError";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export type CreateUserStatusResult = "created" | "appNotFound" | "duplicateId";
export type CreateDeviceStatusResult = "created" | "parentNotFound" | "duplicateId";

export interface SortKey {
  property: PropertyModel;
  descending: boolean;
}

/** One page of a collection, executed by the store (filters and ordering in its query language). */
export interface ListQuery {
  filter?: FilterNode | undefined;
  /** Sort keys; the store breaks ties by `id` (ascending), so that the order is total. */
  orderBy: SortKey[];
  /** Keyset position from a previous page's `nextCursor`: the page starts after it. */
  after?: unknown[] | undefined;
  skip: number;
  limit: number;
}

export interface Page<T> {
  items: T[];
  /** Present when more items follow: the keyset position after the last item. */
  nextCursor?: unknown[];
}

/** What one tenant holds. */
export interface TenantSummary {
  tenantId: string;
  mobileApps: number;
  userAppInstallStatuses: number;
  mobileAppInstallStatuses: number;
}

export interface Store {
  /** Resolves when the store answers a query (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** One tenant's data: every call of the view reads, counts and changes that tenant's rows only. */
  forTenant(tenantId: string): TenantStore;
  /** Every tenant that holds data, by tenant id. */
  listTenants(): Promise<TenantSummary[]>;
  /**
   * Deletes all of one tenant's Graph data (apps and every status) in one transaction: what it held, or undefined
   * when it held nothing. Its app registrations (the token endpoint's clients) stay.
   */
  deleteTenant(tenantId: string): Promise<TenantSummary | undefined>;

  // App registrations of the Entra-shaped token endpoint, each in its tenant (the token endpoint's path names it).
  /** Fails when the tenant already has a registration with that client id. */
  createClientRegistration(registration: ClientRegistrationRecord): Promise<void>;
  getClientRegistration(tenantId: string, clientId: string): Promise<ClientRegistrationRecord | undefined>;
  /** Every registration, or those of one tenant, ordered by tenant and creation. */
  listClientRegistrations(tenantId?: string): Promise<ClientRegistrationRecord[]>;
  deleteClientRegistration(tenantId: string, clientId: string): Promise<boolean>;
}

/** One tenant's apps and statuses. Ids are unique within the tenant; other tenants' rows do not exist here. */
export interface TenantStore {
  createMobileApp(app: MobileAppRecord): Promise<void>;
  listMobileApps(query: ListQuery): Promise<Page<MobileAppRecord>>;
  countMobileApps(filter: FilterNode | undefined): Promise<number>;
  getMobileApp(id: string): Promise<MobileAppRecord | undefined>;
  /** Merges `properties` into the app's; undefined when there is no such app. */
  updateMobileApp(
    id: string,
    properties: Record<string, unknown>,
    lastModifiedDateTime: string,
  ): Promise<MobileAppRecord | undefined>;
  /** Deletes the app and everything it contains: its userAppInstallStatuses and deviceStatuses. */
  deleteMobileApp(id: string): Promise<boolean>;

  createUserStatus(mobileAppId: string, status: UserAppInstallStatusRecord): Promise<CreateUserStatusResult>;
  /** undefined when there is no such app. */
  listUserStatuses(mobileAppId: string, query: ListQuery): Promise<Page<UserAppInstallStatusRecord> | undefined>;
  /** undefined when there is no such app. */
  countUserStatuses(mobileAppId: string, filter: FilterNode | undefined): Promise<number | undefined>;
  getUserStatus(mobileAppId: string, id: string): Promise<UserAppInstallStatusRecord | undefined>;
  /** Bulk load (seeding): the statuses of one app in one transaction, at most 5,000 a call; a duplicate id fails it. */
  importUserStatuses(mobileAppId: string, statuses: UserAppInstallStatusRecord[]): Promise<void>;
  updateUserStatus(
    mobileAppId: string,
    id: string,
    changes: UserAppInstallStatusChanges,
  ): Promise<UserAppInstallStatusRecord | undefined>;
  /** Deletes the status and every mobileAppInstallStatus it contains. */
  deleteUserStatus(mobileAppId: string, id: string): Promise<boolean>;

  createDeviceStatus(
    mobileAppId: string,
    userStatusId: string,
    status: MobileAppInstallStatusRecord,
  ): Promise<CreateDeviceStatusResult>;
  /** undefined when there is no such userAppInstallStatus. */
  listDeviceStatuses(
    mobileAppId: string,
    userStatusId: string,
    query: ListQuery,
  ): Promise<Page<MobileAppInstallStatusRecord> | undefined>;
  /** undefined when there is no such userAppInstallStatus. */
  countDeviceStatuses(
    mobileAppId: string,
    userStatusId: string,
    filter: FilterNode | undefined,
  ): Promise<number | undefined>;
  /** Every device status of the given user statuses of one app ($expand=deviceStatuses), by user status id. */
  deviceStatusesOf(mobileAppId: string, userStatusIds: string[]): Promise<Map<string, MobileAppInstallStatusRecord[]>>;
  getDeviceStatus(
    mobileAppId: string,
    userStatusId: string,
    id: string,
  ): Promise<MobileAppInstallStatusRecord | undefined>;
  updateDeviceStatus(
    mobileAppId: string,
    userStatusId: string,
    id: string,
    changes: MobileAppInstallStatusChanges,
  ): Promise<MobileAppInstallStatusRecord | undefined>;
  deleteDeviceStatus(mobileAppId: string, userStatusId: string, id: string): Promise<boolean>;

  // The app's own deviceStatuses (mobileApp.deviceStatuses): a set distinct from its user statuses' ones.
  createAppDeviceStatus(mobileAppId: string, status: MobileAppInstallStatusRecord): Promise<CreateDeviceStatusResult>;
  /** undefined when there is no such app. */
  listAppDeviceStatuses(mobileAppId: string, query: ListQuery): Promise<Page<MobileAppInstallStatusRecord> | undefined>;
  /** undefined when there is no such app. */
  countAppDeviceStatuses(mobileAppId: string, filter: FilterNode | undefined): Promise<number | undefined>;
  getAppDeviceStatus(mobileAppId: string, id: string): Promise<MobileAppInstallStatusRecord | undefined>;
  updateAppDeviceStatus(
    mobileAppId: string,
    id: string,
    changes: MobileAppInstallStatusChanges,
  ): Promise<MobileAppInstallStatusRecord | undefined>;
  deleteAppDeviceStatus(mobileAppId: string, id: string): Promise<boolean>;
}
