// What both SQL adapters share: the tables' column names per property, and rows ↔ records. Rows come
// with the same column names and value types from both (PostgreSQL selects its timestamps as ISO text).
import { answeredDateTimeOffset, storedDateTimeOffset } from "../../graph/odata/date-time-offset.ts";
import { type EnumType, resultantAppState, resultantAppStateDetail } from "../../graph/odata/entity-model.ts";
import type {
  ClientRegistrationRecord,
  MobileAppInstallStatusRecord,
  MobileAppRecord,
  UserAppInstallStatusRecord,
} from "../store.ts";

export type Row = Record<string, unknown>;

/** Property → column, per table. Only these fixed texts ever reach the SQL, never client input. */
export const USER_STATUS_COLUMNS: Record<string, string> = {
  id: "id",
  userName: "user_name",
  userPrincipalName: "user_principal_name",
  installedDeviceCount: "installed_device_count",
  failedDeviceCount: "failed_device_count",
  notInstalledDeviceCount: "not_installed_device_count",
};
export const DEVICE_STATUS_COLUMNS: Record<string, string> = {
  id: "id",
  deviceName: "device_name",
  deviceId: "device_id",
  lastSyncDateTime: "last_sync_date_time",
  mobileAppInstallStatusValue: "mobile_app_install_status_value",
  installState: "install_state",
  installStateDetail: "install_state_detail",
  errorCode: "error_code",
  osVersion: "os_version",
  osDescription: "os_description",
  userName: "user_name",
  userPrincipalName: "user_principal_name",
  displayVersion: "display_version",
};

export const enumName = (type: EnumType, value: unknown): string =>
  Object.entries(type.members).find(([, member]) => member === value)?.[0] ?? "unknown";
export const enumValue = (type: EnumType, name: string): number => type.members[name] ?? 99;

export const toMobileApp = (row: Row): MobileAppRecord => ({
  id: row.id as string,
  "@odata.type": row.odata_type as MobileAppRecord["@odata.type"],
  createdDateTime: row.created_date_time as string,
  lastModifiedDateTime: row.last_modified_date_time as string,
  // SQLite holds the properties as JSON text, PostgreSQL as jsonb (parsed by the driver).
  properties: (typeof row.properties === "string" ? JSON.parse(row.properties) : row.properties) as Record<
    string,
    unknown
  >,
});

export const toUserStatus = (row: Row): UserAppInstallStatusRecord => ({
  id: row.id as string,
  userName: row.user_name as string | null,
  userPrincipalName: row.user_principal_name as string | null,
  installedDeviceCount: row.installed_device_count as number,
  failedDeviceCount: row.failed_device_count as number,
  notInstalledDeviceCount: row.not_installed_device_count as number,
});

export const toDeviceStatus = (row: Row): MobileAppInstallStatusRecord => ({
  id: row.id as string,
  deviceName: row.device_name as string | null,
  deviceId: row.device_id as string | null,
  lastSyncDateTime: answeredDateTimeOffset(row.last_sync_date_time as string),
  mobileAppInstallStatusValue: enumName(
    resultantAppState,
    row.mobile_app_install_status_value,
  ) as MobileAppInstallStatusRecord["mobileAppInstallStatusValue"],
  installState: enumName(resultantAppState, row.install_state) as MobileAppInstallStatusRecord["installState"],
  installStateDetail: enumName(
    resultantAppStateDetail,
    row.install_state_detail,
  ) as MobileAppInstallStatusRecord["installStateDetail"],
  errorCode: row.error_code as number,
  osVersion: row.os_version as string | null,
  osDescription: row.os_description as string | null,
  userName: row.user_name as string | null,
  userPrincipalName: row.user_principal_name as string | null,
  displayVersion: row.display_version as string | null,
});

export const userStatusParams = (tenantId: string, mobileAppId: string, status: UserAppInstallStatusRecord) => ({
  tenant_id: tenantId,
  mobile_app_id: mobileAppId,
  id: status.id,
  user_name: status.userName,
  user_principal_name: status.userPrincipalName,
  installed_device_count: status.installedDeviceCount,
  failed_device_count: status.failedDeviceCount,
  not_installed_device_count: status.notInstalledDeviceCount,
});

/** The columns of a device status in either table (the user status's, or the app's own without user_status_id). */
export const deviceStatusColumns = (status: MobileAppInstallStatusRecord) => ({
  id: status.id,
  device_name: status.deviceName,
  device_id: status.deviceId,
  last_sync_date_time: storedDateTimeOffset(status.lastSyncDateTime),
  mobile_app_install_status_value: enumValue(resultantAppState, status.mobileAppInstallStatusValue),
  install_state: enumValue(resultantAppState, status.installState),
  install_state_detail: enumValue(resultantAppStateDetail, status.installStateDetail),
  error_code: status.errorCode,
  os_version: status.osVersion,
  os_description: status.osDescription,
  user_name: status.userName,
  user_principal_name: status.userPrincipalName,
  display_version: status.displayVersion,
});

export const deviceStatusParams = (
  tenantId: string,
  mobileAppId: string,
  userStatusId: string,
  status: MobileAppInstallStatusRecord,
) => ({
  tenant_id: tenantId,
  mobile_app_id: mobileAppId,
  user_status_id: userStatusId,
  ...deviceStatusColumns(status),
});

export const appDeviceStatusParams = (tenantId: string, mobileAppId: string, status: MobileAppInstallStatusRecord) => ({
  tenant_id: tenantId,
  mobile_app_id: mobileAppId,
  ...deviceStatusColumns(status),
});

/** A client registration → its row; `roles` as JSON text (SQLite TEXT, PostgreSQL jsonb both take it). */
export const clientRegistrationParams = (registration: ClientRegistrationRecord): Row => ({
  tenant_id: registration.tenantId,
  client_id: registration.clientId,
  display_name: registration.displayName,
  roles: JSON.stringify(registration.roles),
  secret_hash: registration.secretHash,
  certificate: registration.certificate,
  created_date_time: registration.createdDateTime,
});

export const toClientRegistration = (row: Row): ClientRegistrationRecord => ({
  tenantId: row.tenant_id as string,
  clientId: row.client_id as string,
  displayName: row.display_name as string,
  // jsonb arrives parsed, SQLite's TEXT as text.
  roles: (typeof row.roles === "string" ? JSON.parse(row.roles) : row.roles) as string[],
  secretHash: row.secret_hash as string,
  certificate: (row.certificate as string | null) ?? null,
  createdDateTime: row.created_date_time as string,
});
