// npm run bench -- [--quick] [--connections N] [--duration S] [--warmup S] [--cpu-prof DIR] [--only a,b]
//                  [--postgres URL]
// Seeds SQLite files with `npm run seed`, starts the service (auth on, real tokens), a bare node:http
// baseline and Prism mocking the same spec (and, with --postgres, the service on PostgreSQL), drives each with
// autocannon and prints Markdown tables: the
// measurements, start to ready, peak RSS, and the issue's targets with whether each is met. Information only:
// it exits 0 whatever the figures, and non-zero only when something could not run.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { mintLocalToken } from "../src/auth/local-tokens.ts";
import { loadOrCreateSigningKey } from "../src/auth/signing-key.ts";
import { type LoadSettings, type LoadTarget, type Measurement, measure } from "./bench/load.ts";
import {
  type Child,
  killAll,
  memoryOf,
  prismVersion,
  REPO_ROOT,
  startBaseline,
  startPrism,
  startService,
} from "./bench/processes.ts";
import {
  factsTable,
  integer,
  type LoadRow,
  loadTable,
  megabytes,
  seconds,
  type Target,
  targetsTable,
  times,
} from "./bench/report.ts";
import { type StoreSettings, seedApp, sqliteFile } from "./bench/seed.ts";
import { dropSchema } from "./postgres-schema.ts";

const USAGE = `Usage: npm run bench -- [options]
  --quick            small sizes and 2 s measurements (under a minute), for CI smoke runs
  --connections N    concurrent connections per measurement (default 10)
  --duration S       seconds measured per row (default 10, quick 2)
  --warmup S         seconds of warm-up before each row (default 3, quick 0.5)
  --cpu-prof DIR     run the service under load with node --cpu-prof, profile written to DIR
  --only LIST        only these rows: create,get,list,filter,deep,list1k,prism,ready,rss
  --postgres URL     also create and get on the service with this PostgreSQL server as its store (in a schema
                     of its own, dropped at the end), e.g. postgres://graph:graph@127.0.0.1:5432/graph_test`;

const ROWS = ["create", "get", "list", "filter", "deep", "list1k", "prism", "ready", "rss"] as const;

/** The seeded users' failures: `failedDeviceCount` is 0 or 1 (7%), so `gt 0` selects the failing users. */
const FILTER = { $filter: "failedDeviceCount gt 0", $orderby: "userName", $top: "100" };

/** The body of the README's example create, as a client sends it. */
const CREATE_BODY = JSON.stringify({
  "@odata.type": "#microsoft.graph.userAppInstallStatus",
  userName: "User Name value",
  userPrincipalName: "User Principal Name value",
  installedDeviceCount: 4,
  failedDeviceCount: 1,
  notInstalledDeviceCount: 7,
});

function usageError(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        quick: { type: "boolean", default: false },
        connections: { type: "string" },
        duration: { type: "string" },
        warmup: { type: "string" },
        "cpu-prof": { type: "string" },
        only: { type: "string" },
        postgres: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }).values;
  } catch (error) {
    return usageError((error as Error).message);
  }
}
const args = parseCommandLine();
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

/** The option as a number above zero (or zero, where allowed); the default when absent. */
function numeric(name: string, raw: string | undefined, fallback: number, allowZero = false): number {
  const value = Number(raw ?? fallback);
  if (Number.isFinite(value) && (value > 0 || (allowZero && value === 0))) return value;
  return usageError(`--${name} must be a ${allowZero ? "non-negative" : "positive"} number.`);
}

const sizes = args.quick
  ? { small: 1_000, large: 20_000, depth: 180, resident: 100_000, rssSeconds: 2, duration: 2, warmup: 0.5 }
  : { small: 1_000, large: 100_000, depth: 900, resident: 1_000_000, rssSeconds: 10, duration: 10, warmup: 3 };
const settings: LoadSettings = {
  connections: Math.round(numeric("connections", args.connections, 10)),
  durationSeconds: numeric("duration", args.duration, sizes.duration),
  warmupSeconds: numeric("warmup", args.warmup, sizes.warmup, true),
};
const only = new Set(args.only?.split(",") ?? ROWS);
for (const name of only) if (!(ROWS as readonly string[]).includes(name)) usageError(`--only: unknown row '${name}'.`);
const wanted = (row: (typeof ROWS)[number]) => only.has(row);

const log = (message: string) => process.stderr.write(`${message}\n`);
const workDir = mkdtempSync(path.join(tmpdir(), "graph-bench-"));
let cleanedUp = false;
/** The signing key of every service started here, made by the first (the token is minted with it). */
const keyPath = path.join(workDir, "signing-key.pem");

function cleanUp(): void {
  if (cleanedUp) return;
  cleanedUp = true;
  killAll();
  rmSync(workDir, { recursive: true, force: true });
}
// Children and temp files go whatever ends the run: a normal end, an error, Ctrl-C.
process.on("exit", cleanUp);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    cleanUp();
    process.exit(128 + (signal === "SIGINT" ? 2 : 15));
  });
}

/** One request, checked before the load: a wrong status means the measurement would be meaningless. */
async function expectStatus(target: LoadTarget, status: number): Promise<string> {
  const response = await fetch(target.url, {
    method: target.method ?? "GET",
    headers: target.headers ?? {},
    ...(target.body === undefined ? {} : { body: target.body }),
  }).catch((error: unknown) => {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    throw new Error(`${target.method ?? "GET"} ${target.url} failed: ${cause ?? String(error)}`);
  });
  const text = await response.text();
  if (response.status !== status) {
    throw new Error(`${target.method ?? "GET"} ${target.url} answered ${response.status}, not ${status}: ${text}`);
  }
  return text;
}

async function measured(label: string, target: LoadTarget, status: number): Promise<Measurement> {
  await expectStatus(target, status);
  log(`measuring ${label} (${settings.warmupSeconds} s warm-up, ${settings.durationSeconds} s)…`);
  return measure(target, settings);
}

/** Follows @odata.nextLink `depth` times from the first page; returns the last link (page depth + 1). */
async function walkNextLinks(firstPage: string, headers: Record<string, string>, depth: number): Promise<string> {
  let url = firstPage;
  for (let page = 1; page <= depth; page++) {
    const body = JSON.parse(await expectStatus({ url, headers }, 200)) as { "@odata.nextLink"?: string };
    const next = body["@odata.nextLink"];
    if (!next) throw new Error(`page ${page} of ${firstPage} has no @odata.nextLink; the app is too small`);
    url = next;
  }
  return url;
}

/** The service's name in the tables: SQLite with the default SQLITE_SYNCHRONOUS=full. */
const SERVICE = "service (SQLite, durable, auth)";

const POSTGRES_SERVICE = "service (PostgreSQL, auth)";

/** The service on the --postgres server, seeded in a new schema: an app of the small size and an empty one. */
async function startPostgresService() {
  const url = args.postgres as string;
  const schema = `bench_${process.pid}`;
  const store: StoreSettings = { DATABASE_URL: url, DATABASE_SCHEMA: schema };
  try {
    const app = await seedApp(store, sizes.small);
    const createTarget = await seedApp(store, 0);
    const service = await startService({ store, signingKeyPath: keyPath });
    return {
      service,
      app,
      createTarget,
      async stop() {
        await service.stop();
        await dropSchema(url, schema);
      },
    };
  } catch (error) {
    await dropSchema(url, schema);
    throw error;
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function main(): Promise<void> {
  const started = performance.now();
  // Other work on the machine skews every figure: say how busy it was.
  const loadBefore = loadavg()[0] as number;
  if (loadBefore > cpus().length / 2) log(`note: the machine is busy (load average ${loadBefore.toFixed(1)})`);
  // The service runs compiled, as after npm ci: built now in case src/ changed since.
  log("npm run build…");
  execFileSync("npm", ["run", "--silent", "build"], { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "inherit"] });
  const token = await mintLocalToken(await loadOrCreateSigningKey(keyPath), { expiresInSeconds: 4 * 3600 });
  const auth = { authorization: `Bearer ${token}` };
  const json = { ...auth, "content-type": "application/json" };

  // Seeded before any server starts: the service opens an existing database, as in production.
  const mainDb = path.join(workDir, "bench.db");
  const small = await seedApp(sqliteFile(mainDb), sizes.small);
  const large = await seedApp(sqliteFile(mainDb), sizes.large);
  const createTarget = await seedApp(sqliteFile(mainDb), 0);
  const residentDb = path.join(workDir, "resident.db");
  const resident = wanted("rss") || wanted("ready") ? await seedApp(sqliteFile(residentDb), sizes.resident) : undefined;

  log(`starting the service, the baseline${wanted("prism") ? " and Prism" : ""}…`);
  const cpuProfile = args["cpu-prof"] ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(args["cpu-prof"])] : [];
  const baselineStatusId = randomUUID();
  const [service, baseline, prism] = await Promise.all([
    startService({ store: sqliteFile(mainDb), signingKeyPath: keyPath, nodeFlags: cpuProfile }),
    startBaseline(baselineStatusId),
    wanted("prism") ? startPrism(path.join(REPO_ROOT, "openapi/bundled/openapi.json")) : undefined,
  ]);
  const appsPath = "/beta/deviceAppManagement/mobileApps";
  const statusesOf = (server: Child, appId: string) => `${server.baseUrl}${appsPath}/${appId}/userStatuses`;
  /** The id of the status in the middle of an app, for get-by-id. */
  const middleStatusOf = async (server: Child, appId: string, statuses: number) => {
    const query = new URLSearchParams({ $top: "1", $skip: String(Math.floor(statuses / 2)), $select: "id" });
    const page = await expectStatus({ url: `${statusesOf(server, appId)}?${query}`, headers: auth }, 200);
    return ((JSON.parse(page) as { value: Array<{ id: string }> }).value[0] as { id: string }).id;
  };

  // With --postgres: the same service on PostgreSQL, in a schema of its own (dropped when the run ends).
  const postgres = args.postgres && (wanted("create") || wanted("get")) ? await startPostgresService() : undefined;

  const rows: LoadRow[] = [];
  const results = new Map<string, Measurement>();
  const facts: Array<[string, string]> = [];
  const row = (key: string, operation: string, server: string, measurement: Measurement, baselineKey?: string) => {
    results.set(key, measurement);
    const baselineRps = baselineKey === undefined ? undefined : results.get(baselineKey)?.requestsPerSecond;
    rows.push({ operation, server, measurement, baselineRps });
  };

  if (wanted("create")) {
    const create = (server: Child, appId: string): LoadTarget => ({
      url: statusesOf(server, appId),
      method: "POST",
      headers: json,
      body: CREATE_BODY,
    });
    const operation = "create userAppInstallStatus (POST)";
    row(
      "create:baseline",
      operation,
      "baseline (node:http, memory)",
      await measured("create on the baseline", create(baseline, createTarget), 201),
    );
    /** Measures creates on a service and checks that every 201 is in its store. */
    const measureCreates = async (key: string, server: Child, name: string, appId: string) => {
      const countUrl = `${statusesOf(server, appId)}/$count`;
      const before = Number(await expectStatus({ url: countUrl, headers: auth }, 200));
      const measurement = await measured(`create on the ${name}`, create(server, appId), 201);
      row(key, operation, name, measurement, "create:baseline");
      // A few more may be stored than acknowledged: requests cut off when the run ended had committed.
      const after = Number(await expectStatus({ url: countUrl, headers: auth }, 200));
      const acknowledged = (measurement.statuses[201] ?? 0) + (measurement.warmupStatuses[201] ?? 0);
      const stored = after - before - 1; // the checking request of `measured` created one
      facts.push([
        `${name}: 201s answered (warm-up + measured) / statuses stored`,
        `${integer(acknowledged)} / ${integer(stored)}${stored >= acknowledged ? " (every 201 stored)" : " — **WRITES MISSING**"}`,
      ]);
    };
    await measureCreates("create:service", service, SERVICE, createTarget);
    // The same with SQLITE_SYNCHRONOUS=normal, on a database of its own: no fsync per commit.
    const normalDb = path.join(workDir, "bench-normal.db");
    const normalTarget = await seedApp(sqliteFile(normalDb), 0);
    const normal = await startService({
      store: sqliteFile(normalDb),
      signingKeyPath: keyPath,
      synchronous: "normal",
    });
    await measureCreates(
      "create:service-normal",
      normal,
      "service (SQLite, SQLITE_SYNCHRONOUS=normal, auth)",
      normalTarget,
    );
    await normal.stop();
    if (postgres) await measureCreates("create:postgres", postgres.service, POSTGRES_SERVICE, postgres.createTarget);
    if (prism) {
      row(
        "create:prism",
        operation,
        `Prism ${prismVersion()} (mock, default logging)`,
        await measured("create on Prism", create(prism, createTarget), 201),
        "create:baseline",
      );
    }
  }

  if (wanted("get")) {
    const serviceStatusId = await middleStatusOf(service, large, sizes.large);
    const get = (server: Child): LoadTarget => ({
      url: `${statusesOf(server, large)}/${server === baseline ? baselineStatusId : serviceStatusId}`,
      headers: auth,
    });
    const operation = "get userAppInstallStatus by id";
    row(
      "get:baseline",
      operation,
      "baseline (node:http, memory)",
      await measured("get on the baseline", get(baseline), 200),
    );
    row("get:service", operation, SERVICE, await measured("get on the service", get(service), 200), "get:baseline");
    if (postgres) {
      const { service: server, app } = postgres;
      const target = {
        url: `${statusesOf(server, app)}/${await middleStatusOf(server, app, sizes.small)}`,
        headers: auth,
      };
      row(
        "get:postgres",
        operation,
        POSTGRES_SERVICE,
        await measured("get on PostgreSQL", target, 200),
        "get:baseline",
      );
    }
  }
  await postgres?.stop();

  const largeName = `${integer(sizes.large)}-item app`;
  const lists: Array<[key: string, operation: string, url: () => Promise<string>]> = [
    [
      "list1k",
      `list: first page of 100, ${integer(sizes.small)}-item app (reference)`,
      async () => `${statusesOf(service, small)}?$top=100`,
    ],
    ["list", `list: first page of 100, ${largeName}`, async () => `${statusesOf(service, large)}?$top=100`],
    [
      "filter",
      `list: \`$filter=${FILTER.$filter}&$orderby=${FILTER.$orderby}\`, ${largeName}`,
      async () => `${statusesOf(service, large)}?${new URLSearchParams(FILTER)}`,
    ],
    [
      "deep",
      `list: ${sizes.depth} @odata.nextLinks deep, ${largeName}`,
      async () => {
        log(`walking ${sizes.depth} pages of the ${largeName}…`);
        return walkNextLinks(`${statusesOf(service, large)}?$top=100`, auth, sizes.depth);
      },
    ],
  ];
  for (const [key, operation, url] of lists) {
    if (!wanted(key as (typeof ROWS)[number])) continue;
    row(`${key}:service`, operation, SERVICE, await measured(operation, { url: await url(), headers: auth }, 200));
  }
  const reference = results.get("list1k:service")?.p99Ms;
  for (const listRow of rows) if (listRow.operation.startsWith("list")) listRow.referenceP99Ms = reference;

  await Promise.all([service.stop(), baseline.stop(), prism?.stop()]);
  if (args["cpu-prof"]) log(`the service's CPU profile is in ${path.resolve(args["cpu-prof"])}`);

  const readyTimes: number[] = [];
  if (wanted("ready") && resident) {
    for (let i = 0; i < 3; i++) {
      log(`start to ready on the existing ${integer(sizes.resident)}-status database, ${i + 1} of 3…`);
      const ready = await startService({ store: sqliteFile(residentDb), signingKeyPath: keyPath });
      readyTimes.push(ready.readyAfterMs);
      await ready.stop();
    }
    facts.push([
      `start to ready (spawn → listening), existing database of ${integer(sizes.resident)} statuses`,
      `median ${seconds(median(readyTimes))} (${readyTimes.map(seconds).join(", ")})`,
    ]);
  }

  let peakRss: number | undefined;
  if (wanted("rss") && resident) {
    const held = await startService({ store: sqliteFile(residentDb), signingKeyPath: keyPath });
    const idle = memoryOf(held.pid).rss;
    const prefix = `${appsPath}/${resident}/userStatuses`;
    const filtered = new URLSearchParams(FILTER);
    const residentStatusId = await middleStatusOf(held, resident, sizes.resident);
    const mix: LoadTarget = {
      url: held.baseUrl,
      headers: json,
      requests: [
        { method: "GET", path: `${prefix}?$top=100` },
        { method: "GET", path: `${prefix}/${residentStatusId}` },
        { method: "POST", path: prefix, body: CREATE_BODY },
        { method: "GET", path: `${prefix}?${filtered}` },
      ],
    };
    log(`peak RSS: list/get/create/filter mix on ${integer(sizes.resident)} statuses for ${sizes.rssSeconds} s…`);
    let sampledMax = idle;
    const sampler = setInterval(() => {
      sampledMax = Math.max(sampledMax, memoryOf(held.pid).rss);
    }, 100);
    const load = await measure(mix, {
      connections: settings.connections,
      warmupSeconds: 0,
      durationSeconds: sizes.rssSeconds,
    });
    clearInterval(sampler);
    peakRss = memoryOf(held.pid).peak;
    await held.stop();
    facts.push([
      `peak RSS (VmHWM) holding ${integer(sizes.resident)} statuses, under a list/get/create/filter mix`,
      `${megabytes(peakRss)} (idle after start ${megabytes(idle)}; mix at ${integer(load.requestsPerSecond)} req/s, ` +
        `p99 ${load.p99Ms.toFixed(0)} ms, non-2xx ${load.non2xx + load.errors})`,
    ]);
    if (sampledMax > peakRss) peakRss = sampledMax;
  }

  // The targets of the issue, next to what this run measured.
  const ratio = (a: string, b: string, of: (m: Measurement) => number) => {
    const [x, y] = [results.get(a), results.get(b)];
    return x && y ? of(x) / of(y) : Number.NaN;
  };
  const rps = (m: Measurement) => m.requestsPerSecond;
  const p99 = (m: Measurement) => m.p99Ms;
  const check = (value: number, ok: (v: number) => boolean) => (Number.isNaN(value) ? undefined : ok(value));
  const createVsBaseline = ratio("create:service", "create:baseline", rps);
  const normalCreateVsBaseline = ratio("create:service-normal", "create:baseline", rps);
  const getVsBaseline = ratio("get:service", "get:baseline", rps);
  const deepVsFirst = ratio("deep:service", "list1k:service", p99);
  const largeVsSmall = ratio("list:service", "list1k:service", p99);
  const createVsPrism = ratio("create:service", "create:prism", rps);
  const readyMs = readyTimes.length > 0 ? median(readyTimes) : Number.NaN;
  const quickNote = args.quick ? " (quick run: smaller sizes)" : "";
  const targets: Target[] = [
    {
      goal: "durable create ≥ 0.6 × baseline req/s",
      figure: times(createVsBaseline),
      met: check(createVsBaseline, (v) => v >= 0.6),
    },
    {
      goal: "the same with SQLITE_SYNCHRONOUS=normal (survives a crash of the process, not a power cut)",
      figure: times(normalCreateVsBaseline),
      met: check(normalCreateVsBaseline, (v) => v >= 0.6),
    },
    {
      goal: "get by id ≥ 0.7 × baseline req/s",
      figure: times(getVsBaseline),
      met: check(getVsBaseline, (v) => v >= 0.7),
    },
    {
      goal: `p99 of the page ${sizes.depth} nextLinks deep ≤ 1.5 × p99 of the 1k app's first page${quickNote}`,
      figure: times(deepVsFirst),
      met: check(deepVsFirst, (v) => v <= 1.5),
    },
    {
      goal: `p99 of the ${largeName}'s first page ≤ 1.5 × p99 of the 1k app's first page${quickNote}`,
      figure: times(largeVsSmall),
      met: check(largeVsSmall, (v) => v <= 1.5),
    },
    {
      goal: `peak RSS < 200 MB holding ${integer(sizes.resident)} statuses${args.quick ? " (the target is for 1,000,000)" : ""}`,
      figure: peakRss === undefined ? "—" : megabytes(peakRss),
      met: peakRss === undefined ? undefined : peakRss < 200e6,
    },
    {
      goal: "start to ready < 1 s (median of 3)",
      figure: Number.isNaN(readyMs) ? "—" : seconds(readyMs),
      met: check(readyMs, (v) => v < 1000),
    },
    { goal: "create ≥ 15 × Prism req/s", figure: times(createVsPrism), met: check(createVsPrism, (v) => v >= 15) },
  ];

  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`;
  console.log(
    [
      `\`${command}\` — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? "?"}), ` +
        `Node ${process.version}; autocannon in the same machine, ${settings.connections} connections, ` +
        `${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s per row; ran ${seconds(performance.now() - started)}; ` +
        `1-minute load average ${loadBefore.toFixed(1)} before, ${(loadavg()[0] as number).toFixed(1)} after.`,
      "",
      loadTable(rows),
      "",
      factsTable(facts),
      "",
      targetsTable(targets),
    ].join("\n"),
  );
}

try {
  await main();
  cleanUp();
} catch (error) {
  log(`The benchmark could not run: ${error instanceof Error ? error.message : String(error)}`);
  cleanUp();
  process.exit(1);
}
