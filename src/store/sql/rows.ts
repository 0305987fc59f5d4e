// What both SQL adapters share: the tables' column names per property, and rows ↔ records. Rows come
// with the same column names and value types from both (PostgreSQL selects its timestamps as ISO text).
import { answeredDateTimeOffset, storedDateTimeOffset } from "../../model/date-time-offset.ts";
import {
  type EntityModel,
  type EnumType,
  mobileAppInstallStatusModel,
  mobileAppModel,
  type PropertyModel,
  userAppInstallStatusModel,
} from "../../model/entity-model.ts";
import type {
  ClientRegistrationRecord,
  MobileAppInstallStatusRecord,
  MobileAppRecord,
  UserAppInstallStatusRecord,
} from "../store.ts";

export type Row = Record<string, unknown>;

/** A property's column: its name in snake_case (userPrincipalName → user_principal_name). */
export const columnName = (property: string): string => property.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Property → column of a table that has one column per property of the model. */
export const columnsOf = (model: EntityModel): Record<string, string> =>
  Object.fromEntries([...model.properties.keys()].map((name) => [name, columnName(name)]));

/** Property → column, per table. Only these fixed texts ever reach the SQL, never client input. */
export const USER_STATUS_COLUMNS = columnsOf(userAppInstallStatusModel);
export const DEVICE_STATUS_COLUMNS = columnsOf(mobileAppInstallStatusModel);

/** mobileApp properties that are columns of their own (the key and the server-set times), not JSON properties. */
export type MobileAppOwnColumns = Record<"id" | "createdDateTime" | "lastModifiedDateTime", string>;

/**
 * mobileApp property → SQL expression: `own` for the properties with columns of their own, and for every other
 * property of the model the adapter's expression that reads it from the JSON `properties`, given as the model
 * says $filter and $orderby see it: an unwritten property as its `unset` value (the answer's false, 0,
 * notPublished), and a property on a type that does not declare it as NULL. `literal` writes an `unset` value.
 */
export function mobileAppColumns(
  own: MobileAppOwnColumns,
  fromJson: (property: PropertyModel) => string,
  literal: (value: boolean | number) => string,
): Record<string, string> {
  const expression = (property: PropertyModel): string => {
    const stored = fromJson(property);
    const value = property.unset === undefined ? stored : `COALESCE(${stored}, ${literal(property.unset)})`;
    if (!property.declaredBy) return value;
    const types = property.declaredBy.map((type) => `'#${type}'`).join(", ");
    return `(CASE WHEN odata_type IN (${types}) THEN ${value} END)`;
  };
  return Object.fromEntries(
    [...mobileAppModel.properties.values()].map((property) => [
      property.name,
      Object.hasOwn(own, property.name) ? own[property.name as keyof MobileAppOwnColumns] : expression(property),
    ]),
  );
}

/** An enum held by member name (in JSON) as its underlying value, which is what $filter literals compare with. */
export const enumCase = (type: EnumType, memberName: string): string =>
  `(CASE ${memberName} ${Object.entries(type.members)
    .map(([name, value]) => `WHEN '${name}' THEN ${value}`)
    .join(" ")} END)`;

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

/** A column's value as the record holds it: enums by member name, DateTimeOffsets in the answered form. */
function propertyValue(property: PropertyModel, value: unknown): unknown {
  if (typeof property.type === "object") return enumName(property.type, value);
  if (value === null || value === undefined) return null;
  if (property.type === "Edm.DateTimeOffset") return answeredDateTimeOffset(value as string);
  // SQLite answers 0/1.
  if (property.type === "Edm.Boolean") return Boolean(value);
  return value;
}

/** A property's value as its column holds it: enums as their underlying value, DateTimeOffsets in the stored form. */
function columnValue(property: PropertyModel, value: unknown): unknown {
  if (typeof property.type === "object") return enumValue(property.type, value as string);
  if (value === null || value === undefined) return null;
  if (property.type === "Edm.DateTimeOffset") return storedDateTimeOffset(value as string);
  return value;
}

/** The record of a row whose columns are the model's properties (columnsOf). */
const recordOf = (model: EntityModel, row: Row): Record<string, unknown> =>
  Object.fromEntries(
    [...model.properties.values()].map((property) => [
      property.name,
      propertyValue(property, row[columnName(property.name)]),
    ]),
  );

/** Column → value for the properties a record or a set of changes holds (the model's only, in its order). */
export const columnValues = (model: EntityModel, values: Readonly<Record<string, unknown>>): Row =>
  Object.fromEntries(
    [...model.properties.values()]
      .filter((property) => Object.hasOwn(values, property.name))
      .map((property) => [columnName(property.name), columnValue(property, values[property.name])]),
  );

export const toUserStatus = (row: Row) => recordOf(userAppInstallStatusModel, row) as UserAppInstallStatusRecord;

export const toDeviceStatus = (row: Row) => recordOf(mobileAppInstallStatusModel, row) as MobileAppInstallStatusRecord;

export const userStatusParams = (tenantId: string, mobileAppId: string, status: UserAppInstallStatusRecord) => ({
  tenant_id: tenantId,
  mobile_app_id: mobileAppId,
  ...columnValues(userAppInstallStatusModel, status),
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
  ...columnValues(mobileAppInstallStatusModel, status),
});

/** The app's own device statuses: the same columns, without user_status_id. */
export const appDeviceStatusParams = (tenantId: string, mobileAppId: string, status: MobileAppInstallStatusRecord) => ({
  tenant_id: tenantId,
  mobile_app_id: mobileAppId,
  ...columnValues(mobileAppInstallStatusModel, status),
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
