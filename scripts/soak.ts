// npm run soak -- --minutes N [--concurrency C] [--capacity-seconds S] [--sample-seconds S]
// Starts the server (its own process, a fresh SQLite file), measures its capacity with a closed loop of
// C clients, then holds a steady open-loop load at half of it for N minutes: a mix of reads, writes and
// queries on seeded data. Prints the server's RSS over time, the error count and latency percentiles
// (measured from each request's scheduled start, so a stall is not hidden). Exits 1 on any error, or when
// RSS grew 10 % or more from the end of the first minute (warm-up) to the end.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { mintLocalToken } from "../src/auth/local-tokens.ts";
import { loadOrCreateSigningKey } from "../src/auth/signing-key.ts";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "5" },
    concurrency: { type: "string", default: "32" },
    "capacity-seconds": { type: "string", default: "20" },
    "sample-seconds": { type: "string", default: "15" },
  },
  strict: true,
});
const positive = (name: string, raw: string | undefined) => {
  const n = Number(raw);
  if (!(n > 0)) {
    console.error(`--${name} must be a positive number, got '${raw}'.`);
    process.exit(2);
  }
  return n;
};
const MINUTES = positive("minutes", values.minutes);
const CONCURRENCY = positive("concurrency", values.concurrency);
const CAPACITY_SECONDS = positive("capacity-seconds", values["capacity-seconds"]);
const SAMPLE_SECONDS = positive("sample-seconds", values["sample-seconds"]);
const WARM_UP_MS = Math.min(60_000, (MINUTES * 60_000) / 5);
const SEEDED_STATUSES = 2000;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dir = mkdtempSync(path.join(tmpdir(), "graph-soak-"));

// ─── the server ─────────────────────────────────────────────────────────────────────────────────────────────

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kilobytes = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
  return kilobytes * 1024;
}

const port = await freePort();
const keyPath = path.join(dir, "signing-key.pem");
const token = await mintLocalToken(await loadOrCreateSigningKey(keyPath), { expiresInSeconds: 24 * 3600 });
const server: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
  cwd: root,
  env: {
    ...process.env,
    HOST: "127.0.0.1",
    PORT: String(port),
    DATABASE_URL: `sqlite:${path.join(dir, "graph.db")}`,
    AUTH_SIGNING_KEY_PATH: keyPath,
    LOG_LEVEL: "warn",
    THROTTLE: "off",
    FAULT_RATE: "0",
  },
  stdio: ["ignore", "inherit", "inherit"],
});
const stopServer = () => {
  if (server.exitCode === null) server.kill("SIGTERM");
};
process.on("exit", () => {
  stopServer();
  rmSync(dir, { recursive: true, force: true });
});

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
        host: "127.0.0.1",
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

async function waitUntilReady(): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (server.exitCode !== null) throw new Error("the server exited at start");
    const ready = await request("GET", "/readyz").then(
      (answer) => answer.status === 200,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the server did not become ready");
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

await waitUntilReady();
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
const pid = server.pid as number;
console.log(`server pid ${pid} on port ${port}; ${SEEDED_STATUSES} statuses seeded; RSS ${mb(rssBytes(pid))}`);

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
console.log(`steady load: ${rate.toFixed(0)} requests/s for ${MINUTES} min; a line every ${SAMPLE_SECONDS} s\n`);
console.log("  time      RSS   requests  errors   p50       p99       max");

// Steady load: requests start on a fixed schedule, whatever the answers are doing (an open loop).
const total = newTally();
let interval = newTally();
const started = performance.now();
const end = started + MINUTES * 60_000;
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
    `${(atMs / 1000).toFixed(0).padStart(5)} s ${mb(rss).padStart(9)} ${String(interval.latenciesMs.length).padStart(9)} ${String(interval.errors.length).padStart(7)}  ${ms(percentile(sorted, 50)).padStart(8)}  ${ms(percentile(sorted, 99)).padStart(8)}  ${ms(sorted.at(-1) ?? Number.NaN).padStart(8)}`,
  );
  interval = newTally();
}
const sampler = setInterval(sample, SAMPLE_SECONDS * 1000);

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
sample(); // the end of the run, after the last answer

const warm = rssSamples.find((sample) => sample.atMs >= WARM_UP_MS) ?? rssSamples[0];
const last = rssSamples.at(-1);
const growth = warm && last ? (last.rss - warm.rss) / warm.rss : 0;
const seconds = (performance.now() - started) / 1000;
console.log(
  `\n${total.latenciesMs.length} requests in ${seconds.toFixed(0)} s (${(total.latenciesMs.length / seconds).toFixed(0)}/s), ${total.errors.length} errors`,
);
console.log(`latency: ${summary(total.latenciesMs)}`);
if (warm && last) {
  console.log(
    `RSS: ${mb(warm.rss)} after warm-up (${(warm.atMs / 1000).toFixed(0)} s) → ${mb(last.rss)} at the end: ${(growth * 100).toFixed(1)} % growth`,
  );
}
for (const error of total.errors.slice(0, 5)) console.log(`error: ${error}`);
stopServer();
agent.destroy();
process.exitCode = total.errors.length === 0 && growth < 0.1 ? 0 : 1;
