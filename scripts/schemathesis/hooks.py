"""Schemathesis hooks for this service (loaded by scripts/schemathesis.sh through SCHEMATHESIS_HOOKS).

Four OData query options carry a grammar that no JSON Schema can state: `$filter` (OData expressions, with
nesting), `$orderby`, `$select` and `$expand` (lists of the entity's own property names), and `$skiptoken`
(opaque, valid only as `@odata.nextLink` made it for the same `$orderby`). The spec declares them as text with
their grammar in prose, so for a fuzzer any text is "valid" and the server's 400 for `$filter=0000` looks like
a schema-valid request rejected.

For fuzzing, this hook narrows each of them, per entity type, to an enumeration of values that the grammar
accepts, so that the positive checks mean what they say (every drawn value must be accepted) and the negative
ones still send everything else (which must be refused). `$skiptoken` is left out: no value is valid on its own.
Everything else is fuzzed from the spec exactly as the server serves it. Hand-made and hostile values of these
options are tested in test/graph/odata-filter.test.ts, test/graph/query-options.test.ts and
test/security/hostile-input.test.ts.
"""

import schemathesis

FILTERS = {
    "mobileApp": [
        "displayName eq 'Contoso Portal'",
        "startswith(displayName,'Con') and isFeatured eq true",
        "publishingState eq 'published' or createdDateTime ge 2024-01-01T00:00:00Z",
        "not (publisher eq null)",
        "id in ('a','b''c')",
        "contains(notes,'%_') or lastModifiedDateTime lt 2030-06-01T12:00:00.5+02:00",
        "isAssigned eq false and uploadState ge 1",
        "dependentAppCount gt 0 or supersedingAppCount eq 0 or supersededAppCount lt 2",
        # Properties of one type only: null on the apps of the others.
        "appUrl eq null or useManagedBrowser eq true",
        "startswith(appStoreUrl,'https://') and (bundleId ne null or packageId in ('com.contoso.app'))",
        "appIdentifier eq 'com.contoso.app'",
    ],
    "userAppInstallStatus": [
        "failedDeviceCount gt 0",
        "userName eq null",
        "userPrincipalName ne 'a' and (installedDeviceCount le 5 or notInstalledDeviceCount ge -3)",
        "endswith(userPrincipalName,'@contoso.example')",
        "installedDeviceCount in (1,2,3) and not contains(userName,'''')",
        "id ge 'm'",
    ],
    "mobileAppInstallStatus": [
        "installState eq 'failed'",
        "installStateDetail eq microsoft.graph.resultantAppStateDetail'seeInstallErrorCode'",
        "lastSyncDateTime lt 2025-01-01T00:00:00Z and errorCode ne 0",
        "deviceName eq 'Laptop' or osVersion eq null",
        "mobileAppInstallStatusValue in ('installed','unknown')",
        "startswith(displayVersion,'1.')",
    ],
}

ORDERBY = {
    "mobileApp": [
        "displayName", "createdDateTime desc", "publisher,displayName desc", "id desc", "isFeatured desc,id",
        "uploadState desc,displayName", "isAssigned,supersededAppCount desc", "appUrl,useManagedBrowser desc",
        "appStoreUrl desc,bundleId,packageId",
    ],
    "userAppInstallStatus": ["userName", "failedDeviceCount desc,userName", "id desc", "installedDeviceCount,notInstalledDeviceCount desc"],
    "mobileAppInstallStatus": ["lastSyncDateTime desc", "installState,deviceName", "errorCode desc,id", "id"],
}

SELECT = {
    "mobileApp": [
        "displayName", "id,displayName,publisher", "createdDateTime,lastModifiedDateTime", "*",
        "largeIcon,roleScopeTagIds", "uploadState,isAssigned,dependentAppCount,supersedingAppCount,supersededAppCount",
        "appUrl,useManagedBrowser", "bundleId,appStoreUrl,applicableDeviceType,minimumSupportedOperatingSystem",
        "packageId,appIdentifier",
    ],
    "userAppInstallStatus": ["userName", "userName,failedDeviceCount", "app", "deviceStatuses,userPrincipalName", "*"],
    "mobileAppInstallStatus": ["deviceName", "installState,installStateDetail,errorCode", "lastSyncDateTime", "*"],
}

EXPAND = {
    "expandUserStatus": ["app", "deviceStatuses", "app,deviceStatuses", "*"],
    "expandDeviceStatus": ["app", "*"],
}


def entity_of(path):
    """The entity type an operation's query options are about (both deviceStatuses collections alike)."""
    if path.endswith("/app"):
        return "mobileApp"
    if "/deviceStatuses" in path:
        return "mobileAppInstallStatus"
    if "/userStatuses" in path:
        return "userAppInstallStatus"
    return "mobileApp"


def narrowed(parameter, values):
    return {**parameter, "schema": {"type": "string", "enum": values}}


@schemathesis.hook
def before_load_schema(context, raw_schema):
    parameters = raw_schema["components"]["parameters"]
    for path, item in raw_schema["paths"].items():
        entity = entity_of(path)
        pools = {
            "filter": FILTERS[entity],
            "orderby": ORDERBY[entity],
            "select": SELECT[entity],
            **EXPAND,
        }
        for method, operation in item.items():
            if method == "parameters" or not isinstance(operation, dict):
                continue
            kept = []
            for parameter in operation.get("parameters", []):
                name = parameter.get("$ref", "").rsplit("/", 1)[-1]
                if name == "skiptoken":
                    continue
                kept.append(narrowed(parameters[name], pools[name]) if name in pools else parameter)
            operation["parameters"] = kept
