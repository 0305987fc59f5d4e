// buildApp: the whole service as a fastify instance, routes bound from the spec by
// fastify-openapi-glue. It never listens; server.ts and the tests decide where it runs.
import type { Server } from "node:https";
import fastify, {
  type FastifyError,
  type FastifyHttpsOptions,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  type onRequestHookHandler,
  type preValidationHookHandler,
  type RouteHandlerMethod,
} from "fastify";
import openapiGlue, { type FastifyOpenapiGlueOptions } from "fastify-openapi-glue";
import { bearerAuth } from "./auth/bearer-auth.ts";
import { handleEntraError } from "./auth/entra-errors.ts";
import type { SigningKey } from "./auth/signing-key.ts";
import type { TokenVerifier } from "./auth/token-verifier.ts";
import type { Config } from "./config.ts";
import { registerApiReference } from "./docs/api-reference.ts";
import { handleConnectionError } from "./graph/errors/connection-errors.ts";
import { GraphError } from "./graph/errors/error-catalogue.ts";
import { handleError, handleFrameworkError } from "./graph/errors/error-envelope.ts";
import { createUnknownRouteHandler } from "./graph/errors/unknown-route.ts";
import { keySegmentsAsPath } from "./graph/odata/key-segments.ts";
import { normalizeQueryOptions } from "./graph/odata/query-options.ts";
import { GRAPH_JSON_CONTENT_TYPE, newRequestId, setGraphResponseHeaders } from "./graph/request-ids.ts";
import { createSerializerCompiler, createValidatorCompiler } from "./graph/schema-compilers.ts";
import { faultInjection } from "./graph/traffic/fault-injection.ts";
import { intuneThrottling } from "./graph/traffic/throttling.ts";
import { batchHandlers } from "./handlers/batch.ts";
import { deviceStatusHandlers } from "./handlers/device-statuses.ts";
import { identityHandlers } from "./handlers/identity.ts";
import { mobileAppHandlers } from "./handlers/mobile-apps.ts";
import type { OperationHandlers, OperationId } from "./handlers/operation-types.ts";
import { serviceHandlers } from "./handlers/service.ts";
import { userStatusHandlers } from "./handlers/user-statuses.ts";
import { createMetrics } from "./observability/metrics.ts";
import { logAbortedRequests, loggerOptions, RequestLogController } from "./observability/request-log.ts";
import { loadSpec, operationsOf } from "./spec.ts";
import type { Store } from "./store/store.ts";

/** preValidation of operations whose body is required: fastify validates a body only when one came. */
function requireBody(request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void {
  done(request.body === undefined ? GraphError.of("emptyBody") : undefined);
}

const FORM = "application/x-www-form-urlencoded";
/** The largest token request: a client assertion with its certificate chain fits many times over. */
const TOKEN_REQUEST_BODY_LIMIT = 64 * 1024;

export interface AppOptions {
  config: Config;
  store: Store;
  verifyToken: TokenVerifier;
  /** Local mode's key: the token endpoint signs with it. Absent in issuer mode, where the service issues no tokens. */
  signingKey?: SigningKey | undefined;
  /** The clock of throttling windows, in epoch milliseconds (tests move it). */
  now?: () => number;
  /** The dice of fault injection, in [0, 1). */
  random?: () => number;
}

export async function buildApp({
  config,
  store: port,
  verifyToken,
  signingKey,
  now = Date.now,
  random = Math.random,
}: AppOptions): Promise<FastifyInstance> {
  const spec = loadSpec();
  const operations = operationsOf(spec);
  const metrics = createMetrics();
  const store = metrics.timeStore(port);

  const options: FastifyServerOptions = {
    logger: loggerOptions(config),
    logController: new RequestLogController(config.logLevel),
    genReqId: newRequestId,
    requestIdHeader: false,
    bodyLimit: config.bodyLimitBytes,
    exposeHeadRoutes: false, // only what the spec declares
    // Requests already accepted when a graceful close starts are served, not refused with 503.
    return503OnClosing: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 },
    // OData's key-in-parentheses form, mobileApps('id'), is routed as the key segment mobileApps/id.
    rewriteUrl: (request) => keySegmentsAsPath(request.url ?? "/"),
    // Slow loris: a client that trickles its request is cut off (408) instead of holding a socket for
    // ever. Node checks its connections every connectionsCheckingInterval, 30 s unless told otherwise.
    requestTimeout: config.requestTimeoutMs,
    clientErrorHandler: handleConnectionError,
    frameworkErrors: handleFrameworkError,
  };
  const serverTimeouts = {
    headersTimeout: config.headersTimeoutMs,
    connectionsCheckingInterval: Math.min(1000, Math.ceil(config.headersTimeoutMs / 4)),
  };
  // HTTPS with TLS_CERT / TLS_KEY. The instance keeps the HTTP typing (routes, hooks and inject are the same);
  // fastify's types would otherwise make every handler generic over the server.
  const app = config.tls
    ? (fastify({
        ...options,
        https: { cert: config.tls.cert, key: config.tls.key, ...serverTimeouts },
      } as unknown as FastifyHttpsOptions<Server>) as unknown as FastifyInstance)
    : fastify({ ...options, http: serverTimeouts });
  // Bodies are JSON or nothing: fastify answers unknown types with 415. The spec's answer-only types are refused
  // the same way, by parsers of their own: text/plain (which fastify would parse by default; $count answers) and
  // application/xml ($metadata), which fastify-openapi-glue otherwise warns about at start as a missing parser.
  app.removeContentTypeParser("text/plain");
  for (const answerOnly of ["text/plain", "application/xml"]) {
    app.addContentTypeParser(answerOnly, (request, _body, done) =>
      done(GraphError.of("unsupportedMediaType", request.headers["content-type"] ?? answerOnly), undefined),
    );
  }
  // Forms, only where the spec declares one (the token endpoint): a route that declares only JSON validates only
  // JSON, so a form anywhere else is refused before it could reach a handler unvalidated. Repeated keys become
  // arrays, which the schema refuses; Object.fromEntries makes a "__proto__" key an own property, not a prototype.
  app.addContentTypeParser(FORM, { parseAs: "string" }, (request, body, done) => {
    const declared = (request.routeOptions.schema?.body as { content?: Record<string, unknown> } | undefined)?.content;
    if (!declared?.[FORM]) return done(GraphError.of("unsupportedMediaType", FORM), undefined);
    const form = new Map<string, string | string[]>();
    for (const [name, value] of new URLSearchParams(body as string)) {
      const seen = form.get(name);
      form.set(name, seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value]);
    }
    done(null, Object.fromEntries(form));
  });
  app.setValidatorCompiler(createValidatorCompiler());
  app.setSerializerCompiler(createSerializerCompiler());
  app.addHook("onRequest", setGraphResponseHeaders);
  const answerUnknownRoute = createUnknownRouteHandler(spec.paths);
  app.setNotFoundHandler(answerUnknownRoute);
  // A request that matches no operation is answered as such (405, 400, 404) even when fastify has already
  // failed on its body (a QUERY without Content-Type, bad JSON sent to a path with no POST).
  app.setErrorHandler((error, request, reply) =>
    request.is404 ? answerUnknownRoute(request, reply) : handleError(error as FastifyError, request, reply),
  );
  logAbortedRequests(app);
  metrics.instrument(app);

  // Every /beta operation is behind bearerAuth, which sets the principal: its tenant is the request's world.
  const storeOf = (request: FastifyRequest) => {
    if (!request.principal) throw new Error(`No principal on ${request.method} ${request.url}: no tenant to serve.`);
    return store.forTenant(request.principal.tenantId);
  };
  const context = { store, storeOf, publicBaseUrl: config.publicBaseUrl };
  // Both off by default; both answer before the body is read or anything is stored.
  const injectFault = config.faults.rate > 0 ? faultInjection(config.faults, random) : undefined;
  const throttle = config.throttle === "intune" ? intuneThrottling(now) : undefined;
  const batch = batchHandlers(context, app);
  app.addHook("onRequest", batch.recognizeBatchRequest);
  const handlers: OperationHandlers = {
    ...batch.handlers,
    ...identityHandlers(context, signingKey),
    ...userStatusHandlers(context),
    ...mobileAppHandlers(context),
    ...deviceStatusHandlers(context),
    ...serviceHandlers(context, spec, metrics),
  };

  // Each spec operation → its handler, behind the bearerAuth scheme when the operation requires it.
  function resolveOperation(operationId: string, _method: string, openapiPath: string) {
    const operation = operations.get(operationId);
    const handler = handlers[operationId as OperationId] as
      | ((request: FastifyRequest) => Promise<{ status: number; body?: unknown; headers?: Record<string, string> }>)
      | undefined;
    if (!operation || !handler) throw new Error(`No handler for operation '${operationId}'.`);
    // The media type of the operation's success answer: Graph's JSON under /beta, else as declared.
    const success = Object.entries(operation.responses ?? {}).find(([status]) => status.startsWith("2"))?.[1];
    const mediaType = Object.keys(success?.content ?? {})[0];
    const contentType =
      mediaType === "application/json" && openapiPath.startsWith("/beta/")
        ? GRAPH_JSON_CONTENT_TYPE
        : mediaType === "text/plain"
          ? "text/plain; charset=utf-8"
          : mediaType === "application/xml"
            ? "application/xml; charset=utf-8"
            : undefined;

    const route: {
      handler: RouteHandlerMethod;
      onRequest: onRequestHookHandler[];
      preValidation: preValidationHookHandler[];
      errorHandler?: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => FastifyReply;
      bodyLimit?: number;
    } = {
      onRequest: [],
      preValidation: operation.requestBody?.required ? [requireBody, normalizeQueryOptions] : [normalizeQueryOptions],
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const answer = await handler(request);
        reply.code(answer.status);
        if (answer.headers) reply.headers(answer.headers);
        if (!("body" in answer)) return reply.send();
        if (contentType) reply.header("content-type", contentType);
        return answer.body;
      },
    };
    // Entra-shaped operations answer in Entra's shape, whatever fails; a token request is small.
    if (operation.tags?.includes("identity")) {
      route.errorHandler = handleEntraError;
      route.bodyLimit = TOKEN_REQUEST_BODY_LIMIT;
    }
    const security = operation.security ?? spec.security ?? [];
    const needsToken = security.some((requirement) => "bearerAuth" in requirement);
    // Faults only where the spec declares them: the /beta operations behind a token ($metadata is open). A batch
    // is a transport: faults and limits apply to each request in it, which pass through these hooks.
    const isBatch = operationId === "sendBatch";
    if (injectFault && openapiPath.startsWith("/beta/") && needsToken && !isBatch) route.onRequest.push(injectFault);
    if (needsToken) {
      const permissions = operation["x-graph-permissions"];
      if (!permissions) throw new Error(`Operation '${operationId}' declares no x-graph-permissions.`);
      route.onRequest.push(bearerAuth(verifyToken, permissions));
      if (throttle && !isBatch) route.onRequest.push(throttle);
    }
    return route;
  }

  await app.register(openapiGlue, {
    specification: structuredClone(spec),
    operationResolver: resolveOperation as unknown as NonNullable<FastifyOpenapiGlueOptions["operationResolver"]>,
  });
  await registerApiReference(app, spec, config.publicBaseUrl);
  return app;
}
