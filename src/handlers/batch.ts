// JSON batching (POST /beta/$batch), as Graph's: each request of the batch is injected into this same app,
// so it passes through the same authentication (the batch's own token), validation, permission check,
// throttling and handlers as if it had been sent alone. Requests run concurrently unless one dependsOn
// another; a dependency that did not succeed answers 424 for its dependents, which are not run. Not atomic.
import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { components } from "../../generated/types.ts";
import { GraphError } from "../graph/error-catalogue.ts";
import { errorEnvelope } from "../graph/error-envelope.ts";
import { originOf } from "../graph/odata-context.ts";
import { GRAPH_JSON_CONTENT_TYPE } from "../graph/request-ids.ts";
import type { HandlerContext } from "./context.ts";
import type { OperationHandler } from "./operation-types.ts";

type BatchRequestItem = components["schemas"]["batchRequestItem"];
type BatchResponseItem = components["schemas"]["batchResponseItem"];

/** The header that ties an injected request to its batch; its value is known only to this process. */
const BATCH_HEADER = "x-graph-intune-batch";
/** Request headers of a batch's request that are not its own to set: the batch's credentials and host stand,
 * and the body's framing is the injection's. */
const FRAMING_HEADERS = new Set([
  "authorization",
  "host",
  "content-length",
  "transfer-encoding",
  "connection",
  BATCH_HEADER,
]);
/** Response headers a batch answer carries per request (the rest are per connection, or the same for all), spelt
 * as Graph spells them there: the Graph JS client's BatchResponseContent looks for "Content-Type" exactly. */
const ANSWERED_HEADERS = ["Content-Type", "Location", "Retry-After", "WWW-Authenticate", "Allow"];

declare module "fastify" {
  interface FastifyRequest {
    /** For a request of a batch: the origin the batch was sent to (so @odata.context and Location name it). */
    batchOrigin?: string;
  }
}

const invalid = (message: string) => GraphError.of("badRequest", message);

/** The batch's checks that refuse all of it: ids, references, cycles, URLs. */
function checkBatch(sent: BatchRequestItem[], origin: string): Map<string, BatchRequestItem> {
  // msgraph-core for Python spells dependsOn depends_on, and sends absolute URLs: both are read.
  const requests = sent.map(({ depends_on, ...item }) => ({
    ...item,
    url: relativeUrl(item, origin),
    ...(depends_on === undefined ? {} : { dependsOn: [...new Set([...(item.dependsOn ?? []), ...depends_on])] }),
  }));
  const byId = new Map<string, BatchRequestItem>();
  for (const item of requests) {
    if (byId.has(item.id)) throw invalid(`Batch request ids must be unique; '${item.id.slice(0, 128)}' is repeated.`);
    byId.set(item.id, item);
  }
  for (const item of requests) {
    for (const dependency of item.dependsOn ?? []) {
      if (!byId.has(dependency)) {
        throw invalid(`Request '${item.id}' depends on '${dependency.slice(0, 128)}', which is not in the batch.`);
      }
    }
    if (/^\$batch$/i.test(pathOf(item.url).split(/[/?]/)[0] ?? "")) {
      throw invalid(`Request '${item.id}' is itself a batch; batches cannot be nested.`);
    }
  }
  // A cycle would leave its requests waiting for each other: refused, as Graph does.
  const state = new Map<string, "visiting" | "done">();
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === "done") return;
    if (state.get(id) === "visiting")
      throw invalid(`The dependsOn of requests ${[...path, id].join(" → ")} form a cycle.`);
    state.set(id, "visiting");
    for (const dependency of byId.get(id)?.dependsOn ?? []) visit(dependency, [...path, id]);
    state.set(id, "done");
  };
  for (const id of byId.keys()) visit(id, []);
  return byId;
}

/** The request's URL relative to the service: an absolute URL must name the origin the batch was sent to (as
 * msgraph-core for Python sends them); any other origin cannot be served here. */
function relativeUrl(item: BatchRequestItem, origin: string): string {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(item.url) && !item.url.startsWith("//")) return item.url;
  let url: URL | undefined;
  try {
    url = new URL(item.url);
  } catch {
    url = undefined;
  }
  if (url === undefined || url.origin !== new URL(origin).origin) {
    throw invalid(
      `The url of request '${item.id}' must be relative to /beta, such as '/deviceAppManagement/mobileApps', or name this service (${origin}).`,
    );
  }
  return `${url.pathname}${url.search}`;
}

/** The request's path under /beta, without a leading slash or a leading `beta/` (the Graph JS client's
 * BatchRequestContent sends the path of the absolute URL it was given, version included). */
function pathOf(url: string): string {
  return url.replace(/^\/+/, "").replace(/^beta(?=\/|\?|$)\/?/i, "");
}

export function batchHandlers({ publicBaseUrl }: HandlerContext, app: FastifyInstance) {
  const origins = new Map<string, string>();

  /** onRequest hook of every route: marks the requests a batch injected, and strips the marker. */
  function recognizeBatchRequest(request: FastifyRequest, _reply: FastifyReply, done: () => void): void {
    const key = request.headers[BATCH_HEADER];
    if (key !== undefined) {
      const origin = typeof key === "string" ? origins.get(key) : undefined;
      if (origin !== undefined) request.batchOrigin = origin;
      delete request.headers[BATCH_HEADER];
    }
    done();
  }

  const sendBatch: OperationHandler<"sendBatch"> = async (request) => {
    const { requests } = request.body;
    const origin = request.batchOrigin ?? originOf(request, publicBaseUrl);
    const byId = checkBatch(requests, origin);
    const items = [...byId.values()];
    const key = randomUUID();
    origins.set(key, origin);

    const execute = async (item: BatchRequestItem): Promise<BatchResponseItem> => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(item.headers ?? {})) {
        if (!FRAMING_HEADERS.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
      }
      // The batch's own credentials and host, whatever the request says.
      if (request.headers.authorization !== undefined) headers.authorization = request.headers.authorization;
      if (request.headers.host !== undefined) headers.host = request.headers.host;
      headers[BATCH_HEADER] = key;
      const hasBody = item.body !== undefined;
      if (hasBody && headers["content-type"] === undefined) headers["content-type"] = "application/json";
      let response: Awaited<ReturnType<FastifyInstance["inject"]>>;
      try {
        response = await app.inject({
          method: item.method,
          url: `/beta/${pathOf(item.url)}`,
          headers,
          ...(hasBody ? { payload: JSON.stringify(item.body) } : {}),
        });
      } catch {
        // A URL or header that no HTTP request could carry (a control character, a malformed name): this
        // request's fault, answered as Graph answers a request it cannot read.
        const envelope = errorEnvelope(
          GraphError.of("badRequest", `Request '${item.id}' has a url or a header that is not valid.`),
          { requestId: request.id, clientRequestId: request.id },
        );
        return { id: item.id, status: 400, headers: { "Content-Type": GRAPH_JSON_CONTENT_TYPE }, body: envelope };
      }
      const answered: Record<string, string> = {};
      for (const name of ANSWERED_HEADERS) {
        const value = response.headers[name.toLowerCase()];
        if (value !== undefined) answered[name] = String(value);
      }
      const contentType = answered["Content-Type"] ?? "";
      const body =
        response.body === "" ? undefined : contentType.includes("json") ? (response.json() as unknown) : response.body;
      return { id: item.id, status: response.statusCode, headers: answered, ...(body === undefined ? {} : { body }) };
    };

    const failedDependency = (item: BatchRequestItem, dependency: string): BatchResponseItem => {
      const error = GraphError.of("badRequest", `Request '${dependency}', which this request depends on, failed.`);
      const envelope = errorEnvelope(error, { requestId: request.id, clientRequestId: request.id });
      envelope.error.code = "FailedDependency";
      return { id: item.id, status: 424, headers: { "Content-Type": GRAPH_JSON_CONTENT_TYPE }, body: envelope };
    };

    const running = new Map<string, Promise<BatchResponseItem>>();
    const run = (item: BatchRequestItem): Promise<BatchResponseItem> => {
      let answer = running.get(item.id);
      if (!answer) {
        answer = (async () => {
          const dependencies = item.dependsOn ?? [];
          const done = await Promise.all(dependencies.map((id) => run(byId.get(id) as BatchRequestItem)));
          const failed = done.find((response) => response.status < 200 || response.status >= 300);
          return failed ? failedDependency(item, failed.id) : execute(item);
        })();
        running.set(item.id, answer);
      }
      return answer;
    };
    try {
      const responses = await Promise.all(items.map(run));
      return { status: 200, body: { responses } };
    } finally {
      origins.delete(key);
    }
  };

  return { handlers: { sendBatch }, recognizeBatchRequest };
}
