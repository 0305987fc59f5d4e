// A project that uses the service's contract through the installed package only: the generated client
// ("graph-intune-app-status/client") and the generated types ("graph-intune-app-status/types").
//   GRAPH_BASE_URL=http://127.0.0.1:3000 GRAPH_TOKEN=$(npx graph-intune token) node dist/main.js
// Prints one line per step; exits 1 at the first step that does not go as the contract says.
import { Configuration, MobileAppsApi, ResponseError, UserStatusesApi } from "graph-intune-app-status/client";
import type { components } from "graph-intune-app-status/types";

type GraphErrorBody = components["schemas"]["microsoft.graph.ODataErrors.ODataError"];

const basePath = process.env.GRAPH_BASE_URL;
const token = process.env.GRAPH_TOKEN;
if (!basePath || !token) {
  console.error("Set GRAPH_BASE_URL (e.g. http://127.0.0.1:3000) and GRAPH_TOKEN (npx graph-intune token).");
  process.exit(2);
}

const configuration = new Configuration({ basePath, accessToken: async () => token });
const apps = new MobileAppsApi(configuration);
const statuses = new UserStatusesApi(configuration);

function check(condition: boolean, step: string): void {
  if (!condition) throw new Error(`unexpected answer: ${step}`);
}

const app = await apps.createMobileApp({
  mobileApp: {
    atOdataType: "#microsoft.graph.webApp",
    displayName: "Consumer Portal",
    appUrl: "https://consumer.example",
  },
});
check(typeof app.id === "string" && app.atOdataType === "#microsoft.graph.webApp", "createMobileApp");
const mobileAppId = String(app.id);
console.log(`created mobileApp ${app.atOdataType} "${app.displayName}"`);

const users = ["Adele Vance", "Alex Wilber", "Megan Bowen", "Nestor Wilke", "Lynne Robbins"];
for (const [index, userName] of users.entries()) {
  const status = await statuses.createUserStatus({
    mobileAppId,
    userAppInstallStatus: {
      atOdataType: "#microsoft.graph.userAppInstallStatus",
      userName,
      userPrincipalName: `${userName.split(" ")[0]}@contoso.example`,
      installedDeviceCount: index,
      failedDeviceCount: 0,
      notInstalledDeviceCount: 1,
    },
  });
  check(status.userName === userName && typeof status.id === "string", "createUserStatus");
}
console.log(`created ${users.length} userAppInstallStatuses`);

// Pages of 2, each continued by the $skiptoken of the previous page's @odata.nextLink.
const seen: string[] = [];
let skiptoken: string | undefined;
let pages = 0;
do {
  const page = await statuses.listUserStatuses({
    mobileAppId,
    $top: 2,
    $orderby: "userName",
    ...(skiptoken ? { $skiptoken: skiptoken } : {}),
  });
  pages += 1;
  seen.push(...page.value.map((status) => String(status.userName)));
  skiptoken = page.atOdataNextLink
    ? (new URL(page.atOdataNextLink).searchParams.get("$skiptoken") ?? undefined)
    : undefined;
} while (skiptoken !== undefined);
check(seen.join() === [...users].sort().join(), "listUserStatuses pages");
console.log(`listed ${seen.length} userAppInstallStatuses in ${pages} pages: ${seen.join(", ")}`);

// A 4xx arrives as the client's ResponseError; its body is Graph's error envelope, typed by ./types.
try {
  await statuses.getUserStatus({ mobileAppId, userAppInstallStatusId: "no-such-status" });
  check(false, "getUserStatus of an unknown id succeeded");
} catch (error) {
  if (!(error instanceof ResponseError)) throw error;
  const body = (await error.response.json()) as GraphErrorBody;
  check(error.response.status === 404 && body.error.code === "ResourceNotFound", "getUserStatus of an unknown id");
  console.log(`unknown id: HTTP ${error.response.status} ${body.error.code}: ${body.error.message}`);
}

await apps.deleteMobileApp({ mobileAppId });
console.log("deleted the mobileApp");
