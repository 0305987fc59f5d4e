// Prometheus metrics of one app instance (its own registry, so that several apps in one process do
// not share counters): requests by operation and status, request latency, requests in flight, and
// the latency of every store call.
import type { FastifyInstance } from "fastify";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Store } from "../store/store.ts";
import { operationOf } from "./request-log.ts";

/** Seconds; from a cached read to a slow write on a busy disk. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface ServiceMetrics {
  registry: Registry;
  /** The exposition text for GET /metrics. */
  render(): Promise<string>;
  /** Hooks that count and time every request the app answers. */
  instrument(app: FastifyInstance): void;
  /** The store, with each call timed by method and outcome. */
  timeStore(store: Store): Store;
}

export function createMetrics(): ServiceMetrics {
  const registry = new Registry();
  const registers = [registry];
  const requests = new Counter({
    name: "http_requests_total",
    help: "Requests answered, by the contract's operationId (or route), method and status code.",
    labelNames: ["operation", "method", "status"] as const,
    registers,
  });
  const requestDuration = new Histogram({
    name: "http_request_duration_seconds",
    help: "Time from receiving a request to sending the last byte of its answer.",
    labelNames: ["operation", "method", "status"] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const inFlight = new Gauge({
    name: "http_requests_in_flight",
    help: "Requests received whose answer is not finished yet.",
    registers,
  });
  const storeDuration = new Histogram({
    name: "store_operation_duration_seconds",
    help: "Duration of calls to the store, by store method and outcome (ok, error).",
    labelNames: ["method", "outcome"] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });

  return {
    registry,
    render: () => registry.metrics(),
    instrument(app) {
      app.addHook("onRequest", (_request, reply, done) => {
        inFlight.inc();
        // "close" comes once per response, finished or cut off; onResponse misses aborted requests.
        reply.raw.once("close", () => inFlight.dec());
        done();
      });
      app.addHook("onResponse", (request, reply, done) => {
        const labels = { operation: operationOf(request), method: request.method, status: String(reply.statusCode) };
        requests.inc(labels);
        requestDuration.observe(labels, reply.elapsedTime / 1000);
        done();
      });
    },
    timeStore(store) {
      return new Proxy(store, {
        get(target, property) {
          const value: unknown = Reflect.get(target, property, target);
          if (typeof value !== "function" || typeof property !== "string") return value;
          return (...args: unknown[]) => {
            const end = storeDuration.startTimer({ method: property });
            let result: unknown;
            try {
              result = value.apply(target, args);
            } catch (error) {
              end({ outcome: "error" });
              throw error;
            }
            if (!(result instanceof Promise)) {
              end({ outcome: "ok" });
              return result;
            }
            return result.then(
              (resolved) => {
                end({ outcome: "ok" });
                return resolved;
              },
              (error: unknown) => {
                end({ outcome: "error" });
                throw error;
              },
            );
          };
        },
      });
    },
  };
}
