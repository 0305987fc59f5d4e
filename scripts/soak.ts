// npm run soak -- [--minutes N | --seconds N] [--concurrency C] [--capacity-seconds S] [--sample-seconds S]
// Starts the server (its own process, a fresh SQLite file, through scripts/server/start-server.ts as every
// harness does), measures its capacity with a closed loop of C clients, then holds a steady open-loop load at half
// of it: a mix of reads, writes and queries on seeded data. Prints the server's RSS over time, the error count and
// latency percentiles (measured from each request's scheduled start, so a stall is not hidden). Exits 1 on any
// error, or, in a run of 2 minutes or more, when RSS grew 10 % or more from the end of the warm-up to the end.
// A shorter run (CI's 15-second smoke run) prints RSS but does not judge it: the heap is still growing to size.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { mintLocalToken } from "../src/auth/local-tokens.ts";
import { loadOrCreateSigningKey } from "../src/auth/signing-key.ts";
import { killAllServers, startServer } from "./server/start-server.ts";

const USAGE = `Usage: npm run soak -- [options]
  --minutes N           steady load for N minutes (default 5)
  --seconds N           steady load for N seconds instead (CI's smoke run: --seconds 15)
  --concurrency C       clients of the capacity measurement (default 32)
  --capacity-seconds S  length of the capacity measurement (default: a tenth of the run, 2 to 20 s)
  --sample-seconds S    a line of the table every S seconds (default: a third of the run, at most 15 s)
  -h, --help            show this help
Exits 1 on any failed request, or (runs of 2 minutes or more) when RSS grew 10 % or more after the warm-up.`;

function usageError(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        minutes: { type: "string" },
        seconds: { type: "string" },
        concurrency: { type: "string", default: "32" },
        "capacity-seconds": { type: "string" },
        "sample-seconds": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }).values;
  } catch (error) {
    return usageError((error as Error).message);
  }
}
const values = parseCommandLine();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const positive = (name: string, raw: string | undefined, fallback: number) => {
  const n = Number(raw ?? fallback);
  if (!(n > 0) || !Number.isFinite(n)) usageError(`--${name} must be a positive number, got '${raw}'.`);
  return n;
};
if (values.minutes !== undefined && values.seconds !== undefined)
  usageError("--minutes and --seconds exclude each other.");
const DURATION_MS =
  values.seconds === undefined
    ? positive("minutes", values.minutes, 5) * 60_000
    : positive("seconds", values.seconds, 0) * 1000;
const CONCURRENCY = positive("concurrency", values.concurrency, 32);
const CAPACITY_SECONDS = positive(
  "capacity-seconds",
  values["capacity-seconds"],
  Math.min(20, Math.max(2, DURATION_MS / 10_000)),
);
const SAMPLE_SECONDS = positive("sample-seconds", values["sample-seconds"], Math.min(15, DURATION_MS / 3000));
const WARM_UP_MS = Math.min(60_000, DURATION_MS / 5);
/** Below this, RSS is printed but not judged. */
const JUDGED_MS = 120_000;
const SEEDED_STATUSES = 2000;

const dir = mkdtempSync(path.join(tmpdir(), "graph-soak-"));

// ─── the server ─────────────────────────────────────────────────────────────────────────────────────────────

function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kilobytes = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
  return kilobytes * 1024;
}

process.on("exit", () => {
  killAllServers();
  rmSync(dir, { recursive: true, force: true });
});
const keyPath = path.join(dir, "signing-key.pem");
const token = await mintLocalToken(await loadOrCreateSigningKey(keyPath), { expiresInSeconds: 24 * 3600 });
// LOG_LEVEL=warn: the run's output is the table; a warning or error the server logs still shows (on stderr).
const server = await startServer({
  env: { DATA_DIR: dir, AUTH_SIGNING_KEY_PATH: keyPath, LOG_LEVEL: "warn" },
  output: "stderr",
});
const { hostname, port } = new URL(server.baseUrl);

// ─── requests ───────────────────────────────────────────────────────────────────────────────────────────────

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY * 4 });

interface Answer {
  status: number;
  body: string;
}

function request(method: string, url: string, body?: unknown): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: hostname,
        port,
        method,
        path: url,
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload === undefined
            ? {}
            : { "content-type": "application/json", "content-length": Buffer.byteLength(payload) }),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

// ─── the workload ───────────────────────────────────────────────────────────────────────────────────────────

const apps = "/beta/deviceAppManagement/mobileApps";
let mobileAppId = "";
const statuses = () => `${apps}/${mobileAppId}/userStatuses`;
/** Ids that exist (seeded, or created by the soak and not yet deleted). */
const existing: string[] = [];
let created = 0;

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)] as T;
const someStatus = (i: number) => ({
  userName: `Soak user ${i} ✓`,
  userPrincipalName: `soak${i}@contoso.example`,
  installedDeviceCount: i % 50,
  failedDeviceCount: i % 7,
  notInstalledDeviceCount: i % 13,
});

/** One request of the mix and the statuses that count as success for it. */
function nextOperation(): { run: () => Promise<Answer>; ok: number[] } {
  const roll = Math.random();
  if (roll < 0.3) return { run: () => request("GET", `${statuses()}?$top=50`), ok: [200] };
  if (roll < 0.55) return { run: () => request("GET", `${statuses()}/${pick(existing)}`), ok: [200, 404] };
  if (roll < 0.65) {
    const id = `soak-${created++}`;
    return {
      run: async () => {
        const answer = await request("POST", statuses(), { id, ...someStatus(created) });
        if (answer.status === 201) existing.push(id);
        return answer;
      },
      ok: [201],
    };
  }
  if (roll < 0.8) {
    const changes = { failedDeviceCount: Math.floor(Math.random() * 100), userName: `Patched ${created}` };
    return { run: () => request("PATCH", `${statuses()}/${pick(existing)}`, changes), ok: [200, 404] };
  }
  if (roll < 0.9) {
    // Deletes keep pace with creates, so the data (and the page cache) stays the same size.
    const at = Math.floor(Math.random() * existing.length);
    const [id] = existing.splice(at, 1);
    return { run: () => request("DELETE", `${statuses()}/${id}`), ok: [204, 404] };
  }
  if (roll < 0.95) {
    const filter = encodeURIComponent("failedDeviceCount gt 3 and startswith(userName,'Soak')");
    return { run: () => request("GET", `${statuses()}/$count?$filter=${filter}`), ok: [200] };
  }
  const query = `$filter=${encodeURIComponent("installedDeviceCount ge 25")}&$orderby=${encodeURIComponent("failedDeviceCount desc,userName")}&$top=20&$count=true`;
  return { run: () => request("GET", `${statuses()}?${query}`), ok: [200] };
}

/** Sends the next request of the mix: its latency from `scheduledAt`, and what went wrong, if anything. */
async function measure(scheduledAt: number): Promise<{ latencyMs: number; error?: string }> {
  const { run, ok } = nextOperation();
  let error: string | undefined;
  try {
    const answer = await run();
    if (!ok.includes(answer.status)) error = `${answer.status} ${answer.body.slice(0, 200)}`;
  } catch (failure) {
    error = String(failure);
  }
  return { latencyMs: performance.now() - scheduledAt, ...(error === undefined ? {} : { error }) };
}

interface Tally {
  latenciesMs: number[];
  errors: string[];
}
const newTally = (): Tally => ({ latenciesMs: [], errors: [] });
function add(tally: Tally, outcome: { latencyMs: number; error?: string }): void {
  tally.latenciesMs.push(outcome.latencyMs);
  if (outcome.error !== undefined) tally.errors.push(outcome.error);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}
const ms = (n: number) => `${n.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function summary(latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  return ["p50", "p90", "p99", "p99.9"]
    .map((name) => `${name} ${ms(percentile(sorted, Number(name.slice(1))))}`)
    .concat(`max ${ms(sorted.at(-1) ?? Number.NaN)}`)
    .join(", ");
}

// ─── run ────────────────────────────────────────────────────────────────────────────────────────────────────

const app = await request("POST", apps, { "@odata.type": "#microsoft.graph.webApp", displayName: "Soak" });
mobileAppId = (JSON.parse(app.body) as { id: string }).id;
for (let i = 0; i < SEEDED_STATUSES; i += 100) {
  await Promise.all(
    Array.from({ length: 100 }, async (_, j) => {
      const id = `seed-${i + j}`;
      const answer = await request("POST", statuses(), { id, ...someStatus(i + j) });
      if (answer.status !== 201) throw new Error(`seeding: ${answer.status} ${answer.body}`);
      existing.push(id);
    }),
  );
}
const pid = server.pid;
console.log(`server pid ${pid} at ${server.baseUrl}; ${SEEDED_STATUSES} statuses seeded; RSS ${mb(rssBytes(pid))}`);

// Capacity: CONCURRENCY clients, each sending its next request as soon as the last is answered.
const capacityTally = newTally();
const capacityEnd = performance.now() + CAPACITY_SECONDS * 1000;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < capacityEnd) add(capacityTally, await measure(performance.now()));
  }),
);
const capacity = capacityTally.latenciesMs.length / CAPACITY_SECONDS;
const rate = capacity / 2;
console.log(
  `capacity: ${capacity.toFixed(0)} requests/s with ${CONCURRENCY} clients (${summary(capacityTally.latenciesMs)}; ${capacityTally.errors.length} errors)`,
);
console.log(
  `steady load: ${rate.toFixed(0)} requests/s for ${DURATION_MS / 1000} s; a line every ${Number(SAMPLE_SECONDS.toFixed(1))} s\n`,
);
console.log("  time      RSS   requests  errors   p50       p99       max");

// Steady load: requests start on a fixed schedule, whatever the answers are doing (an open loop).
const total = newTally();
let interval = newTally();
const started = performance.now();
const end = started + DURATION_MS;
const rssSamples: Array<{ atMs: number; rss: number }> = [];
const inFlight = new Set<Promise<void>>();
let sent = 0;

/** One line of the table: the server's RSS now and what the interval since the last line saw. */
function sample(): void {
  const atMs = performance.now() - started;
  const rss = rssBytes(pid);
  rssSamples.push({ atMs, rss });
  const sorted = [...interval.latenciesMs].sort((a, b) => a - b);
  console.log(
    `${(atMs / 1000).toFixed(1).padStart(5)} s ${mb(rss).padStart(9)} ${String(interval.latenciesMs.length).padStart(9)} ${String(interval.errors.length).padStart(7)}  ${ms(percentile(sorted, 50)).padStart(8)}  ${ms(percentile(sorted, 99)).padStart(8)}  ${ms(sorted.at(-1) ?? Number.NaN).padStart(8)}`,
  );
  interval = newTally();
}
// The tick due at the end is left to the line printed after the last answer, so the last interval is one line.
const sampler = setInterval(() => {
  if (performance.now() < end - (SAMPLE_SECONDS * 1000) / 2) sample();
}, SAMPLE_SECONDS * 1000);

while (performance.now() < end) {
  const scheduledAt = started + (sent * 1000) / rate;
  const wait = scheduledAt - performance.now();
  if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
  sent++;
  const done = measure(scheduledAt).then((outcome) => {
    add(total, outcome);
    add(interval, outcome);
    inFlight.delete(done);
  });
  inFlight.add(done);
}
await Promise.all(inFlight);
clearInterval(sampler);
sample(); // the last interval, up to the last answer

const warm = rssSamples.find((sample) => sample.atMs >= WARM_UP_MS) ?? rssSamples[0];
const last = rssSamples.at(-1);
const growth = warm && last ? (last.rss - warm.rss) / warm.rss : 0;
const seconds = (performance.now() - started) / 1000;
console.log(
  `\n${total.latenciesMs.length} requests in ${seconds.toFixed(0)} s (${(total.latenciesMs.length / seconds).toFixed(0)}/s), ${total.errors.length} errors`,
);
console.log(`latency: ${summary(total.latenciesMs)}`);
const judged = DURATION_MS >= JUDGED_MS;
if (warm && last) {
  console.log(
    `RSS: ${mb(warm.rss)} after warm-up (${(warm.atMs / 1000).toFixed(0)} s) → ${mb(last.rss)} at the end: ${(growth * 100).toFixed(1)} % growth${judged ? "" : " (not judged: a run under 2 minutes)"}`,
  );
}
for (const error of total.errors.slice(0, 5)) console.log(`error: ${error}`);
agent.destroy();
const exit = await server.stop("SIGTERM");
const stoppedCleanly = exit.code === 0;
if (!stoppedCleanly) console.log(`the server did not exit cleanly on SIGTERM: ${JSON.stringify(exit)}`);
const ok = total.errors.length === 0 && (!judged || growth < 0.1) && stoppedCleanly;
console.log(ok ? "soak: passed" : "soak: FAILED");
process.exitCode = ok ? 0 : 1;
