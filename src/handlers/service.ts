// No auth: liveness, readiness (the store answers), metrics, the contract itself and, as on Graph, $metadata.
import { buildCsdl, type CsdlSpec } from "../graph/odata/csdl.ts";
import type { ServiceMetrics } from "../observability/metrics.ts";
import type { OpenApiDocument } from "../spec.ts";
import type { HandlerContext } from "./context.ts";
import type { OperationHandler } from "./operation-types.ts";

export function serviceHandlers({ store }: HandlerContext, spec: OpenApiDocument, metrics: ServiceMetrics) {
  const getHealth: OperationHandler<"getHealth"> = async () => ({ status: 200, body: { status: "ok" } });

  const getReadiness: OperationHandler<"getReadiness"> = async (request) => {
    try {
      await store.ping();
      return { status: 200, body: { status: "ok" } };
    } catch (error) {
      request.log.warn({ err: error }, "store not reachable");
      return { status: 503, body: { status: "unavailable" } };
    }
  };

  const getOpenApiDocument: OperationHandler<"getOpenApiDocument"> = async () => ({ status: 200, body: spec });

  const getMetrics: OperationHandler<"getMetrics"> = async () => ({ status: 200, body: await metrics.render() });

  // Built once, at start-up: the spec does not change while the service runs.
  const csdl = buildCsdl(spec as unknown as CsdlSpec);
  const getMetadata: OperationHandler<"getMetadata"> = async () => ({ status: 200, body: csdl });

  return { getHealth, getReadiness, getOpenApiDocument, getMetrics, getMetadata };
}
