// The store port. Records use the contract's wire names end to end; adapters map them to tables.
// A resolved write is committed: the caller may acknowledge it to the client.
import type { components } from "../../generated/types.ts";

type Schemas = components["schemas"];

/** A userAppInstallStatus as stored: every property, without the OData annotations. */
export type UserAppInstallStatusRecord = Omit<
  Schemas["microsoft.graph.userAppInstallStatusEntity"],
  "@odata.type" | "@odata.context"
>;
export type UserAppInstallStatusChanges = Partial<Omit<UserAppInstallStatusRecord, "id">>;

export type MobileAppType = Schemas["microsoft.graph.mobileApp"]["@odata.type"];

/** A mobileApp as stored: its key, concrete type, server-set times and its other properties. */
export interface MobileAppRecord {
  id: string;
  "@odata.type": MobileAppType;
  createdDateTime: string;
  lastModifiedDateTime: string;
  /** The type's other properties, as the client sent them. */
  properties: Record<string, unknown>;
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

export interface Store {
  /** Resolves when the store answers a query (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;

  createMobileApp(app: MobileAppRecord): Promise<void>;
  listMobileApps(): Promise<MobileAppRecord[]>;
  getMobileApp(id: string): Promise<MobileAppRecord | undefined>;
  /** Merges `properties` into the app's; undefined when there is no such app. */
  updateMobileApp(
    id: string,
    properties: Record<string, unknown>,
    lastModifiedDateTime: string,
  ): Promise<MobileAppRecord | undefined>;
  /** Deletes the app and every userAppInstallStatus it contains. */
  deleteMobileApp(id: string): Promise<boolean>;

  createUserStatus(mobileAppId: string, status: UserAppInstallStatusRecord): Promise<CreateUserStatusResult>;
  /** undefined when there is no such app. */
  listUserStatuses(mobileAppId: string): Promise<UserAppInstallStatusRecord[] | undefined>;
  getUserStatus(mobileAppId: string, id: string): Promise<UserAppInstallStatusRecord | undefined>;
  updateUserStatus(
    mobileAppId: string,
    id: string,
    changes: UserAppInstallStatusChanges,
  ): Promise<UserAppInstallStatusRecord | undefined>;
  deleteUserStatus(mobileAppId: string, id: string): Promise<boolean>;
}
