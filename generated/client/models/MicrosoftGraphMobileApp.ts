/* tslint:disable */
/* eslint-disable */
/**
 * Intune userAppInstallStatus API (Microsoft Graph beta stand-in)
 * A faithful, self-hosted implementation of Microsoft Graph\'s documented Intune `userAppInstallStatus` API (`/beta/deviceAppManagement/mobileApps/{mobileAppId}/userStatuses`) and the `mobileApps` it belongs to.  This document is the single source of truth of the service: its routes, parameters, schemas, headers, status codes and security are read from here by the server, the generated types and the generated client.  Tenants, as in Graph: every entity (mobileApp, userAppInstallStatus, mobileAppInstallStatus) belongs to the tenant of the token that created it, its `tid` claim (delegated and application tokens alike; a token without `tid` answers `401`). Every operation reads, counts, filters, pages and changes only the calling token\'s tenant: another tenant\'s entity answers `404 ResourceNotFound` exactly as an id that exists nowhere (never `403`), its collections are empty to the caller, a `$skiptoken` made in one tenant yields only the caller\'s rows, and client-chosen ids are unique per tenant (a `409` only ever names the caller\'s own entity). Data stored before tenants existed belongs to the tenant of `npm run token` without `--tid` (`a1b2c3d4-0000-4000-8000-00000000c0de`).  Decisions where Microsoft published nothing (the server follows them): - Unknown parent or item ids answer `404 ResourceNotFound`; a client-supplied `id` already used in   that app answers `409 Conflict`. A `201 Created` carries `Location`, the new entity\'s URL, and its   response declares OpenAPI `links` to the operations on the new entity. - Identifiers are 1 to 128 characters; `userName` and `userPrincipalName` are at most 1024 characters.   Lengths count Unicode code points, so 1024 emoji are a valid `userName`. - Text (every string property, path key and query option) is any Unicode text except the character   U+0000 (the pattern `^[^\\u0000]*$`), which PostgreSQL cannot store, and unpaired surrogates (which JSON   can carry as `\\ud800` escapes but UTF-8 cannot encode): either answers `400 BadRequest`. Everything   else, characters outside the Basic Multilingual Plane (4-byte UTF-8) included, is stored and read back   exactly. SQL-looking text is data: every value reaches the store as a bound parameter. - Hostile requests end in a Graph error, never in a 5xx: a JSON key `__proto__`, or `constructor` holding   `prototype`, answers `400` (prototype poisoning); JSON nested however deep answers `400` like any other   wrong value; a body over `BODY_LIMIT` (1 MiB by default) answers `413`; a request line and headers over   16 KiB (thousands of query parameters) answer `431`; a path key over 1000 characters answers `400`; a   request that does not arrive within `HEADERS_TIMEOUT_MS` (headers, 10 s by default) or   `REQUEST_TIMEOUT_MS` (all of it, 30 s) answers `408`. The last two close the connection. - Throttling and fault injection, both off unless configured: with `THROTTLE=intune` the server keeps   Intune\'s documented limits per calling application (the token\'s `appid` or `azp`) in a tenant (its   `tid`) and per tenant, and answers `429 TooManyRequests` with `Retry-After`; `FAULT_RATE` answers that   share of `/beta` requests with a `429`, `503` (both with `Retry-After`) or `504` of `FAULT_STATUSES`. - `Authorization` is declared by the `bearerAuth` security scheme and `Accept` by each response\'s media   type (OpenAPI ignores header parameters with those names). `client-request-id` is echoed in the   `client-request-id` response header; without it, the `request-id` is echoed instead. - The permissions an operation needs are in its `x-graph-permissions` extension: a token holding any   one of the listed permissions (in `scp` for delegated tokens, in `roles` for application tokens)   may call it. Personal Microsoft account tokens are refused for every operation. - Outside Graph\'s own surface, for Microsoft\'s client libraries: `POST /beta/$batch` (JSON batching, each   request served as if sent alone) and the Entra-shaped `/{tenant}/…` endpoints (tag `identity`: discovery,   keys, client credentials tokens for the registrations of `graph-intune client add`), which answer Entra\'s   error shape, not Graph\'s. - Request bodies are closed: a property not declared here answers `400 BadRequest`. Read-only   properties (`createdDateTime`, `lastModifiedDateTime`, `@odata.context`, and those marked   `x-graph-not-patchable` in a PATCH) are accepted and ignored. - Every collection answers `@odata.count` with `$count=true` and `@odata.nextLink` while more items   remain; each collection\'s response schema declares both (a test generated from this document checks   every collection operation for it). - The two `deviceStatuses` collections are distinct sets. Microsoft\'s metadata declares both   `mobileApp.deviceStatuses` and `userAppInstallStatus.deviceStatuses` as navigations of   `Collection(microsoft.graph.mobileAppInstallStatus)`, and its docs create, update and delete through   both, which OData allows only through containment navigations (`ContainsTarget=\"true\"`; this service\'s   `$metadata` says so). In OData a contained entity belongs to exactly one containing entity, which its   canonical URL runs through. So a   mobileAppInstallStatus created under `/mobileApps/{id}/deviceStatuses` belongs to the app alone (it is   not listed under any userStatus), one created under `/userStatuses/{id}/deviceStatuses` belongs to that   user status alone (it is not listed under the app), ids are unique within each collection (the same id   may be used in both), and deleting the app deletes both kinds while deleting a userStatus deletes only   its own. `app` (not contained) is the mobileApp a status belongs to, in either collection. - OData details, following OData 4.01\'s URL conventions where Graph\'s documentation is silent:   system query option names are case-insensitive and their `$` is optional (`$Top`, `$TOP`, `top` are   `$top`); `$top=0` answers an empty page (with `@odata.count` when `$count=true`, never a next link);   `$expand=*` expands every navigation the operation offers; an entity may be addressed by key in   parentheses as well as by key segment (`mobileApps(\'id\')` is `mobileApps/id`, quotes doubled inside,   as in the `@odata.context` URLs the service answers); an empty `$select=`, `$filter=`, `$orderby=`,   `$expand=` or `$skiptoken=` is not valid OData syntax and answers `400 BadRequest` (their schemas   require at least one character). - DateTimeOffset values keep .NET\'s precision, 100 ns: up to 7 fractional digits are stored exactly   (digits beyond the 7th are dropped) and answered in UTC with the digits sent, at least 3   (`2017-01-01T00:02:49.3205976-08:00` is answered `2017-01-01T08:02:49.3205976Z`). - `GET /beta/$metadata` answers the CSDL (OData CSDL XML 4.0) of the entity types, complex types, enums   and navigations this document declares, built from it at start-up, so that every `@odata.context`   URL resolves. Enum members are listed by name in the order declared here; JSON carries names. 
 *
 * The version of the OpenAPI document: 0.2.0
 * 
 *
 * NOTE: This class is auto generated by OpenAPI Generator (https://openapi-generator.tech).
 * https://openapi-generator.tech
 * Do not edit the class manually.
 */

import { parseDate, parseDateTime, serializeDate, serializeDateTime } from '../runtime.js';
import type { MicrosoftGraphAndroidStoreApp } from './MicrosoftGraphAndroidStoreApp.js';
import {
    instanceOfMicrosoftGraphAndroidStoreApp,
    MicrosoftGraphAndroidStoreAppFromJSON,
    MicrosoftGraphAndroidStoreAppFromJSONTyped,
    MicrosoftGraphAndroidStoreAppToJSON,
} from './MicrosoftGraphAndroidStoreApp.js';
import type { MicrosoftGraphIosStoreApp } from './MicrosoftGraphIosStoreApp.js';
import {
    instanceOfMicrosoftGraphIosStoreApp,
    MicrosoftGraphIosStoreAppFromJSON,
    MicrosoftGraphIosStoreAppFromJSONTyped,
    MicrosoftGraphIosStoreAppToJSON,
} from './MicrosoftGraphIosStoreApp.js';
import type { MicrosoftGraphWebApp } from './MicrosoftGraphWebApp.js';
import {
    instanceOfMicrosoftGraphWebApp,
    MicrosoftGraphWebAppFromJSON,
    MicrosoftGraphWebAppFromJSONTyped,
    MicrosoftGraphWebAppToJSON,
} from './MicrosoftGraphWebApp.js';

/**
 * @type MicrosoftGraphMobileApp
 * An app in Intune (abstract). Every instance names its concrete type in `@odata.type`; the ones
 * this server supports are listed here, each with the base properties and its own as Microsoft's
 * resource pages document them (intune-shared-mobileapp.md, intune-apps-webapp.md,
 * intune-apps-iosstoreapp.md, intune-apps-androidstoreapp.md).
 * 
 * Answers carry every property of the concrete type, as Graph returns them: strings and complex
 * values (`largeIcon`, `applicableDeviceType`, `minimumSupportedOperatingSystem`) `null` where unset,
 * Booleans `false`, Int32 values `0`, `roleScopeTagIds` `[]`, `publishingState` `notPublished`. A
 * complex value is answered with every property of its type (Booleans `false`, strings `null` where
 * unset) and its `@odata.type` with the leading `#`; requests may write that `@odata.type` with or
 * without the `#`, as Microsoft's examples write it without.
 * 
 * Read-only, as documented: `id`, `createdDateTime` and `lastModifiedDateTime` are set by the server,
 * and a webApp's `appUrl` "cannot be PATCHed"; bodies may carry them (clients echo answers back) and
 * they are ignored. `uploadState`, `isAssigned`, `roleScopeTagIds` and the three app counts are
 * stored as sent: Microsoft's pages list them among the properties a create and an update take, and
 * their examples answer them with the values sent.
 * 
 * Query options (`$select`, `$filter`, `$orderby` of listMobileApps, countMobileApps, getMobileApp) may
 * name any property of any of these types, since a collection holds apps of every type:
 * - `$select` of a property that an app's type does not declare leaves it out of that app's answer
 *   (`$select=appUrl` answers `appUrl` on a webApp, only `id` and `@odata.type` on an iosStoreApp).
 * - `$filter` and `$orderby` see such a property as `null` on that app (`appUrl eq null` matches every
 *   iosStoreApp and androidStoreApp, `useManagedBrowser eq false` only webApps; `null` sorts first
 *   ascending, last descending), and an unwritten property as the answer shows it (`isAssigned eq false`,
 *   `uploadState eq 0` and `publishingState eq 'notPublished'` match an app that never had them written;
 *   `displayName eq null` one without a displayName).
 * - Complex and collection values (`largeIcon`, `roleScopeTagIds`, `applicableDeviceType`,
 *   `minimumSupportedOperatingSystem`) can be selected but not filtered or ordered by: 400 BadRequest.
 * 
 * @export
 */
export type MicrosoftGraphMobileApp = { atOdataType: '#microsoft.graph.androidStoreApp' } & MicrosoftGraphAndroidStoreApp | { atOdataType: '#microsoft.graph.iosStoreApp' } & MicrosoftGraphIosStoreApp | { atOdataType: '#microsoft.graph.webApp' } & MicrosoftGraphWebApp;

export function MicrosoftGraphMobileAppFromJSON(json: any): MicrosoftGraphMobileApp {
    return MicrosoftGraphMobileAppFromJSONTyped(json, false);
}

export function MicrosoftGraphMobileAppFromJSONTyped(json: any, ignoreDiscriminator: boolean): MicrosoftGraphMobileApp {
    if (json == null) {
        return json;
    }
    switch (json['@odata.type']) {
        case '#microsoft.graph.androidStoreApp':
            return Object.assign({}, MicrosoftGraphAndroidStoreAppFromJSONTyped(json, true), { atOdataType: '#microsoft.graph.androidStoreApp' } as const);
        case '#microsoft.graph.iosStoreApp':
            return Object.assign({}, MicrosoftGraphIosStoreAppFromJSONTyped(json, true), { atOdataType: '#microsoft.graph.iosStoreApp' } as const);
        case '#microsoft.graph.webApp':
            return Object.assign({}, MicrosoftGraphWebAppFromJSONTyped(json, true), { atOdataType: '#microsoft.graph.webApp' } as const);
        default:
            return json;
    }
}

export function MicrosoftGraphMobileAppToJSON(json: any): any {
    return MicrosoftGraphMobileAppToJSONTyped(json, false);
}

export function MicrosoftGraphMobileAppToJSONTyped(value?: MicrosoftGraphMobileApp | null, ignoreDiscriminator: boolean = false): any {
    if (value == null) {
        return value;
    }
    switch (value['atOdataType']) {
        case '#microsoft.graph.androidStoreApp':
            return Object.assign({}, MicrosoftGraphAndroidStoreAppToJSON(value), { '@odata.type': '#microsoft.graph.androidStoreApp' } as const);
        case '#microsoft.graph.iosStoreApp':
            return Object.assign({}, MicrosoftGraphIosStoreAppToJSON(value), { '@odata.type': '#microsoft.graph.iosStoreApp' } as const);
        case '#microsoft.graph.webApp':
            return Object.assign({}, MicrosoftGraphWebAppToJSON(value), { '@odata.type': '#microsoft.graph.webApp' } as const);
        default:
            return value;
    }
}

