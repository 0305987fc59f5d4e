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

export const BASE_PATH = "http://127.0.0.1:3000".replace(/\/+$/, "");

export interface ConfigurationParameters {
    basePath?: string; // override base path
    fetchApi?: FetchAPI; // override for fetch implementation
    middleware?: Middleware[]; // middleware to apply before/after fetch requests
    queryParamsStringify?: (params: HTTPQuery) => string; // stringify function for query strings
    username?: string; // parameter for basic security
    password?: string; // parameter for basic security
    apiKey?: string | Promise<string> | ((name: string) => string | Promise<string>); // parameter for apiKey security
    accessToken?: string | Promise<string> | ((name?: string, scopes?: string[]) => string | Promise<string>); // parameter for oauth2 security
    headers?: HTTPHeaders; //header params we want to use on every request
    credentials?: RequestCredentials; //value for the credentials param we want to use on each request
}

export class Configuration {
    constructor(private configuration: ConfigurationParameters = {}) {}

    set config(configuration: Configuration) {
        this.configuration = configuration;
    }

    get basePath(): string {
        return this.configuration.basePath != null ? this.configuration.basePath : BASE_PATH;
    }

    get fetchApi(): FetchAPI | undefined {
        return this.configuration.fetchApi;
    }

    get middleware(): Middleware[] {
        return this.configuration.middleware || [];
    }

    get queryParamsStringify(): (params: HTTPQuery) => string {
        return this.configuration.queryParamsStringify || querystring;
    }

    get username(): string | undefined {
        return this.configuration.username;
    }

    get password(): string | undefined {
        return this.configuration.password;
    }

    get apiKey(): ((name: string) => string | Promise<string>) | undefined {
        const apiKey = this.configuration.apiKey;
        if (apiKey) {
            return typeof apiKey === 'function' ? apiKey : () => apiKey;
        }
        return undefined;
    }

    get accessToken(): ((name?: string, scopes?: string[]) => string | Promise<string>) | undefined {
        const accessToken = this.configuration.accessToken;
        if (accessToken) {
            return typeof accessToken === 'function' ? accessToken : async () => accessToken;
        }
        return undefined;
    }

    get headers(): HTTPHeaders | undefined {
        return this.configuration.headers;
    }

    get credentials(): RequestCredentials | undefined {
        return this.configuration.credentials;
    }
}

export const DefaultConfig = new Configuration();

/**
 * This is the base class for all generated API classes.
 */
export class BaseAPI {

    private static readonly jsonRegex = /^(:?application\/json|[^;/ \t]+\/[^;/ \t]+[+]json)[ \t]*(:?;.*)?$/i;
    private middleware: Middleware[];

    constructor(protected configuration = DefaultConfig) {
        this.middleware = configuration.middleware;
    }

    withMiddleware<T extends BaseAPI>(this: T, ...middlewares: Middleware[]) {
        const next = this.clone<T>();
        next.middleware = next.middleware.concat(...middlewares);
        return next;
    }

    withPreMiddleware<T extends BaseAPI>(this: T, ...preMiddlewares: Array<Middleware['pre']>) {
        const middlewares = preMiddlewares.map((pre) => ({ pre }));
        return this.withMiddleware<T>(...middlewares);
    }

    withPostMiddleware<T extends BaseAPI>(this: T, ...postMiddlewares: Array<Middleware['post']>) {
        const middlewares = postMiddlewares.map((post) => ({ post }));
        return this.withMiddleware<T>(...middlewares);
    }

    /**
     * Check if the given MIME is a JSON MIME.
     * JSON MIME examples:
     *   application/json
     *   application/json; charset=UTF8
     *   APPLICATION/JSON
     *   application/vnd.company+json
     * @param mime - MIME (Multipurpose Internet Mail Extensions)
     * @return True if the given MIME is JSON, false otherwise.
     */
    protected isJsonMime(mime: string | null | undefined): boolean {
        if (!mime) {
            return false;
        }
        return BaseAPI.jsonRegex.test(mime);
    }

    protected async request(context: RequestOpts, initOverrides?: RequestInit | InitOverrideFunction): Promise<Response> {
        const { url, init } = await this.createFetchParams(context, initOverrides);
        const response = await this.fetchApi(url, init);
        if (response && (response.status >= 200 && response.status < 300)) {
            return response;
        }
        throw new ResponseError(response, 'Response returned an error code');
    }

    private async createFetchParams(context: RequestOpts, initOverrides?: RequestInit | InitOverrideFunction) {
        let url = this.configuration.basePath + context.path;
        if (context.query !== undefined && Object.keys(context.query).length !== 0) {
            // only add the querystring to the URL if there are query parameters.
            // this is done to avoid urls ending with a "?" character which buggy webservers
            // do not handle correctly sometimes.
            url += '?' + this.configuration.queryParamsStringify(context.query);
        }

        const headers = Object.assign({}, this.configuration.headers, context.headers);
        Object.keys(headers).forEach(key => headers[key] === undefined ? delete headers[key] : {});

        const initOverrideFn =
            typeof initOverrides === "function"
                ? initOverrides
                : async () => initOverrides;

        const initParams = {
            method: context.method,
            headers,
            body: context.body,
            credentials: this.configuration.credentials,
        };

        const overriddenInit: RequestInit = {
            ...initParams,
            ...(await initOverrideFn({
                init: initParams,
                context,
            }))
        };

        let body: any;
        if (isFormData(overriddenInit.body)
            || (overriddenInit.body instanceof URLSearchParams)
            || isBlob(overriddenInit.body)) {
          body = overriddenInit.body;
        } else if (this.isJsonMime(headers['Content-Type'])) {
          body = JSON.stringify(overriddenInit.body);
        } else {
          body = overriddenInit.body;
        }

        const init: RequestInit = {
            ...overriddenInit,
            body
        };

        return { url, init };
    }

    private fetchApi = async (url: string, init: RequestInit) => {
        let fetchParams = { url, init };
        for (const middleware of this.middleware) {
            if (middleware.pre) {
                fetchParams = await middleware.pre({
                    fetch: this.fetchApi,
                    ...fetchParams,
                }) || fetchParams;
            }
        }
        let response: Response | undefined = undefined;
        try {
            response = await (this.configuration.fetchApi || fetch)(fetchParams.url, fetchParams.init);
        } catch (e) {
            for (const middleware of this.middleware) {
                if (middleware.onError) {
                    response = await middleware.onError({
                        fetch: this.fetchApi,
                        url: fetchParams.url,
                        init: fetchParams.init,
                        error: e,
                        response: response ? response.clone() : undefined,
                    }) || response;
                }
            }
            if (response === undefined) {
              if (e instanceof Error) {
                throw new FetchError(e, 'The request failed and the interceptors did not return an alternative response');
              } else {
                throw e;
              }
            }
        }
        for (const middleware of this.middleware) {
            if (middleware.post) {
                response = await middleware.post({
                    fetch: this.fetchApi,
                    url: fetchParams.url,
                    init: fetchParams.init,
                    response: response.clone(),
                }) || response;
            }
        }
        return response;
    }

    /**
     * Create a shallow clone of `this` by constructing a new instance
     * and then shallow cloning data members.
     */
    private clone<T extends BaseAPI>(this: T): T {
        const constructor = this.constructor as any;
        const next = new constructor(this.configuration);
        next.middleware = this.middleware.slice();
        return next;
    }
};

function isBlob(value: any): value is Blob {
    return typeof Blob !== 'undefined' && value instanceof Blob;
}

function isFormData(value: any): value is FormData {
    return typeof FormData !== "undefined" && value instanceof FormData;
}

export class ResponseError extends Error {
    override name: "ResponseError" = "ResponseError";
    constructor(public response: Response, msg?: string) {
        super(msg);

        // restore prototype chain
        const actualProto = new.target.prototype;
        if (Object.setPrototypeOf) {
            Object.setPrototypeOf(this, actualProto);
        }
    }
}

export class FetchError extends Error {
    override name: "FetchError" = "FetchError";
    constructor(public cause: Error, msg?: string) {
        super(msg);

        // restore prototype chain
        const actualProto = new.target.prototype;
        if (Object.setPrototypeOf) {
            Object.setPrototypeOf(this, actualProto);
        }
    }
}

export class RequiredError extends Error {
    override name: "RequiredError" = "RequiredError";
    constructor(public field: string, msg?: string) {
        super(msg);

        // restore prototype chain
        const actualProto = new.target.prototype;
        if (Object.setPrototypeOf) {
            Object.setPrototypeOf(this, actualProto);
        }
    }
}

export const COLLECTION_FORMATS = {
    csv: ",",
    ssv: " ",
    tsv: "\t",
    pipes: "|",
};

export type FetchAPI = WindowOrWorkerGlobalScope['fetch'];

export type Json = any;
export type HTTPMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS' | 'HEAD';
export type HTTPHeaders = { [key: string]: string };
export type HTTPQuery = { [key: string]: string | number | null | boolean | Array<string | number | null | boolean> | Set<string | number | null | boolean> | HTTPQuery };
export type HTTPBody = Json | FormData | URLSearchParams;
export type HTTPRequestInit = { headers?: HTTPHeaders; method: HTTPMethod; credentials?: RequestCredentials; body?: HTTPBody };
export type ModelPropertyNaming = 'camelCase' | 'snake_case' | 'PascalCase' | 'original';

export type InitOverrideFunction = (requestContext: { init: HTTPRequestInit, context: RequestOpts }) => Promise<RequestInit>

export interface FetchParams {
    url: string;
    init: RequestInit;
}

export interface RequestOpts {
    path: string;
    method: HTTPMethod;
    headers: HTTPHeaders;
    query?: HTTPQuery;
    body?: HTTPBody;
}

export function querystring(params: HTTPQuery, prefix: string = ''): string {
    return Object.keys(params)
        .map(key => querystringSingleKey(key, params[key], prefix))
        .filter(part => part.length > 0)
        .join('&');
}

function querystringSingleKey(key: string, value: string | number | null | undefined | boolean | Array<string | number | null | boolean> | Set<string | number | null | boolean> | HTTPQuery, keyPrefix: string = ''): string {
    const fullKey = keyPrefix + (keyPrefix.length ? `[${key}]` : key);
    if (value instanceof Array) {
        const multiValue = value.map(singleValue => encodeURIComponent(String(singleValue)))
            .join(`&${encodeURIComponent(fullKey)}=`);
        return `${encodeURIComponent(fullKey)}=${multiValue}`;
    }
    if (value instanceof Set) {
        const valueAsArray = Array.from(value);
        return querystringSingleKey(key, valueAsArray, keyPrefix);
    }
    if (value instanceof Date) {
        return `${encodeURIComponent(fullKey)}=${encodeURIComponent(serializeDateTime(value))}`;
    }
    if (value instanceof Object) {
        return querystring(value as HTTPQuery, fullKey);
    }
    return `${encodeURIComponent(fullKey)}=${encodeURIComponent(String(value))}`;
}

export function exists(json: any, key: string) {
    const value = json[key];
    return value !== null && value !== undefined;
}

/**
 * Every generated date call site routes through these.
 *
 * `format: date` is a calendar date, with no time and no offset, so it is converted
 * against the local calendar on both ends: they have to agree or the date shifts by
 * a day. `format: date-time` is an instant and uses UTC.
 */
export function serializeDateTime(value: Date): string {
    return value.toISOString();
}

export function serializeDate(value: Date): string {
    if (isNaN(value.getTime())) {
        throw new RangeError('Invalid time value');
    }
    const year = ('000' + value.getFullYear()).slice(-4);
    const month = ('0' + (value.getMonth() + 1)).slice(-2);
    const day = ('0' + value.getDate()).slice(-2);
    return `${year}-${month}-${day}`;
}


export function parseDate(value: Date | string): Date {
    if (value instanceof Date) {
        return value;
    }
    // `new Date("2026-08-05")` would parse as UTC midnight: a different day west of UTC.
    // Local midnight is the stated day everywhere. setFullYear avoids the 1900 offset the
    // multi-argument constructor applies to years 0-99.
    const fullDate = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
    if (fullDate) {
        const year = Number(fullDate[1]);
        const month = Number(fullDate[2]) - 1;
        const day = Number(fullDate[3]);
        const date = new Date(0);
        date.setFullYear(year, month, day);
        date.setHours(0, 0, 0, 0);
        // Out-of-range components (or a day the local zone skipped) silently roll over,
        // which would hand back a date the server never sent.
        if (date.getFullYear() !== year || date.getMonth() !== month || date.getDate() !== day) {
            return new Date(NaN);
        }
        return date;
    }
    return new Date(value);
}

export function parseDateTime(value: any): Date {
    return new Date(value);
}

export function mapValues(data: any, fn: (item: any) => any) {
    const result: { [key: string]: any } = {};
    for (const key of Object.keys(data)) {
        result[key] = fn(data[key]);
    }
    return result;
}

// Pass-through serializer for `any`-typed properties in form data. See #1877.
export function anyToJSON(value: any): any {
    return value;
}

export function canConsumeForm(consumes: Consume[]): boolean {
    for (const consume of consumes) {
        if (consume.contentType?.startsWith('multipart/form-data') == true) {
            return true;
        }
    }
    return false;
}

export interface Consume {
    contentType: string;
}

export interface RequestContext {
    fetch: FetchAPI;
    url: string;
    init: RequestInit;
}

export interface ResponseContext {
    fetch: FetchAPI;
    url: string;
    init: RequestInit;
    response: Response;
}

export interface ErrorContext {
    fetch: FetchAPI;
    url: string;
    init: RequestInit;
    error: unknown;
    response?: Response;
}

export interface Middleware {
    pre?(context: RequestContext): Promise<FetchParams | void>;
    post?(context: ResponseContext): Promise<Response | void>;
    onError?(context: ErrorContext): Promise<Response | void>;
}

export interface ApiResponse<T> {
    raw: Response;
    value(): Promise<T>;
}

export interface ResponseTransformer<T> {
    (json: any): T;
}

export class JSONApiResponse<T> {
    constructor(public raw: Response, private transformer: ResponseTransformer<T> = (jsonValue: any) => jsonValue) {}

    async value(): Promise<T> {
        return this.transformer(await this.raw.json());
    }
}

export class VoidApiResponse {
    constructor(public raw: Response) {}

    async value(): Promise<void> {
        return undefined;
    }
}

export class BlobApiResponse {
    constructor(public raw: Response) {}

    async value(): Promise<Blob> {
        return await this.raw.blob();
    };
}

export class TextApiResponse {
    constructor(public raw: Response) {}

    async value(): Promise<string> {
        return await this.raw.text();
    };
}
