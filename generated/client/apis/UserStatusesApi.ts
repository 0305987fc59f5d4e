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
    type MicrosoftGraphODataErrorsODataError,
    MicrosoftGraphODataErrorsODataErrorFromJSON,
    MicrosoftGraphODataErrorsODataErrorToJSON,
} from '../models/MicrosoftGraphODataErrorsODataError.js';
import {
    type MicrosoftGraphUserAppInstallStatus,
    MicrosoftGraphUserAppInstallStatusFromJSON,
    MicrosoftGraphUserAppInstallStatusToJSON,
} from '../models/MicrosoftGraphUserAppInstallStatus.js';
import {
    type MicrosoftGraphUserAppInstallStatusCollectionResponse,
    MicrosoftGraphUserAppInstallStatusCollectionResponseFromJSON,
    MicrosoftGraphUserAppInstallStatusCollectionResponseToJSON,
} from '../models/MicrosoftGraphUserAppInstallStatusCollectionResponse.js';
import {
    type MicrosoftGraphUserAppInstallStatusEntity,
    MicrosoftGraphUserAppInstallStatusEntityFromJSON,
    MicrosoftGraphUserAppInstallStatusEntityToJSON,
} from '../models/MicrosoftGraphUserAppInstallStatusEntity.js';
import {
    type MicrosoftGraphUserAppInstallStatusUpdate,
    MicrosoftGraphUserAppInstallStatusUpdateFromJSON,
    MicrosoftGraphUserAppInstallStatusUpdateToJSON,
} from '../models/MicrosoftGraphUserAppInstallStatusUpdate.js';

export interface CountUserStatusesRequest {
    /**
     * Key of the mobileApp.
     */
    mobileAppId: string;
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

export interface CreateUserStatusRequest {
    /**
     * Key of the mobileApp.
     */
    mobileAppId: string;
    /**
     * 
     */
    userAppInstallStatus: Omit<MicrosoftGraphUserAppInstallStatus, 'atOdataContext'>;
    /**
     * A client-chosen id for this request (a GUID by convention), echoed in the response.
     */
    clientRequestId?: string;
}

export interface DeleteUserStatusRequest {
    /**
     * Key of the mobileApp.
     */
    mobileAppId: string;
    /**
     * Key of the userAppInstallStatus.
     */
    userAppInstallStatusId: string;
    /**
     * A client-chosen id for this request (a GUID by convention), echoed in the response.
     */
    clientRequestId?: string;
}

export interface GetUserStatusRequest {
    /**
     * Key of the mobileApp.
     */
    mobileAppId: string;
    /**
     * Key of the userAppInstallStatus.
     */
    userAppInstallStatusId: string;
    /**
     * A client-chosen id for this request (a GUID by convention), echoed in the response.
     */
    clientRequestId?: string;
    /**
     * Comma-separated properties to answer; `id` and `@odata.type` are always answered.
     */
    $select?: string;
    /**
     * `app` and/or `deviceStatuses` (comma-separated), embedded in each userAppInstallStatus.
     */
    $expand?: string;
}

export interface GetUserStatusAppRequest {
    /**
     * Key of the mobileApp.
     */
    mobileAppId: string;
    /**
     * Key of the userAppInstallStatus.
     */
    userAppInstallStatusId: string;
    /**
     * A client-chosen id for this request (a GUID by convention), echoed in the response.
     */
    clientRequestId?: string;
    /**
     * Comma-separated properties to answer; `id` and `@odata.type` are always answered.
     */
    $select?: string;
}

export interface ListUserStatusesRequest {
    /**
     * Key of the mobileApp.
     */
    mobileAppId: string;
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
    /**
     * `app` and/or `deviceStatuses` (comma-separated), embedded in each userAppInstallStatus.
     */
    $expand?: string;
}

export interface UpdateUserStatusRequest {
    /**
     * Key of the mobileApp.
     */
    mobileAppId: string;
    /**
     * Key of the userAppInstallStatus.
     */
    userAppInstallStatusId: string;
    /**
     * 
     */
    userAppInstallStatus: Omit<MicrosoftGraphUserAppInstallStatusUpdate, 'atOdataContext'|'id'>;
    /**
     * A client-chosen id for this request (a GUID by convention), echoed in the response.
     */
    clientRequestId?: string;
}

/**
 * 
 */
export class UserStatusesApi extends runtime.BaseAPI {

    /**
     * Creates request options for countUserStatuses without sending the request
     */
    async countUserStatusesRequestOpts(requestParameters: CountUserStatusesRequest): Promise<runtime.RequestOpts> {
        if (requestParameters['mobileAppId'] == null) {
            throw new runtime.RequiredError(
                'mobileAppId',
                'Required parameter "mobileAppId" was null or undefined when calling countUserStatuses().'
            );
        }

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

        let urlPath = `/beta/deviceAppManagement/mobileApps/{mobileAppId}/userStatuses/$count`;
        urlPath = urlPath.replace('{mobileAppId}', encodeURIComponent(String(requestParameters['mobileAppId'])));

        return {
            path: urlPath,
            method: 'GET',
            headers: headerParameters,
            query: queryParameters,
        };
    }

    /**
     * The number of items that match `$filter` (all without it), as text/plain.
     * Count userAppInstallStatuses
     */
    async countUserStatusesRaw(requestParameters: CountUserStatusesRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<runtime.ApiResponse<string>> {
        const requestOptions = await this.countUserStatusesRequestOpts(requestParameters);
        const response = await this.request(requestOptions, initOverrides);

        if (this.isJsonMime(response.headers.get('content-type'))) {
            return new runtime.JSONApiResponse<string>(response);
        } else {
            return new runtime.TextApiResponse(response) as any;
        }
    }

    /**
     * The number of items that match `$filter` (all without it), as text/plain.
     * Count userAppInstallStatuses
     */
    async countUserStatuses(requestParameters: CountUserStatusesRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<string> {
        const response = await this.countUserStatusesRaw(requestParameters, initOverrides);
        return await response.value();
    }

    /**
     * Creates request options for createUserStatus without sending the request
     */
    async createUserStatusRequestOpts(requestParameters: CreateUserStatusRequest): Promise<runtime.RequestOpts> {
        if (requestParameters['mobileAppId'] == null) {
            throw new runtime.RequiredError(
                'mobileAppId',
                'Required parameter "mobileAppId" was null or undefined when calling createUserStatus().'
            );
        }

        if (requestParameters['userAppInstallStatus'] == null) {
            throw new runtime.RequiredError(
                'userAppInstallStatus',
                'Required parameter "userAppInstallStatus" was null or undefined when calling createUserStatus().'
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

        let urlPath = `/beta/deviceAppManagement/mobileApps/{mobileAppId}/userStatuses`;
        urlPath = urlPath.replace('{mobileAppId}', encodeURIComponent(String(requestParameters['mobileAppId'])));

        return {
            path: urlPath,
            method: 'POST',
            headers: headerParameters,
            query: queryParameters,
            body: MicrosoftGraphUserAppInstallStatusToJSON(requestParameters['userAppInstallStatus']),
        };
    }

    /**
     * Create a userAppInstallStatus in the app. Omitted counts are 0 and omitted names are null. A client-supplied `id` is kept if no status of this app has it (else 409); without one, the server issues a new GUID, time-ordered (UUID version 7), so that server-named statuses list in creation order. 
     * Create userAppInstallStatus
     */
    async createUserStatusRaw(requestParameters: CreateUserStatusRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<runtime.ApiResponse<MicrosoftGraphUserAppInstallStatusEntity>> {
        const requestOptions = await this.createUserStatusRequestOpts(requestParameters);
        const response = await this.request(requestOptions, initOverrides);

        return new runtime.JSONApiResponse(response, (jsonValue) => MicrosoftGraphUserAppInstallStatusEntityFromJSON(jsonValue));
    }

    /**
     * Create a userAppInstallStatus in the app. Omitted counts are 0 and omitted names are null. A client-supplied `id` is kept if no status of this app has it (else 409); without one, the server issues a new GUID, time-ordered (UUID version 7), so that server-named statuses list in creation order. 
     * Create userAppInstallStatus
     */
    async createUserStatus(requestParameters: CreateUserStatusRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<MicrosoftGraphUserAppInstallStatusEntity> {
        const response = await this.createUserStatusRaw(requestParameters, initOverrides);
        return await response.value();
    }

    /**
     * Creates request options for deleteUserStatus without sending the request
     */
    async deleteUserStatusRequestOpts(requestParameters: DeleteUserStatusRequest): Promise<runtime.RequestOpts> {
        if (requestParameters['mobileAppId'] == null) {
            throw new runtime.RequiredError(
                'mobileAppId',
                'Required parameter "mobileAppId" was null or undefined when calling deleteUserStatus().'
            );
        }

        if (requestParameters['userAppInstallStatusId'] == null) {
            throw new runtime.RequiredError(
                'userAppInstallStatusId',
                'Required parameter "userAppInstallStatusId" was null or undefined when calling deleteUserStatus().'
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

        let urlPath = `/beta/deviceAppManagement/mobileApps/{mobileAppId}/userStatuses/{userAppInstallStatusId}`;
        urlPath = urlPath.replace('{mobileAppId}', encodeURIComponent(String(requestParameters['mobileAppId'])));
        urlPath = urlPath.replace('{userAppInstallStatusId}', encodeURIComponent(String(requestParameters['userAppInstallStatusId'])));

        return {
            path: urlPath,
            method: 'DELETE',
            headers: headerParameters,
            query: queryParameters,
        };
    }

    /**
     * Delete userAppInstallStatus
     */
    async deleteUserStatusRaw(requestParameters: DeleteUserStatusRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<runtime.ApiResponse<void>> {
        const requestOptions = await this.deleteUserStatusRequestOpts(requestParameters);
        const response = await this.request(requestOptions, initOverrides);

        return new runtime.VoidApiResponse(response);
    }

    /**
     * Delete userAppInstallStatus
     */
    async deleteUserStatus(requestParameters: DeleteUserStatusRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<void> {
        await this.deleteUserStatusRaw(requestParameters, initOverrides);
    }

    /**
     * Creates request options for getUserStatus without sending the request
     */
    async getUserStatusRequestOpts(requestParameters: GetUserStatusRequest): Promise<runtime.RequestOpts> {
        if (requestParameters['mobileAppId'] == null) {
            throw new runtime.RequiredError(
                'mobileAppId',
                'Required parameter "mobileAppId" was null or undefined when calling getUserStatus().'
            );
        }

        if (requestParameters['userAppInstallStatusId'] == null) {
            throw new runtime.RequiredError(
                'userAppInstallStatusId',
                'Required parameter "userAppInstallStatusId" was null or undefined when calling getUserStatus().'
            );
        }

        const queryParameters: any = {};

        if (requestParameters['$select'] != null) {
            queryParameters['$select'] = requestParameters['$select'];
        }

        if (requestParameters['$expand'] != null) {
            queryParameters['$expand'] = requestParameters['$expand'];
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

        let urlPath = `/beta/deviceAppManagement/mobileApps/{mobileAppId}/userStatuses/{userAppInstallStatusId}`;
        urlPath = urlPath.replace('{mobileAppId}', encodeURIComponent(String(requestParameters['mobileAppId'])));
        urlPath = urlPath.replace('{userAppInstallStatusId}', encodeURIComponent(String(requestParameters['userAppInstallStatusId'])));

        return {
            path: urlPath,
            method: 'GET',
            headers: headerParameters,
            query: queryParameters,
        };
    }

    /**
     * Get userAppInstallStatus
     */
    async getUserStatusRaw(requestParameters: GetUserStatusRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<runtime.ApiResponse<MicrosoftGraphUserAppInstallStatusEntity>> {
        const requestOptions = await this.getUserStatusRequestOpts(requestParameters);
        const response = await this.request(requestOptions, initOverrides);

        return new runtime.JSONApiResponse(response, (jsonValue) => MicrosoftGraphUserAppInstallStatusEntityFromJSON(jsonValue));
    }

    /**
     * Get userAppInstallStatus
     */
    async getUserStatus(requestParameters: GetUserStatusRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<MicrosoftGraphUserAppInstallStatusEntity> {
        const response = await this.getUserStatusRaw(requestParameters, initOverrides);
        return await response.value();
    }

    /**
     * Creates request options for getUserStatusApp without sending the request
     */
    async getUserStatusAppRequestOpts(requestParameters: GetUserStatusAppRequest): Promise<runtime.RequestOpts> {
        if (requestParameters['mobileAppId'] == null) {
            throw new runtime.RequiredError(
                'mobileAppId',
                'Required parameter "mobileAppId" was null or undefined when calling getUserStatusApp().'
            );
        }

        if (requestParameters['userAppInstallStatusId'] == null) {
            throw new runtime.RequiredError(
                'userAppInstallStatusId',
                'Required parameter "userAppInstallStatusId" was null or undefined when calling getUserStatusApp().'
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

        let urlPath = `/beta/deviceAppManagement/mobileApps/{mobileAppId}/userStatuses/{userAppInstallStatusId}/app`;
        urlPath = urlPath.replace('{mobileAppId}', encodeURIComponent(String(requestParameters['mobileAppId'])));
        urlPath = urlPath.replace('{userAppInstallStatusId}', encodeURIComponent(String(requestParameters['userAppInstallStatusId'])));

        return {
            path: urlPath,
            method: 'GET',
            headers: headerParameters,
            query: queryParameters,
        };
    }

    /**
     * The mobileApp this userAppInstallStatus belongs to.
     * Get app
     */
    async getUserStatusAppRaw(requestParameters: GetUserStatusAppRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<runtime.ApiResponse<MicrosoftGraphMobileApp>> {
        const requestOptions = await this.getUserStatusAppRequestOpts(requestParameters);
        const response = await this.request(requestOptions, initOverrides);

        return new runtime.JSONApiResponse(response, (jsonValue) => MicrosoftGraphMobileAppFromJSON(jsonValue));
    }

    /**
     * The mobileApp this userAppInstallStatus belongs to.
     * Get app
     */
    async getUserStatusApp(requestParameters: GetUserStatusAppRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<MicrosoftGraphMobileApp> {
        const response = await this.getUserStatusAppRaw(requestParameters, initOverrides);
        return await response.value();
    }

    /**
     * Creates request options for listUserStatuses without sending the request
     */
    async listUserStatusesRequestOpts(requestParameters: ListUserStatusesRequest): Promise<runtime.RequestOpts> {
        if (requestParameters['mobileAppId'] == null) {
            throw new runtime.RequiredError(
                'mobileAppId',
                'Required parameter "mobileAppId" was null or undefined when calling listUserStatuses().'
            );
        }

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

        if (requestParameters['$expand'] != null) {
            queryParameters['$expand'] = requestParameters['$expand'];
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

        let urlPath = `/beta/deviceAppManagement/mobileApps/{mobileAppId}/userStatuses`;
        urlPath = urlPath.replace('{mobileAppId}', encodeURIComponent(String(requestParameters['mobileAppId'])));

        return {
            path: urlPath,
            method: 'GET',
            headers: headerParameters,
            query: queryParameters,
        };
    }

    /**
     * A page of the app\'s user install statuses; see the query parameters for paging, filtering, ordering, selection and expansion. 
     * List userAppInstallStatuses
     */
    async listUserStatusesRaw(requestParameters: ListUserStatusesRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<runtime.ApiResponse<MicrosoftGraphUserAppInstallStatusCollectionResponse>> {
        const requestOptions = await this.listUserStatusesRequestOpts(requestParameters);
        const response = await this.request(requestOptions, initOverrides);

        return new runtime.JSONApiResponse(response, (jsonValue) => MicrosoftGraphUserAppInstallStatusCollectionResponseFromJSON(jsonValue));
    }

    /**
     * A page of the app\'s user install statuses; see the query parameters for paging, filtering, ordering, selection and expansion. 
     * List userAppInstallStatuses
     */
    async listUserStatuses(requestParameters: ListUserStatusesRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<MicrosoftGraphUserAppInstallStatusCollectionResponse> {
        const response = await this.listUserStatusesRaw(requestParameters, initOverrides);
        return await response.value();
    }

    /**
     * Creates request options for updateUserStatus without sending the request
     */
    async updateUserStatusRequestOpts(requestParameters: UpdateUserStatusRequest): Promise<runtime.RequestOpts> {
        if (requestParameters['mobileAppId'] == null) {
            throw new runtime.RequiredError(
                'mobileAppId',
                'Required parameter "mobileAppId" was null or undefined when calling updateUserStatus().'
            );
        }

        if (requestParameters['userAppInstallStatusId'] == null) {
            throw new runtime.RequiredError(
                'userAppInstallStatusId',
                'Required parameter "userAppInstallStatusId" was null or undefined when calling updateUserStatus().'
            );
        }

        if (requestParameters['userAppInstallStatus'] == null) {
            throw new runtime.RequiredError(
                'userAppInstallStatus',
                'Required parameter "userAppInstallStatus" was null or undefined when calling updateUserStatus().'
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

        let urlPath = `/beta/deviceAppManagement/mobileApps/{mobileAppId}/userStatuses/{userAppInstallStatusId}`;
        urlPath = urlPath.replace('{mobileAppId}', encodeURIComponent(String(requestParameters['mobileAppId'])));
        urlPath = urlPath.replace('{userAppInstallStatusId}', encodeURIComponent(String(requestParameters['userAppInstallStatusId'])));

        return {
            path: urlPath,
            method: 'PATCH',
            headers: headerParameters,
            query: queryParameters,
            body: MicrosoftGraphUserAppInstallStatusUpdateToJSON(requestParameters['userAppInstallStatus']),
        };
    }

    /**
     * Update the properties sent; the others keep their values. An `id` in the body must equal the one in the path. Answers 200 with the updated entity. 
     * Update userAppInstallStatus
     */
    async updateUserStatusRaw(requestParameters: UpdateUserStatusRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<runtime.ApiResponse<MicrosoftGraphUserAppInstallStatusEntity>> {
        const requestOptions = await this.updateUserStatusRequestOpts(requestParameters);
        const response = await this.request(requestOptions, initOverrides);

        return new runtime.JSONApiResponse(response, (jsonValue) => MicrosoftGraphUserAppInstallStatusEntityFromJSON(jsonValue));
    }

    /**
     * Update the properties sent; the others keep their values. An `id` in the body must equal the one in the path. Answers 200 with the updated entity. 
     * Update userAppInstallStatus
     */
    async updateUserStatus(requestParameters: UpdateUserStatusRequest, initOverrides?: RequestInit | runtime.InitOverrideFunction): Promise<MicrosoftGraphUserAppInstallStatusEntity> {
        const response = await this.updateUserStatusRaw(requestParameters, initOverrides);
        return await response.value();
    }

}
