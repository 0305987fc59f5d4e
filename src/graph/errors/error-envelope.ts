// Turns every failure into Graph's error envelope:
// {"error":{"code","message","target"?,"innerError":{"date","request-id","client-request-id"}}}.
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import type { components } from "../../../generated/types.ts";
import { StoreUnavailableError } from "../../model/store-unavailable-error.ts";
import { clientRequestIdOf, GRAPH_JSON_CONTENT_TYPE, setGraphResponseHeaders } from "../request-ids.ts";
import { GraphError } from "./error-catalogue.ts";
import { graphErrorFromValidation } from "./validation-errors.ts";

type ODataError = components["schemas"]["microsoft.graph.ODataErrors.ODataError"];

/** Graph writes innerError.date in UTC without zone or fraction: 2023-06-23T12:19:44. */
const graphDate = (): string => new Date().toISOString().slice(0, 19);

export function errorEnvelope(error: GraphError, ids: { requestId: string; clientRequestId: string }): ODataError {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.target === undefined ? {} : { target: error.target }),
      innerError: {
        date: graphDate(),
        "request-id": ids.requestId,
        "client-request-id": ids.clientRequestId,
      },
    },
  };
}

export function sendGraphError(error: GraphError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply
    .code(error.status)
    .headers(error.headers)
    .header("content-type", GRAPH_JSON_CONTENT_TYPE)
    .send(errorEnvelope(error, { requestId: request.id, clientRequestId: clientRequestIdOf(request) }));
}

/** What fastify's own failures (body parsing, limits) mean in Graph's terms. */
function graphErrorFromFastify(error: FastifyError, request: FastifyRequest): GraphError | undefined {
  switch (error.code) {
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return GraphError.of("emptyBody");
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return GraphError.of("invalidJson", error.message);
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return GraphError.of("payloadTooLarge", request.routeOptions.bodyLimit);
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return GraphError.of("unsupportedMediaType", request.headers["content-type"] ?? "");
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return GraphError.of("badRequest", "The Content-Length header does not match the request body.");
  }
  // JSON.parse failures and secure-json-parse's prototype-poisoning refusal arrive as plain errors
  // with statusCode 400.
  if (error instanceof SyntaxError || error.statusCode === 400) return GraphError.of("invalidJson", error.message);
  if (error.statusCode === 413) return GraphError.of("payloadTooLarge", request.routeOptions.bodyLimit);
  if (error.statusCode === 415) return GraphError.of("unsupportedMediaType", request.headers["content-type"] ?? "");
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return GraphError.of("badRequest", error.message);
  }
  return undefined;
}

/** fastify error handler: the only place a failure becomes a response. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  try {
    return answerError(error, request, reply);
  } catch (secondary) {
    // A failure while answering a failure (a message built from hostile input, say) must still end as
    // Graph's 500, not as fastify's own error body.
    request.log.error({ err: secondary, cause: error }, "failed to answer an error");
    return sendGraphError(GraphError.of("internal"), request, reply);
  }
}

/**
 * fastify's frameworkErrors: URLs that fail before routing (bad percent-encoding, a path segment longer
 * than the router's maxParamLength). No hook has run, so the Graph headers are set here.
 */
export function handleFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  setGraphResponseHeaders(request, reply, () => {});
  const graphError =
    error.code === "FST_ERR_MAX_PARAM_LENGTH"
      ? GraphError.of("badRequest", "A key in the URL is too long: keys are 1 to 128 characters.")
      : error.code === "FST_ERR_BAD_URL"
        ? GraphError.of("badRequest", "The request URL is not valid.")
        : undefined;
  if (!graphError) request.log.error({ err: error }, "unhandled framework error");
  sendGraphError(graphError ?? GraphError.of("internal"), request, reply);
}

function answerError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const graphError =
    error instanceof GraphError
      ? error
      : error instanceof StoreUnavailableError
        ? GraphError.of("serviceUnavailable", error.retryAfterSeconds).withHeader(
            "retry-after",
            String(error.retryAfterSeconds),
          )
        : error.validation
          ? graphErrorFromValidation(error.validation, error.validationContext)
          : graphErrorFromFastify(error, request);
  if (graphError) {
    if (graphError.status >= 500) request.log.warn({ err: error }, "request failed");
    return sendGraphError(graphError, request, reply);
  }
  // Anything else is our fault: log it in full, show the client nothing of it.
  request.log.error({ err: error }, "unhandled error");
  return sendGraphError(GraphError.of("internal"), request, reply);
}
