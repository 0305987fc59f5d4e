// What the OData query options ($filter, $orderby, $select) may name on each entity type, with each
// property's EDM type. The spec declares the same properties; a test keeps the two in step.

export type EdmPrimitive = "Edm.String" | "Edm.Int32" | "Edm.Boolean" | "Edm.DateTimeOffset";

export interface EnumType {
  /** Qualified name, as in enum literals: microsoft.graph.resultantAppState'installed'. */
  name: string;
  /** Member name → underlying value. */
  members: Record<string, number>;
}

export interface PropertyModel {
  name: string;
  type: EdmPrimitive | EnumType;
  /** Whether $filter and $orderby can meet null: on some entity, or on the types that do not declare it. */
  nullable: boolean;
  /**
   * The value an entity holds while none was ever written (the stored mobileApp answers Booleans `false`, Int32
   * values `0`, enums their first member): $filter and $orderby see it, as they see what the answer shows.
   * Absent: an unwritten property is null.
   */
  unset?: boolean | number;
  /**
   * The concrete types that declare the property, when not every type of the entity does (mobileApp's `appUrl`:
   * webApp only). On the others it is null to $filter and $orderby, and $select leaves it out of their answers.
   */
  declaredBy?: readonly string[];
}

/** A complex or collection-valued property: $select names it; $filter and $orderby cannot (Graph answers 400). */
export interface StructuredPropertyModel {
  name: string;
  kind: "complex" | "collection";
  declaredBy?: readonly string[];
}

export interface EntityModel {
  /** Qualified type name, as in OData messages: microsoft.graph.userAppInstallStatus. */
  typeName: string;
  /** The primitive properties: $select, $filter and $orderby name them. */
  properties: ReadonlyMap<string, PropertyModel>;
  /** The complex and collection-valued properties: only $select names them. */
  structured: ReadonlyMap<string, StructuredPropertyModel>;
}

function entity(
  typeName: string,
  properties: PropertyModel[],
  structured: StructuredPropertyModel[] = [],
): EntityModel {
  return {
    typeName,
    properties: new Map(properties.map((p) => [p.name, p])),
    structured: new Map(structured.map((p) => [p.name, p])),
  };
}

const string = (name: string, nullable = true): PropertyModel => ({ name, type: "Edm.String", nullable });
const int32 = (name: string): PropertyModel => ({ name, type: "Edm.Int32", nullable: false });

export const resultantAppState: EnumType = {
  name: "microsoft.graph.resultantAppState",
  members: {
    notApplicable: -1,
    installed: 1,
    failed: 2,
    notInstalled: 3,
    uninstallFailed: 4,
    pendingInstall: 5,
    unknown: 99,
  },
};

export const resultantAppStateDetail: EnumType = {
  name: "microsoft.graph.resultantAppStateDetail",
  members: {
    noAdditionalDetails: 0,
    dependencyFailedToInstall: 1,
    dependencyWithRequirementsNotMet: 2,
    dependencyPendingReboot: 3,
    dependencyWithAutoInstallDisabled: 4,
    supersededAppUninstallFailed: 5,
    supersededAppUninstallPendingReboot: 6,
    removingSupersededApps: 7,
    iosAppStoreUpdateFailedToInstall: 1000,
    vppAppHasUpdateAvailable: 1001,
    userRejectedUpdate: 1002,
    uninstallPendingReboot: 1003,
    supersedingAppsDetected: 1004,
    supersededAppsDetected: 1005,
    seeInstallErrorCode: 2000,
    autoInstallDisabled: 3000,
    managedAppNoLongerPresent: 3001,
    userRejectedInstall: 3002,
    userIsNotLoggedIntoAppStore: 3003,
    untargetedSupersedingAppsDetected: 3004,
    appRemovedBySupersedence: 3005,
    seeUninstallErrorCode: 4000,
    pendingReboot: 5000,
    installingDependencies: 5001,
    contentDownloaded: 5002,
    supersedingAppsNotApplicable: -1016,
    powerShellScriptRequirementNotMet: -1013,
    registryRequirementNotMet: -1012,
    fileSystemRequirementNotMet: -1011,
    platformNotApplicable: -1006,
    minimumCpuSpeedNotMet: -1005,
    minimumLogicalProcessorCountNotMet: -1004,
    minimumPhysicalMemoryNotMet: -1003,
    minimumOsVersionNotMet: -1002,
    minimumDiskSpaceNotMet: -1001,
    processorArchitectureNotApplicable: -1000,
  },
};

export const mobileAppPublishingState: EnumType = {
  name: "microsoft.graph.mobileAppPublishingState",
  members: { notPublished: 0, processing: 1, published: 2 },
};

export const userAppInstallStatusModel = entity("microsoft.graph.userAppInstallStatus", [
  string("id", false),
  string("userName"),
  string("userPrincipalName"),
  int32("installedDeviceCount"),
  int32("failedDeviceCount"),
  int32("notInstalledDeviceCount"),
]);

export const mobileAppInstallStatusModel = entity("microsoft.graph.mobileAppInstallStatus", [
  string("id", false),
  string("deviceName"),
  string("deviceId"),
  { name: "lastSyncDateTime", type: "Edm.DateTimeOffset", nullable: false },
  { name: "mobileAppInstallStatusValue", type: resultantAppState, nullable: false },
  { name: "installState", type: resultantAppState, nullable: false },
  { name: "installStateDetail", type: resultantAppStateDetail, nullable: false },
  int32("errorCode"),
  string("osVersion"),
  string("osDescription"),
  string("userName"),
  string("userPrincipalName"),
  string("displayVersion"),
]);

const WEB_APP = ["microsoft.graph.webApp"];
const IOS_STORE_APP = ["microsoft.graph.iosStoreApp"];
const ANDROID_STORE_APP = ["microsoft.graph.androidStoreApp"];
const STORE_APPS = [...IOS_STORE_APP, ...ANDROID_STORE_APP];

/** A mobileApp property the spec does not make nullable: an app without it answers `unset`. */
const answered = (name: string, type: "Edm.Boolean" | "Edm.Int32" | EnumType, unset: boolean | number) =>
  ({ name, type, nullable: false, unset }) satisfies PropertyModel;
/** A property only some concrete types declare: null on the others. */
const declaredBy = (types: readonly string[], property: PropertyModel): PropertyModel => ({
  ...property,
  nullable: true,
  declaredBy: types,
});

/**
 * The properties of mobileApp and of its concrete types (the spec's webApp, iosStoreApp, androidStoreApp). A
 * collection holds apps of every type, so a query may name any of them; see `declaredBy` for the others' answer.
 */
export const mobileAppModel = entity(
  "microsoft.graph.mobileApp",
  [
    string("id", false),
    string("displayName"),
    string("description"),
    string("publisher"),
    { name: "createdDateTime", type: "Edm.DateTimeOffset", nullable: false },
    { name: "lastModifiedDateTime", type: "Edm.DateTimeOffset", nullable: false },
    answered("isFeatured", "Edm.Boolean", false),
    string("privacyInformationUrl"),
    string("informationUrl"),
    string("owner"),
    string("developer"),
    string("notes"),
    answered("publishingState", mobileAppPublishingState, mobileAppPublishingState.members.notPublished as number),
    answered("uploadState", "Edm.Int32", 0),
    answered("isAssigned", "Edm.Boolean", false),
    answered("dependentAppCount", "Edm.Int32", 0),
    answered("supersedingAppCount", "Edm.Int32", 0),
    answered("supersededAppCount", "Edm.Int32", 0),
    declaredBy(WEB_APP, string("appUrl")),
    declaredBy(WEB_APP, answered("useManagedBrowser", "Edm.Boolean", false)),
    declaredBy(IOS_STORE_APP, string("bundleId")),
    declaredBy(ANDROID_STORE_APP, string("packageId")),
    declaredBy(ANDROID_STORE_APP, string("appIdentifier")),
    declaredBy(STORE_APPS, string("appStoreUrl")),
  ],
  [
    { name: "largeIcon", kind: "complex" },
    { name: "roleScopeTagIds", kind: "collection" },
    { name: "applicableDeviceType", kind: "complex", declaredBy: IOS_STORE_APP },
    { name: "minimumSupportedOperatingSystem", kind: "complex", declaredBy: STORE_APPS },
  ],
);
