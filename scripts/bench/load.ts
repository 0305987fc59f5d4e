// One measurement: autocannon with fixed connections, a warm-up run whose figures are thrown away, then the
// measured run. Latencies are taken from autocannon's per-response event (floating milliseconds) rather than
// its histogram, which keeps whole milliseconds only: too coarse for sub-millisecond answers.
import autocannon from "autocannon";

export interface LoadTarget {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Several requests, sent in turn by each connection (overrides method, body; paths relative to url). */
  requests?: autocannon.Request[];
}

export interface LoadSettings {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}

export interface Measurement {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  responses: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Responses by status code, in the measured run and in the warm-up. */
  statuses: Record<number, number>;
  warmupStatuses: Record<number, number>;
}

function run(
  target: LoadTarget,
  connections: number,
  seconds: number,
  latencies?: number[],
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const options: autocannon.Options = {
      url: target.url,
      connections,
      duration: seconds,
      method: target.method ?? "GET",
      headers: target.headers ?? {},
      ...(target.body === undefined ? {} : { body: target.body }),
      ...(target.requests === undefined ? {} : { requests: target.requests }),
    };
    const instance = autocannon(options, (error: unknown, result) => (error ? reject(error) : resolve(result)));
    if (latencies) instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function statusesOf(result: autocannon.Result | undefined): Record<number, number> {
  const statuses: Record<number, number> = {};
  for (const [code, stats] of Object.entries(result?.statusCodeStats ?? {})) statuses[Number(code)] = stats.count ?? 0;
  return statuses;
}

export async function measure(target: LoadTarget, settings: LoadSettings): Promise<Measurement> {
  const warmup =
    settings.warmupSeconds > 0 ? await run(target, settings.connections, settings.warmupSeconds) : undefined;
  const latencies: number[] = [];
  const result = await run(target, settings.connections, settings.durationSeconds, latencies);
  const sorted = Float64Array.from(latencies).sort();
  return {
    requestsPerSecond: latencies.length / result.duration,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    responses: latencies.length,
    non2xx: result.non2xx,
    errors: result.errors,
    statuses: statusesOf(result),
    warmupStatuses: statusesOf(warmup),
  };
}
