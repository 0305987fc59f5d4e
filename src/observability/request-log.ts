// Logs through fastify's pino: one line per request at info (request-id, operation, tenant, method, url,
// status, duration), plus an "incoming request" line at debug (what process tests wait on). JSON by default,
// readable lines with LOG_FORMAT=pretty (the default on a terminal). Never a secret: headers are not
// logged (and redacted should a serializer ever add them), token-bearing query parameters are masked.
import {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from "fastify";
import pretty from "pino-pretty";
import type { Config } from "../config.ts";

/** The log field that carries the request's id: Graph's header name, so a log line is found by it. */
export const REQUEST_ID_LOG_LABEL = "request-id";

export const REDACTED = "[redacted]";

/** Query parameters that carry credentials (OAuth's access_token in a URL, codes, secrets). */
const SECRET_QUERY_PARAMETER = /([?&](?:access_token|id_token|refresh_token|token|code|client_secret)=)[^&#]*/gi;

/** The URL as it may be logged: secret query values replaced. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY_PARAMETER, `$1${REDACTED}`);
}

/** The contract's operationId of the matched route; for other routes their pattern; "unmatched" for none. */
export function operationOf(request: FastifyRequest): string {
  const schema = request.routeOptions.schema as { operationId?: string } | undefined;
  return schema?.operationId ?? request.routeOptions.url ?? "unmatched";
}

export function loggerOptions(
  config: Pick<Config, "logLevel" | "logFormat">,
): Exclude<FastifyServerOptions["logger"], boolean | undefined> {
  return {
    level: config.logLevel,
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        'req.headers["proxy-authorization"]',
        "headers.authorization",
        "headers.cookie",
      ],
      censor: REDACTED,
    },
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: redactUrl(request.url),
        host: request.host,
        remoteAddress: request.ip,
        ...(request.socket?.remotePort === undefined ? {} : { remotePort: request.socket.remotePort }),
      }),
    },
    // Synchronous, so that the lines written just before process.exit() are not lost.
    ...(config.logFormat === "pretty"
      ? { stream: pretty({ sync: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" }) }
      : {}),
  };
}

/** fastify's per-request log lines, replaced: "incoming request" at debug, then one line at the end. */
export class RequestLogController extends LogController {
  /** Whether "request completed" lines are written at the configured level. */
  private readonly completedLinesLogged: boolean;

  constructor(level: Config["logLevel"]) {
    super({ requestIdLogLabel: REQUEST_ID_LOG_LABEL });
    this.completedLinesLogged = level === "info" || level === "debug" || level === "trace";
  }

  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ req: request }, "incoming request");
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    // At warn and above a completed request writes nothing: build no line for it.
    if (!error && !this.completedLinesLogged) return;
    const line = {
      operation: operationOf(request),
      // The token's tenant, once authenticated: whose data the request read or changed.
      ...(request.principal ? { tenant: request.principal.tenantId } : {}),
      method: request.method,
      url: redactUrl(request.url),
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 1000) / 1000,
    };
    if (error) reply.log.error({ ...line, err: error }, "request errored");
    else reply.log.info(line, "request completed");
  }
}

/** A line for a request whose client went away before the answer: it gets no "request completed". */
export function logAbortedRequests(app: FastifyInstance): void {
  app.addHook("onRequestAbort", (request, done) => {
    request.log.info(
      { operation: operationOf(request), method: request.method, url: redactUrl(request.url) },
      "request aborted by the client",
    );
    done();
  });
}
