// Prometheus metrics of one app instance (its own series, so that several apps in one process do not share
// counters): requests by operation and status, request latency, requests in flight, and the latency of every
// store call. Kept in plain maps and rendered in the text exposition format here, because a general metrics
// library's per-call label hashing and validation cost a fifth of a cached GET's throughput.
import type { FastifyInstance } from "fastify";
import type { Store, TenantStore } from "../store/store.ts";
import { operationOf } from "./request-log.ts";

/** Seconds; from a cached read to a slow write on a busy disk. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const REQUEST_LABELS = ["operation", "method", "status"] as const;

export interface ServiceMetrics {
  /** The exposition text for GET /metrics. */
  render(): string;
  /** Hooks that count and time every request the app answers. */
  instrument(app: FastifyInstance): void;
  /** The store, with each call timed by method and outcome. */
  timeStore(store: Store): Store;
}

interface Series {
  labels: string; // rendered once: operation="…",method="…"
  bucketCounts: number[]; // per bucket, not cumulative; one more for +Inf
  sum: number;
  count: number;
}

/** A new series of the label set, its labels rendered once. */
function newSeries(labels: Record<string, string>): Series {
  return {
    labels: renderLabels(labels),
    bucketCounts: new Array(LATENCY_BUCKETS.length + 1).fill(0),
    sum: 0,
    count: 0,
  };
}

function observeIn(series: Series, seconds: number): void {
  let bucket = 0;
  while (bucket < LATENCY_BUCKETS.length && seconds > (LATENCY_BUCKETS[bucket] as number)) bucket++;
  series.bucketCounts[bucket] = (series.bucketCounts[bucket] as number) + 1;
  series.sum += seconds;
  series.count += 1;
}

/**
 * A histogram over label sets. A request's series is found by nested lookups (operation, method, status code)
 * rather than by a key string built for it: nothing is allocated per request once its series exists.
 */
class LatencyHistogram {
  /** Every series, in the order they appeared (what render lists). */
  readonly series = new Map<string, Series>();
  private readonly byLabels = new Map<string, Map<string, Map<number | string, Series>>>();

  /** The series of labels (a, b, c) = values (x, y, z), made on first use. */
  seriesOf(names: readonly [string, string, string], x: string, y: string, z: number | string): Series {
    let byY = this.byLabels.get(x);
    if (byY === undefined) {
      byY = new Map();
      this.byLabels.set(x, byY);
    }
    let byZ = byY.get(y);
    if (byZ === undefined) {
      byZ = new Map();
      byY.set(y, byZ);
    }
    let series = byZ.get(z);
    if (series === undefined) {
      series = newSeries({ [names[0]]: x, [names[1]]: y, [names[2]]: String(z) });
      byZ.set(z, series);
      this.series.set(`${x} ${y} ${z}`, series);
    }
    return series;
  }

  /** A series of fixed labels, for a caller that keeps it (made once, observed often). */
  fixedSeries(labels: Record<string, string>): Series {
    const key = JSON.stringify(labels);
    let series = this.series.get(key);
    if (series === undefined) {
      series = newSeries(labels);
      this.series.set(key, series);
    }
    return series;
  }

  render(name: string, help: string): string[] {
    const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} histogram`];
    for (const { labels, bucketCounts, sum, count } of this.series.values()) {
      let cumulative = 0;
      bucketCounts.forEach((n, i) => {
        cumulative += n;
        const le = i < LATENCY_BUCKETS.length ? String(LATENCY_BUCKETS[i]) : "+Inf";
        lines.push(`${name}_bucket{${labels},le="${le}"} ${cumulative}`);
      });
      lines.push(`${name}_sum{${labels}} ${sum}`, `${name}_count{${labels}} ${count}`);
    }
    return lines;
  }
}

function propertyNames(object: object): Set<string> {
  const names = new Set<string>();
  for (let level: object | null = object; level && level !== Object.prototype; level = Object.getPrototypeOf(level)) {
    for (const name of Object.getOwnPropertyNames(level)) if (name !== "constructor") names.add(name);
  }
  return names;
}

function renderLabels(labels: Record<string, string>): string {
  const escaped = (value: string) => value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
  return Object.entries(labels)
    .map(([name, value]) => `${name}="${escaped(value)}"`)
    .join(",");
}

export function createMetrics(): ServiceMetrics {
  const requestDuration = new LatencyHistogram();
  const storeDuration = new LatencyHistogram();
  let inFlight = 0;
  const finished = () => {
    inFlight--;
  };

  /**
   * A copy of `target` whose every method (its own and its prototypes', for class-based stores) is timed. Each
   * method's two series (ok, error) are found once, here: a call allocates no key and no closure.
   */
  function timedMethods(target: object): Record<string, unknown> {
    const timed: Record<string, unknown> = {};
    const source = target as Record<string, unknown>;
    for (const name of propertyNames(target)) {
      const value = source[name];
      if (typeof value !== "function") {
        Object.defineProperty(timed, name, { get: () => source[name], enumerable: true });
        continue;
      }
      let ok: Series | undefined;
      let failed: Series | undefined;
      // Made when first used, so that /metrics lists the methods called, as before.
      const okSeries = () => (ok ??= storeDuration.fixedSeries({ method: name, outcome: "ok" }));
      const failedSeries = () => (failed ??= storeDuration.fixedSeries({ method: name, outcome: "error" }));
      const settled = async (result: Promise<unknown>, started: number) => {
        try {
          const resolved = await result;
          observeIn(okSeries(), (performance.now() - started) / 1000);
          return resolved;
        } catch (error) {
          observeIn(failedSeries(), (performance.now() - started) / 1000);
          throw error;
        }
      };
      timed[name] = function timedCall(...args: unknown[]) {
        const started = performance.now();
        let result: unknown;
        try {
          result = value.apply(target, args);
        } catch (error) {
          observeIn(failedSeries(), (performance.now() - started) / 1000);
          throw error;
        }
        if (!(result instanceof Promise)) {
          observeIn(okSeries(), (performance.now() - started) / 1000);
          return result;
        }
        return settled(result, started);
      };
    }
    return timed;
  }

  return {
    render() {
      const counter = [
        "# HELP http_requests_total Requests answered, by the contract's operationId (or route), method and status code.",
        "# TYPE http_requests_total counter",
        ...[...requestDuration.series.values()].map(({ labels, count }) => `http_requests_total{${labels}} ${count}`),
      ];
      return [
        ...counter,
        ...requestDuration.render(
          "http_request_duration_seconds",
          "Time from receiving a request to sending the last byte of its answer.",
        ),
        "# HELP http_requests_in_flight Requests received whose answer is not finished yet.",
        "# TYPE http_requests_in_flight gauge",
        `http_requests_in_flight ${inFlight}`,
        ...storeDuration.render(
          "store_operation_duration_seconds",
          "Duration of calls to the store, by store method and outcome (ok, error).",
        ),
        "",
      ].join("\n");
    },
    instrument(app) {
      app.addHook("onRequest", (_request, reply, done) => {
        inFlight++;
        // "close" comes once per response, finished or cut off; onResponse misses aborted requests.
        reply.raw.on("close", finished);
        done();
      });
      app.addHook("onResponse", (request, reply, done) => {
        const series = requestDuration.seriesOf(REQUEST_LABELS, operationOf(request), request.method, reply.statusCode);
        observeIn(series, reply.elapsedTime / 1000);
        done();
      });
    },
    timeStore(store) {
      // The tenants' views are timed too, each once (the store hands out one view per tenant), under the
      // same method names as before there were tenants.
      const timedViews = new WeakMap<TenantStore, TenantStore>();
      const timed = timedMethods(store);
      timed.forTenant = (tenantId: string) => {
        const view = store.forTenant(tenantId);
        let timedView = timedViews.get(view);
        if (!timedView) {
          timedView = timedMethods(view) as unknown as TenantStore;
          timedViews.set(view, timedView);
        }
        return timedView;
      };
      return timed as unknown as Store;
    },
  };
}
