// Made-up but plausible Intune data for `seed`: apps of the three supported types with real-looking
// store identifiers, and users of a Contoso tenant with install counts shaped like a real fleet's
// (most users installed on one or two devices, a few failures, some not installed yet).
import { newEntityId } from "../graph/entity-ids.ts";
import type { MobileAppRecord, UserAppInstallStatusRecord } from "../store/store.ts";

export const SEED_TENANT_DOMAIN = "contoso.onmicrosoft.com";

const FIRST_NAMES = (
  "Adele Alex Allan Christie Debra Diego Emily Enrico Grady Henrietta Irvin Isaiah Johanna Joni Lee " +
  "Lidia Lynne Megan Miriam Nestor Patti Pradeep Raul Sofia Tomas Yuki Zainab Wanjiru Mateo Priya"
).split(" ");
const LAST_NAMES = (
  "Vance Wilber Deyoung Cline Berger Siciliani Braun Cattaneo Archie Mueller Sayers Langer Lorenz " +
  "Sherman Gu Holloway Robbins Bowen Graham Wilke Fernandez Gupta Razo Marino Novak Tanaka Haddad Kamau " +
  "Silva Raman"
).split(" ");

type AppTemplate = { "@odata.type": MobileAppRecord["@odata.type"]; properties: Record<string, unknown> };

const IOS_DEVICES = { "@odata.type": "#microsoft.graph.iosDeviceType", iPad: true, iPhoneAndIPod: true };
const IOS_16 = { "@odata.type": "#microsoft.graph.iosMinimumOperatingSystem", v16_0: true };
const ANDROID_9 = { "@odata.type": "#microsoft.graph.androidMinimumOperatingSystem", v9_0: true };

const iosApp = (displayName: string, publisher: string, bundleId: string, appStoreUrl: string): AppTemplate => ({
  "@odata.type": "#microsoft.graph.iosStoreApp",
  properties: {
    displayName,
    description: `${displayName} for iPhone and iPad.`,
    publisher,
    isFeatured: false,
    publishingState: "published",
    bundleId,
    appStoreUrl,
    applicableDeviceType: IOS_DEVICES,
    minimumSupportedOperatingSystem: IOS_16,
  },
});

const androidApp = (displayName: string, publisher: string, packageId: string): AppTemplate => ({
  "@odata.type": "#microsoft.graph.androidStoreApp",
  properties: {
    displayName,
    description: `${displayName} for Android.`,
    publisher,
    isFeatured: false,
    publishingState: "published",
    packageId,
    appIdentifier: packageId,
    appStoreUrl: `https://play.google.com/store/apps/details?id=${packageId}`,
    minimumSupportedOperatingSystem: ANDROID_9,
  },
});

const webApp = (displayName: string, appUrl: string): AppTemplate => ({
  "@odata.type": "#microsoft.graph.webApp",
  properties: {
    displayName,
    description: `${displayName}, opened in the managed browser.`,
    publisher: "Contoso IT",
    isFeatured: true,
    publishingState: "published",
    appUrl,
    useManagedBrowser: true,
  },
});

const APPS: AppTemplate[] = [
  iosApp(
    "Microsoft Teams",
    "Microsoft Corporation",
    "com.microsoft.skype.teams",
    "https://apps.apple.com/app/id1113153706",
  ),
  androidApp("Microsoft Teams", "Microsoft Corporation", "com.microsoft.teams"),
  webApp("Contoso Expenses", "https://expenses.contoso.com"),
  iosApp(
    "Microsoft Outlook",
    "Microsoft Corporation",
    "com.microsoft.Office.Outlook",
    "https://apps.apple.com/app/id951937596",
  ),
  androidApp("Microsoft Outlook", "Microsoft Corporation", "com.microsoft.office.outlook"),
  webApp("Contoso HR Portal", "https://hr.contoso.com"),
  iosApp(
    "Microsoft Authenticator",
    "Microsoft Corporation",
    "com.microsoft.azureauthenticator",
    "https://apps.apple.com/app/id983156458",
  ),
  androidApp("Intune Company Portal", "Microsoft Corporation", "com.microsoft.windowsintune.companyportal"),
  webApp("Northwind Intranet", "https://intranet.northwindtraders.com"),
];

/** The i-th app (0-based): the catalogue in turn, numbered from its second round on. */
export function seedApp(i: number, now: string): MobileAppRecord {
  const template = APPS[i % APPS.length] as AppTemplate;
  const round = Math.floor(i / APPS.length);
  const displayName = `${template.properties.displayName}${round === 0 ? "" : ` (${round + 1})`}`;
  return {
    id: newEntityId(),
    "@odata.type": template["@odata.type"],
    createdDateTime: now,
    lastModifiedDateTime: now,
    properties: { ...structuredClone(template.properties), displayName },
  };
}

/** A small integer, mostly `typical`, now and then up to `max`. */
function count(random: () => number, typical: number, max: number): number {
  return random() < 0.8 ? typical : Math.floor(random() * (max + 1));
}

/** The j-th user (0-based) of an app: 900 distinct first/last name pairs, then numbered UPNs. */
export function seedUserStatus(j: number, random: () => number = Math.random): UserAppInstallStatusRecord {
  const names = FIRST_NAMES.length; // as many as LAST_NAMES
  const first = FIRST_NAMES[j % names] as string;
  const last = LAST_NAMES[((j % names) + Math.floor(j / names)) % names] as string;
  const round = Math.floor(j / (names * names));
  const alias = `${first}.${last}${round === 0 ? "" : round + 1}`;
  const installed = random() < 0.85;
  return {
    id: newEntityId(),
    userName: `${first} ${last}`,
    userPrincipalName: `${alias}@${SEED_TENANT_DOMAIN}`,
    installedDeviceCount: installed ? count(random, 1, 3) : 0,
    failedDeviceCount: random() < 0.07 ? 1 : 0,
    notInstalledDeviceCount: installed ? count(random, 0, 2) : count(random, 1, 2),
  };
}
