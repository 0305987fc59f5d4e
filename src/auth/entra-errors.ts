// The errors of the Entra-shaped endpoints, in Entra's shape and with its AADSTS codes:
// {"error","error_description","error_codes","timestamp","trace_id","correlation_id","error_uri"}.
// Clients key off `error` (MSAL and azure-identity surface `error_description`, which starts with the code).
import { randomUUID } from "node:crypto";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import type { components } from "../../generated/types.ts";
import { GraphError } from "../graph/error-catalogue.ts";
import { StoreUnavailableError } from "../store/store.ts";

type EntraErrorBody = components["schemas"]["entraError"];

export const entraErrorCatalogue = {
  missingParameter: {
    status: 400,
    error: "invalid_request",
    code: 900144,
    message: (name: string) => `The request body must contain the following parameter: '${name}'.`,
  },
  invalidParameter: {
    status: 400,
    error: "invalid_request",
    code: 90100,
    message: (name: string) => `${name} parameter is empty or not valid.`,
  },
  bodyTooLarge: {
    status: 413,
    error: "invalid_request",
    code: 90100,
    message: (limitBytes: number) => `The request body is larger than the limit of ${limitBytes} bytes.`,
  },
  tenantNotFound: {
    status: 400,
    error: "invalid_tenant",
    code: 90002,
    message: (tenant: string) =>
      `Tenant '${tenant.slice(0, 128)}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Register an application in it with 'graph-intune client add --tid ${/^[0-9a-f-]{36}$/i.test(tenant) ? tenant : "GUID"}'.`,
  },
  issuerMode: {
    status: 400,
    error: "invalid_tenant",
    code: 90002,
    message: () =>
      "This service verifies the tokens of an external issuer (AUTH_JWKS_URI) and issues none: get tokens from that issuer.",
  },
  unknownClient: {
    status: 400,
    error: "unauthorized_client",
    code: 700016,
    message: (clientId: string, tenant: string) =>
      `Application with identifier '${clientId.slice(0, 128)}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  },
  wrongSecret: {
    status: 401,
    error: "invalid_client",
    code: 7000215,
    message: (clientId: string) =>
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
  },
  noCredential: {
    status: 400,
    error: "invalid_client",
    code: 7000216,
    message: () =>
      "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.",
  },
  malformedAssertion: {
    status: 400,
    error: "invalid_client",
    code: 50027,
    message: (reason: string) => `JWT token is invalid or malformed. ${reason}`,
  },
  assertionKeyNotRegistered: {
    status: 401,
    error: "invalid_client",
    code: 700027,
    message: (clientId: string) =>
      `The certificate with identifier used to sign the client assertion is not registered on application '${clientId}'. [Reason - The key was not found.]`,
  },
  assertionInvalid: {
    status: 401,
    error: "invalid_client",
    code: 700027,
    message: (reason: string) => `Client assertion failed signature validation. ${reason}`,
  },
  assertionExpired: {
    status: 401,
    error: "invalid_client",
    code: 700024,
    message: () => "Client assertion is not within its valid time range.",
  },
  invalidScope: {
    status: 400,
    error: "invalid_scope",
    code: 1002012,
    message: (scope: string) =>
      `The provided value for scope ${scope.slice(0, 200)} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
  },
  unknownResource: {
    status: 400,
    error: "invalid_resource",
    code: 500011,
    message: (resource: string, tenant: string) =>
      `The resource principal named ${resource.slice(0, 200)} was not found in the tenant named ${tenant}. This service issues tokens for Microsoft Graph only: https://graph.microsoft.com/.default.`,
  },
  unsupportedGrantType: {
    status: 400,
    error: "unsupported_grant_type",
    code: 70003,
    message: (grantType: string) =>
      `The app requested an unsupported grant type '${grantType.slice(0, 100)}'. This service supports client_credentials.`,
  },
  temporarilyUnavailable: {
    status: 503,
    error: "temporarily_unavailable",
    code: 90033,
    message: () => "A transient error has occurred. Please try again.",
  },
  serverError: {
    status: 500,
    error: "server_error",
    code: 90099,
    message: () => "An internal server error occurred. Quote the trace ID when reporting it.",
  },
} as const;

type EntraErrorName = keyof typeof entraErrorCatalogue;

export class EntraError extends Error {
  readonly status: number;
  readonly error: string;
  readonly code: number;
  headers: Record<string, string> = {};

  constructor(kind: EntraErrorName, message: string) {
    super(message);
    const entry = entraErrorCatalogue[kind];
    this.status = entry.status;
    this.error = entry.error;
    this.code = entry.code;
  }

  static of<K extends EntraErrorName>(
    kind: K,
    ...args: Parameters<(typeof entraErrorCatalogue)[K]["message"]>
  ): EntraError {
    const format = entraErrorCatalogue[kind].message as (...a: typeof args) => string;
    return new EntraError(kind, format(...args));
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Entra writes `2024-05-01 10:00:00Z`. */
const entraTimestamp = (): string => `${new Date().toISOString().slice(0, 19).replace("T", " ")}Z`;

export function entraErrorBody(error: EntraError, request: FastifyRequest): EntraErrorBody {
  const sent = request.headers["client-request-id"];
  // MSAL sends a GUID client-request-id; Entra answers it as the correlation id.
  const correlationId = typeof sent === "string" && GUID.test(sent) ? sent.toLowerCase() : randomUUID();
  const timestamp = entraTimestamp();
  return {
    error: error.error,
    error_description: `AADSTS${error.code}: ${error.message} Trace ID: ${request.id} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [error.code],
    timestamp,
    trace_id: request.id,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${error.code}`,
  };
}

/** What any failure on an Entra-shaped route means there: bad input is the client's 4xx, never a 5xx. */
function entraErrorOf(error: unknown, request: FastifyRequest): EntraError {
  if (error instanceof EntraError) return error;
  if (error instanceof StoreUnavailableError) {
    const answer = EntraError.of("temporarilyUnavailable");
    answer.headers["retry-after"] = String(error.retryAfterSeconds);
    return answer;
  }
  const fastifyError = error as FastifyError & { validation?: { instancePath?: string; params?: unknown }[] };
  if (fastifyError.code === "FST_ERR_CTP_BODY_TOO_LARGE" || fastifyError.statusCode === 413) {
    return EntraError.of("bodyTooLarge", request.routeOptions.bodyLimit);
  }
  if (fastifyError.validation) {
    const first = fastifyError.validation[0];
    const name = first?.instancePath?.replace(/^\//, "") || fastifyError.validationContext || "request";
    return EntraError.of("invalidParameter", name);
  }
  // A body that is not a form (JSON, text, an unknown type): Entra finds no grant_type in it.
  const status = error instanceof GraphError ? error.status : fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500) return EntraError.of("missingParameter", "grant_type");
  return EntraError.of("serverError");
}

/** The route error handler of the Entra-shaped operations. */
export function handleEntraError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const answer = entraErrorOf(error, request);
  if (answer.status >= 500 && !(error instanceof StoreUnavailableError)) {
    request.log.error({ err: error }, "token endpoint failed");
  }
  return reply
    .code(answer.status)
    .headers(answer.headers)
    .header("content-type", "application/json; charset=utf-8")
    .send(entraErrorBody(answer, request));
}
