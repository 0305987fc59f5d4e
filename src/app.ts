// buildApp: the whole service as a fastify instance, routes bound from the spec by
// fastify-openapi-glue. It never listens; server.ts and the tests decide where it runs.
import fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type onRequestHookHandler,
  type RouteHandlerMethod,
} from "fastify";
import openapiGlue, { type FastifyOpenapiGlueOptions } from "fastify-openapi-glue";
import { bearerAuth } from "./auth/bearer-auth.ts";
import type { TokenVerifier } from "./auth/token-verifier.ts";
import type { Config } from "./config.ts";
import { handleError } from "./graph/error-envelope.ts";
import { GRAPH_JSON_CONTENT_TYPE, newRequestId, setGraphResponseHeaders } from "./graph/request-ids.ts";
import { createValidatorCompiler } from "./graph/schema-compilers.ts";
import { createUnknownRouteHandler } from "./graph/unknown-route.ts";
import { mobileAppHandlers } from "./handlers/mobile-apps.ts";
import type { OperationHandlers, OperationId } from "./handlers/operation-types.ts";
import { serviceHandlers } from "./handlers/service.ts";
import { userStatusHandlers } from "./handlers/user-statuses.ts";
import { loadSpec, operationsOf } from "./spec.ts";
import type { Store } from "./store/store.ts";

export interface AppOptions {
  config: Config;
  store: Store;
  verifyToken: TokenVerifier;
}

export async function buildApp({ config, store, verifyToken }: AppOptions): Promise<FastifyInstance> {
  const spec = loadSpec();
  const operations = operationsOf(spec);

  const app = fastify({
    logger: { level: config.logLevel },
    genReqId: newRequestId,
    requestIdHeader: false,
    bodyLimit: config.bodyLimitBytes,
    exposeHeadRoutes: false, // only what the spec declares
    // Requests already accepted when a graceful close starts are served, not refused with 503.
    return503OnClosing: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 },
  });
  // Bodies are JSON or nothing: without its text/plain parser fastify answers any other type with 415.
  app.removeContentTypeParser("text/plain");
  app.setValidatorCompiler(createValidatorCompiler());
  app.addHook("onRequest", setGraphResponseHeaders);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(createUnknownRouteHandler(spec.paths));

  const context = { store, publicBaseUrl: config.publicBaseUrl };
  const handlers: OperationHandlers = {
    ...userStatusHandlers(context),
    ...mobileAppHandlers(context),
    ...serviceHandlers(context, spec),
  };

  // Each spec operation → its handler, behind the bearerAuth scheme when the operation requires it.
  function resolveOperation(operationId: string, _method: string, openapiPath: string) {
    const operation = operations.get(operationId);
    const handler = handlers[operationId as OperationId] as
      | ((request: FastifyRequest) => Promise<{ status: number; body?: unknown }>)
      | undefined;
    if (!operation || !handler) throw new Error(`No handler for operation '${operationId}'.`);
    const graphJson = openapiPath.startsWith("/beta/");

    const route: { handler: RouteHandlerMethod; onRequest?: onRequestHookHandler } = {
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const answer = await handler(request);
        reply.code(answer.status);
        if (!("body" in answer)) return reply.send();
        if (graphJson) reply.header("content-type", GRAPH_JSON_CONTENT_TYPE);
        return answer.body;
      },
    };
    const security = operation.security ?? spec.security ?? [];
    if (security.some((requirement) => "bearerAuth" in requirement)) {
      const permissions = operation["x-graph-permissions"];
      if (!permissions) throw new Error(`Operation '${operationId}' declares no x-graph-permissions.`);
      route.onRequest = bearerAuth(verifyToken, permissions);
    }
    return route;
  }

  await app.register(openapiGlue, {
    specification: structuredClone(spec),
    operationResolver: resolveOperation as NonNullable<FastifyOpenapiGlueOptions["operationResolver"]>,
  });
  return app;
}
