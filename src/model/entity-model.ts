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
  nullable: boolean;
}

export interface EntityModel {
  /** Qualified type name, as in OData messages: microsoft.graph.userAppInstallStatus. */
  typeName: string;
  properties: ReadonlyMap<string, PropertyModel>;
}

function entity(typeName: string, properties: PropertyModel[]): EntityModel {
  return { typeName, properties: new Map(properties.map((p) => [p.name, p])) };
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

/** The mobileApp base properties a query may name (every concrete type has them). */
export const mobileAppModel = entity("microsoft.graph.mobileApp", [
  string("id", false),
  string("displayName"),
  string("description"),
  string("publisher"),
  { name: "createdDateTime", type: "Edm.DateTimeOffset", nullable: false },
  { name: "lastModifiedDateTime", type: "Edm.DateTimeOffset", nullable: false },
  { name: "isFeatured", type: "Edm.Boolean", nullable: true },
  string("privacyInformationUrl"),
  string("informationUrl"),
  string("owner"),
  string("developer"),
  string("notes"),
  { name: "publishingState", type: mobileAppPublishingState, nullable: true },
]);
