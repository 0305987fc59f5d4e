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

import * as runtime from '../runtime.js';
import {
    type MicrosoftGraphMobileApp,
    MicrosoftGraphMobileAppFromJSON,
    MicrosoftGraphMobileAppToJSON,
} from '../models/MicrosoftGraphMobileApp.js';
import {
    type MicrosoftGraphMobileAppCollectionResponse,
    MicrosoftGraphMobileAppCollectionResponseFromJSON,
    MicrosoftGraphMobileAppCollectionResponseToJSON,
} from '../models/MicrosoftGraphMobileAppCollectionResponse.js';
import {
    type MicrosoftGraphODataErrorsODataError,
    MicrosoftGraphODataErrorsODataErrorFromJSON,
    MicrosoftGraphODataErrorsODataErrorToJSON,
} from '../models/MicrosoftGraphODataErrorsODataError.js';

export interface CountMobileAppsRequest {
    /**
     * A client-chosen id for this request (a GUID by convention), echoed in the response.
     */
    clientRequestId?: string;
    /**
     * An OData v4 filter over the entity's properties: eq, ne, gt, ge, lt, le, and, or, not, parentheses,
     * in, startswith / endswith / contains (case-sensitive), null, string literals with '' escaping,
     * enum literals (`installState eq 'failed'`), DateTimeOffset literals. At most 4096 characters.
     * 
     */
    $filter?: string;
}

export interface CreateMobileAppRequest {
    /**
     * 
     */
    mobileApp: MicrosoftGraphMobileApp;
    /**
     * A client-chosen id for this request (a GUID by convention), echoed in the response.
     */
    clientRequestId?: string;
}

export interface DeleteMobileAppRequest {
    /**
     * Key of the mobileApp.
     */
    mobileAppId: string;
    /**
     * A client-chosen id for this request (a GUID by convention), echoed in the response.
     */
    clientRequestId?: string;
}

export interface GetMobileAppRequest {
    /**
     * Key of the mobileApp.
     */
    mobileAppId: string;
    /**
     * A client-chosen id for this request (a GUID by convention), echoed in the response.
     */
    clientRequestId?: string;
    /**
     * Comma-separated properties to answer; `id` and `@odata.type` are always answered.
     */
    $select?: string;
}

export interface ListMobileAppsRequest {
    /**
     * A client-chosen id for this request (a GUID by convention), echoed in the response.
     */
    clientRequestId?: string;
    /**
     * The page size, as on Graph: at most 999 (default 100); `0` answers an empty page. More items are
     * reached through `@odata.nextLink`. As on Graph beta, every query option may also be written without
     * its `$`, and (OData 4.01) in any case: `$Top`, `TOP`.
     * 
     */
    $top?: number;
    /**
     * Items to skip before the first page. Next links continue by `$skiptoken` instead.
     */
    $skip?: number;
    /**
     * Opaque; taken from `@odata.nextLink`, never made by hand.
     */
    $skiptoken?: string;
    /**
     * An OData v4 filter over the entity's properties: eq, ne, gt, ge, lt, le, and, or, not, parentheses,
     * in, startswith / endswith / contains (case-sensitive), null, string literals with '' escaping,
     * enum literals (`installState eq 'failed'`), DateTimeOffset literals. At most 4096 characters.
     * 
     */
    $filter?: string;
    /**
     * Comma-separated properties, each optionally `asc` or `desc`, e.g. `failedDeviceCount desc,userName`.
     * Ties are broken by `id`, so that paging is exact.
     * 
     */
    $orderby?: string;
    /**
     * Comma-separated properties to answer; `id` and `@odata.type` are always answered.
     */
    $select?: string;
    /**
     * With `true`, the answer carries `@odata.count`, the number of items matching `$filter`.
     */
    $count?: boolean;
}

export interface UpdateMobileAppRequest {
    /**
     * Key of the mobileApp.
     */
    mobileAppId: string;
    /**
     * 
     */
    mobileApp: MicrosoftGraphMobileApp;
    /**
     * A client-chosen id for this request (a GUID by convention), echoed in the response.
     */
    clientRequestId?: string;
}

/**
 * 
 */
export class MobileAppsApi extends runtime.BaseAPI {

    /**
     * Creates request options for countMobileApps without sending the request
     */
    async countMobileAppsRequestOpts(requestParameters: CountMobileAppsRequest): Promise<runtime.RequestOpts> {
        const queryParameters: any = {};

        if (requestParameters['$filter'] != null) {
            queryParameters['$filter'] = requestParameters['$filter'];
        }

        const headerParameters: runtime.HTTPHeaders = {};

        if (requestParameters['clientRequestId'] != null) {
            headerParameters['client-request-id'] = String(requestParameters['clientRequestId']);
        }

        if (this.configuration && this.configuration.accessToken) {
            const token = this.configuration.accessToken;
            const tokenString = await token("bearerAuth", []);

            if (tokenString) {
                headerParameters["Authorization"] = `Bearer ${tokenString}`;
            }
        }

        let urlPath = `/beta/deviceAppManagement/mobileApps/$count`;

        return {
            path: urlPath,
            method: 'GET',
            headers: headerParameters,
            query: queryParameters,
        };
    }

    /**
     * The number of items that match `$filter` (all without it), as text/plain; the mobileApp schema says what `$filter` sees of a property that an app\'s type does not declare. 
     * Count mobileApps
     */
    async countMobileAppsRaw(requestParameters: CountMobileAppsRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<runtime.ApiResponse<string>> {
        const requestOptions = await this.countMobileAppsRequestOpts(requestParameters);
        const response = await this.request(requestOptions, initOverrides);

        if (this.isJsonMime(response.headers.get('content-type'))) {
            return new runtime.JSONApiResponse<string>(response);
        } else {
            return new runtime.TextApiResponse(response) as any;
        }
    }

    /**
     * The number of items that match `$filter` (all without it), as text/plain; the mobileApp schema says what `$filter` sees of a property that an app\'s type does not declare. 
     * Count mobileApps
     */
    async countMobileApps(requestParameters: CountMobileAppsRequest = {}, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<string> {
        const response = await this.countMobileAppsRaw(requestParameters, initOverrides);
        return await response.value();
    }

    /**
     * Creates request options for createMobileApp without sending the request
     */
    async createMobileAppRequestOpts(requestParameters: CreateMobileAppRequest): Promise<runtime.RequestOpts> {
        if (requestParameters['mobileApp'] == null) {
            throw new runtime.RequiredError(
                'mobileApp',
                'Required parameter "mobileApp" was null or undefined when calling createMobileApp().'
            );
        }

        const queryParameters: any = {};

        const headerParameters: runtime.HTTPHeaders = {};

        headerParameters['Content-Type'] = 'application/json';

        if (requestParameters['clientRequestId'] != null) {
            headerParameters['client-request-id'] = String(requestParameters['clientRequestId']);
        }

        if (this.configuration && this.configuration.accessToken) {
            const token = this.configuration.accessToken;
            const tokenString = await token("bearerAuth", []);

            if (tokenString) {
                headerParameters["Authorization"] = `Bearer ${tokenString}`;
            }
        }

        let urlPath = `/beta/deviceAppManagement/mobileApps`;

        return {
            path: urlPath,
            method: 'POST',
            headers: headerParameters,
            query: queryParameters,
            body: MicrosoftGraphMobileAppToJSON(requestParameters['mobileApp']),
        };
    }

    /**
     * Create a mobile app of one of the supported concrete types, named by `@odata.type`. The server issues its `id`, a time-ordered GUID (UUID version 7).
     * Create mobileApp
     */
    async createMobileAppRaw(requestParameters: CreateMobileAppRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<runtime.ApiResponse<MicrosoftGraphMobileApp>> {
        const requestOptions = await this.createMobileAppRequestOpts(requestParameters);
        const response = await this.request(requestOptions, initOverrides);

        return new runtime.JSONApiResponse(response, (jsonValue) => MicrosoftGraphMobileAppFromJSON(jsonValue));
    }

    /**
     * Create a mobile app of one of the supported concrete types, named by `@odata.type`. The server issues its `id`, a time-ordered GUID (UUID version 7).
     * Create mobileApp
     */
    async createMobileApp(requestParameters: CreateMobileAppRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<MicrosoftGraphMobileApp> {
        const response = await this.createMobileAppRaw(requestParameters, initOverrides);
        return await response.value();
    }

    /**
     * Creates request options for deleteMobileApp without sending the request
     */
    async deleteMobileAppRequestOpts(requestParameters: DeleteMobileAppRequest): Promise<runtime.RequestOpts> {
        if (requestParameters['mobileAppId'] == null) {
            throw new runtime.RequiredError(
                'mobileAppId',
                'Required parameter "mobileAppId" was null or undefined when calling deleteMobileApp().'
            );
        }

        const queryParameters: any = {};

        const headerParameters: runtime.HTTPHeaders = {};

        if (requestParameters['clientRequestId'] != null) {
            headerParameters['client-request-id'] = String(requestParameters['clientRequestId']);
        }

        if (this.configuration && this.configuration.accessToken) {
            const token = this.configuration.accessToken;
            const tokenString = await token("bearerAuth", []);

            if (tokenString) {
                headerParameters["Authorization"] = `Bearer ${tokenString}`;
            }
        }

        let urlPath = `/beta/deviceAppManagement/mobileApps/{mobileAppId}`;
        urlPath = urlPath.replace('{mobileAppId}', encodeURIComponent(String(requestParameters['mobileAppId'])));

        return {
            path: urlPath,
            method: 'DELETE',
            headers: headerParameters,
            query: queryParameters,
        };
    }

    /**
     * Delete the app and, with it, everything it contains (its userStatuses, their deviceStatuses, and its own deviceStatuses).
     * Delete mobileApp
     */
    async deleteMobileAppRaw(requestParameters: DeleteMobileAppRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<runtime.ApiResponse<void>> {
        const requestOptions = await this.deleteMobileAppRequestOpts(requestParameters);
        const response = await this.request(requestOptions, initOverrides);

        return new runtime.VoidApiResponse(response);
    }

    /**
     * Delete the app and, with it, everything it contains (its userStatuses, their deviceStatuses, and its own deviceStatuses).
     * Delete mobileApp
     */
    async deleteMobileApp(requestParameters: DeleteMobileAppRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<void> {
        await this.deleteMobileAppRaw(requestParameters, initOverrides);
    }

    /**
     * Creates request options for getMobileApp without sending the request
     */
    async getMobileAppRequestOpts(requestParameters: GetMobileAppRequest): Promise<runtime.RequestOpts> {
        if (requestParameters['mobileAppId'] == null) {
            throw new runtime.RequiredError(
                'mobileAppId',
                'Required parameter "mobileAppId" was null or undefined when calling getMobileApp().'
            );
        }

        const queryParameters: any = {};

        if (requestParameters['$select'] != null) {
            queryParameters['$select'] = requestParameters['$select'];
        }

        const headerParameters: runtime.HTTPHeaders = {};

        if (requestParameters['clientRequestId'] != null) {
            headerParameters['client-request-id'] = String(requestParameters['clientRequestId']);
        }

        if (this.configuration && this.configuration.accessToken) {
            const token = this.configuration.accessToken;
            const tokenString = await token("bearerAuth", []);

            if (tokenString) {
                headerParameters["Authorization"] = `Bearer ${tokenString}`;
            }
        }

        let urlPath = `/beta/deviceAppManagement/mobileApps/{mobileAppId}`;
        urlPath = urlPath.replace('{mobileAppId}', encodeURIComponent(String(requestParameters['mobileAppId'])));

        return {
            path: urlPath,
            method: 'GET',
            headers: headerParameters,
            query: queryParameters,
        };
    }

    /**
     * The app; `$select` may name any property of the mobileApp types (see the mobileApp schema).
     * Get mobileApp
     */
    async getMobileAppRaw(requestParameters: GetMobileAppRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<runtime.ApiResponse<MicrosoftGraphMobileApp>> {
        const requestOptions = await this.getMobileAppRequestOpts(requestParameters);
        const response = await this.request(requestOptions, initOverrides);

        return new runtime.JSONApiResponse(response, (jsonValue) => MicrosoftGraphMobileAppFromJSON(jsonValue));
    }

    /**
     * The app; `$select` may name any property of the mobileApp types (see the mobileApp schema).
     * Get mobileApp
     */
    async getMobileApp(requestParameters: GetMobileAppRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<MicrosoftGraphMobileApp> {
        const response = await this.getMobileAppRaw(requestParameters, initOverrides);
        return await response.value();
    }

    /**
     * Creates request options for listMobileApps without sending the request
     */
    async listMobileAppsRequestOpts(requestParameters: ListMobileAppsRequest): Promise<runtime.RequestOpts> {
        const queryParameters: any = {};

        if (requestParameters['$top'] != null) {
            queryParameters['$top'] = requestParameters['$top'];
        }

        if (requestParameters['$skip'] != null) {
            queryParameters['$skip'] = requestParameters['$skip'];
        }

        if (requestParameters['$skiptoken'] != null) {
            queryParameters['$skiptoken'] = requestParameters['$skiptoken'];
        }

        if (requestParameters['$filter'] != null) {
            queryParameters['$filter'] = requestParameters['$filter'];
        }

        if (requestParameters['$orderby'] != null) {
            queryParameters['$orderby'] = requestParameters['$orderby'];
        }

        if (requestParameters['$select'] != null) {
            queryParameters['$select'] = requestParameters['$select'];
        }

        if (requestParameters['$count'] != null) {
            queryParameters['$count'] = requestParameters['$count'];
        }

        const headerParameters: runtime.HTTPHeaders = {};

        if (requestParameters['clientRequestId'] != null) {
            headerParameters['client-request-id'] = String(requestParameters['clientRequestId']);
        }

        if (this.configuration && this.configuration.accessToken) {
            const token = this.configuration.accessToken;
            const tokenString = await token("bearerAuth", []);

            if (tokenString) {
                headerParameters["Authorization"] = `Bearer ${tokenString}`;
            }
        }

        let urlPath = `/beta/deviceAppManagement/mobileApps`;

        return {
            path: urlPath,
            method: 'GET',
            headers: headerParameters,
            query: queryParameters,
        };
    }

    /**
     * A page of apps; see the query parameters for paging, filtering, ordering and selection, and the mobileApp schema for the properties they may name on apps of several types. 
     * List mobileApps
     */
    async listMobileAppsRaw(requestParameters: ListMobileAppsRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<runtime.ApiResponse<MicrosoftGraphMobileAppCollectionResponse>> {
        const requestOptions = await this.listMobileAppsRequestOpts(requestParameters);
        const response = await this.request(requestOptions, initOverrides);

        return new runtime.JSONApiResponse(response, (jsonValue) => MicrosoftGraphMobileAppCollectionResponseFromJSON(jsonValue));
    }

    /**
     * A page of apps; see the query parameters for paging, filtering, ordering and selection, and the mobileApp schema for the properties they may name on apps of several types. 
     * List mobileApps
     */
    async listMobileApps(requestParameters: ListMobileAppsRequest = {}, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<MicrosoftGraphMobileAppCollectionResponse> {
        const response = await this.listMobileAppsRaw(requestParameters, initOverrides);
        return await response.value();
    }

    /**
     * Creates request options for updateMobileApp without sending the request
     */
    async updateMobileAppRequestOpts(requestParameters: UpdateMobileAppRequest): Promise<runtime.RequestOpts> {
        if (requestParameters['mobileAppId'] == null) {
            throw new runtime.RequiredError(
                'mobileAppId',
                'Required parameter "mobileAppId" was null or undefined when calling updateMobileApp().'
            );
        }

        if (requestParameters['mobileApp'] == null) {
            throw new runtime.RequiredError(
                'mobileApp',
                'Required parameter "mobileApp" was null or undefined when calling updateMobileApp().'
            );
        }

        const queryParameters: any = {};

        const headerParameters: runtime.HTTPHeaders = {};

        headerParameters['Content-Type'] = 'application/json';

        if (requestParameters['clientRequestId'] != null) {
            headerParameters['client-request-id'] = String(requestParameters['clientRequestId']);
        }

        if (this.configuration && this.configuration.accessToken) {
            const token = this.configuration.accessToken;
            const tokenString = await token("bearerAuth", []);

            if (tokenString) {
                headerParameters["Authorization"] = `Bearer ${tokenString}`;
            }
        }

        let urlPath = `/beta/deviceAppManagement/mobileApps/{mobileAppId}`;
        urlPath = urlPath.replace('{mobileAppId}', encodeURIComponent(String(requestParameters['mobileAppId'])));

        return {
            path: urlPath,
            method: 'PATCH',
            headers: headerParameters,
            query: queryParameters,
            body: MicrosoftGraphMobileAppToJSON(requestParameters['mobileApp']),
        };
    }

    /**
     * Update the properties sent; the others keep their values. `@odata.type` must name the app\'s own type. Answers 200 with the updated app. 
     * Update mobileApp
     */
    async updateMobileAppRaw(requestParameters: UpdateMobileAppRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<runtime.ApiResponse<MicrosoftGraphMobileApp>> {
        const requestOptions = await this.updateMobileAppRequestOpts(requestParameters);
        const response = await this.request(requestOptions, initOverrides);

        return new runtime.JSONApiResponse(response, (jsonValue) => MicrosoftGraphMobileAppFromJSON(jsonValue));
    }

    /**
     * Update the properties sent; the others keep their values. `@odata.type` must name the app\'s own type. Answers 200 with the updated app. 
     * Update mobileApp
     */
    async updateMobileApp(requestParameters: UpdateMobileAppRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<MicrosoftGraphMobileApp> {
        const response = await this.updateMobileAppRaw(requestParameters, initOverrides);
        return await response.value();
    }

}
