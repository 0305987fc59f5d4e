// PostgreSQL going away under a running server. A TCP proxy of the test's own stands between one server process
// and PostgreSQL. Stopping it (listener closed, every open connection destroyed) is what the server sees when
// PostgreSQL stops or its host goes away: connections cut, new ones refused. Holding every byte instead is what it
// sees in a network partition or when PostgreSQL hangs: nothing answers, and only timeouts end the waits. Stopping
// the real PostgreSQL server is not needed for either (the proxy stands in for it, and the server is shared with
// other tests). While PostgreSQL is away, /beta answers 503 with Retry-After in the Graph error envelope within a
// bound, the process stays up and /readyz says unavailable; once it is back, the service resumes by itself.
import net, { type AddressInfo, type Socket } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Contract, loadContract } from "../helpers/contract.ts";
import { dropSchema, freshSchemaName, SKIP_REASON, TEST_DATABASE_URL } from "../helpers/postgres.ts";
import {
  type LogLine,
  mintToken,
  type Outcome,
  type RequestOptions,
  type RunningServer,
  removeTempDirs,
  send,
  startServer,
  stopAllServers,
} from "../helpers/server-process.ts";
import { appsPath, statusesPath } from "../helpers/test-app.ts";

if (!TEST_DATABASE_URL) console.warn(SKIP_REASON);

type Entity = Record<string, unknown> & { id: string };

/** A bound on hanging, not a performance target: the pool gives up connecting after 3 s, a query after 10 s. */
const ANSWER_BOUND_MS = 15_000;
const OUTAGE_REQUESTS = 60;
const PARTITION_REQUESTS = 27;
const POOL_SIZE = 4;
const IN_FLIGHT = 12;
const READY_POLLS = 100;
const READY_POLL_INTERVAL_MS = 100;

/**
 * A TCP proxy to PostgreSQL. stop() cuts it (listener closed, every connection destroyed: PostgreSQL stopped);
 * start() again listens on the same port. partition() keeps every connection open but carries no byte either way,
 * and accepts new ones without answering (a network partition, or a server that hangs); heal() lets the held
 * bytes through, as TCP would once the network is back.
 */
class PostgresProxy {
  port = 0;
  #server: net.Server | undefined;
  readonly #sockets = new Set<Socket>();
  #partitioned = false;
  /** Each open connection's way to (re)start carrying bytes. */
  readonly #flows = new Set<() => void>();

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<void> {
    const server = net.createServer((downstream) => {
      downstream.pause();
      this.#sockets.add(downstream);
      let upstream: Socket | undefined;
      const cut = () => {
        for (const socket of [downstream, upstream]) {
          if (!socket) continue;
          socket.destroy();
          this.#sockets.delete(socket);
        }
        this.#flows.delete(flow);
      };
      const flow = () => {
        if (!upstream) {
          upstream = net.connect(this.target.port, this.target.host);
          this.#sockets.add(upstream);
          upstream.on("error", cut).on("close", cut);
        }
        downstream.pipe(upstream);
        upstream.pipe(downstream);
      };
      downstream.on("error", cut).on("close", cut);
      this.#flows.add(flow);
      if (!this.#partitioned) flow();
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  /** Resolves once the listener is closed and every connection through it destroyed. */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    this.#flows.clear();
    await closed;
  }

  partition(): void {
    this.#partitioned = true;
    for (const socket of this.#sockets) {
      socket.unpipe();
      socket.pause();
    }
  }

  heal(): void {
    this.#partitioned = false;
    for (const flow of this.#flows) flow();
  }
}

const byId = (entities: Entity[]) => [...entities].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const elapsedSince = (start: number) => performance.now() - start;

describe.skipIf(!TEST_DATABASE_URL)("PostgreSQL outage", () => {
  const url = TEST_DATABASE_URL as string;
  const schemas: string[] = [];
  const proxies: PostgresProxy[] = [];
  let contract: Contract;
  let token: string;
  beforeAll(async () => {
    contract = await loadContract();
    token = await mintToken();
  });
  afterEach(async () => {
    await stopAllServers();
    for (const proxy of proxies.splice(0)) await proxy.stop();
  });
  afterAll(async () => {
    await removeTempDirs();
    for (const schema of schemas) await dropSchema(url, schema);
  });

  /** Sends the request and checks the answer against the contract (connection failures come back as they are). */
  async function call(server: RunningServer, options: RequestOptions): Promise<{ outcome: Outcome; ms: number }> {
    const start = performance.now();
    const outcome = await send(server.baseUrl, { ...options, token });
    const ms = elapsedSince(start);
    if (outcome.kind === "response") {
      const { status, headers, body } = outcome;
      contract.check({ method: options.method ?? "GET", url: options.path, status, headers, body });
    }
    return { outcome, ms };
  }

  /** The body without `@odata.context`, once the answer has the status. */
  async function expectStatus(server: RunningServer, options: RequestOptions, status: number): Promise<Entity> {
    const { outcome } = await call(server, options);
    if (outcome.kind !== "response" || outcome.status !== status) {
      throw new Error(`${options.method ?? "GET"} ${options.path}: expected ${status}, got ${JSON.stringify(outcome)}`);
    }
    if (outcome.body === "") return {} as Entity;
    const { "@odata.context": _context, ...entity } = JSON.parse(outcome.body) as Entity;
    return entity as Entity;
  }

  /** What a 503 must be: Graph's envelope with ServiceUnavailable and a Retry-After in whole seconds. */
  function unavailableProblem(options: RequestOptions, outcome: Outcome): string | undefined {
    const name = `${options.method ?? "GET"} ${options.path}`;
    if (outcome.kind !== "response") return `${name}: ${outcome.code} ${outcome.message}`;
    if (outcome.status !== 503) return `${name}: ${outcome.status} ${outcome.body.slice(0, 300)}`;
    const retryAfter = String(outcome.headers["retry-after"]);
    if (!/^[1-9]\d*$/.test(retryAfter)) return `${name}: 503 with Retry-After '${retryAfter}'`;
    const error = (JSON.parse(outcome.body) as { error?: { code?: unknown } }).error;
    if (error?.code !== "ServiceUnavailable") return `${name}: 503 with error ${JSON.stringify(error)}`;
    return undefined;
  }

  /** Runs the calls with `limit` of them in flight. */
  async function inPool<T>(limit: number, calls: Array<() => Promise<T>>): Promise<T[]> {
    const results: T[] = [];
    let next = 0;
    const worker = async () => {
      while (next < calls.length) {
        const n = next++;
        results[n] = await (calls[n] as () => Promise<T>)();
      }
    };
    await Promise.all(Array.from({ length: limit }, worker));
    return results;
  }

  const failures = (server: RunningServer) =>
    server.logs.filter((line: LogLine) => typeof line.level === "number" && line.level >= 50);

  /** A server process whose PostgreSQL is reached through a proxy, with an app and five statuses made through it. */
  async function startBehindProxy() {
    const target = new URL(url);
    const proxy = new PostgresProxy({ host: target.hostname, port: Number(target.port || 5432) });
    proxies.push(proxy);
    await proxy.start();
    const proxied = new URL(url);
    proxied.hostname = "127.0.0.1";
    proxied.port = String(proxy.port);
    const schema = freshSchemaName();
    schemas.push(schema);
    const server = await startServer({
      env: { DATABASE_URL: proxied.toString(), DATABASE_SCHEMA: schema, DATABASE_POOL_SIZE: String(POOL_SIZE) },
    });

    const webApp = {
      "@odata.type": "#microsoft.graph.webApp",
      displayName: "Outage",
      appUrl: "https://contoso.example",
    };
    const app = await expectStatus(server, { method: "POST", path: appsPath, body: webApp }, 201);
    const collection = statusesPath(app.id);
    const before: Entity[] = [];
    for (let n = 0; n < 5; n++) {
      const body = { id: `before-${n}`, userName: `Before ${n}`, installedDeviceCount: n };
      before.push(await expectStatus(server, { method: "POST", path: collection, body }, 201));
    }
    expect(await expectStatus(server, { path: "/readyz" }, 200)).toEqual({ status: "ok" });

    /** Every kind of /beta request, reads and writes, in turn. */
    const requestFor = (n: number): RequestOptions => {
      const item = `${collection}/before-${n % 5}`;
      const kinds: RequestOptions[] = [
        { path: collection },
        { path: item },
        { path: `${collection}/$count` },
        { path: `${appsPath}/${app.id}` },
        { path: appsPath },
        { method: "POST", path: collection, body: { userName: `During ${n}` } },
        { method: "POST", path: collection, body: { id: `during-${n}` } },
        { method: "PATCH", path: item, body: { failedDeviceCount: n } },
        { method: "DELETE", path: item },
      ];
      return kinds[n % kinds.length] as RequestOptions;
    };
    return { proxy, server, app, collection, before, requestFor };
  }

  /**
   * While the store is away: /readyz and every /beta request answer 503 (the right one) within the bound,
   * /healthz still answers and the process is alive.
   */
  async function expectUnavailable(server: RunningServer, requests: RequestOptions[], inFlight: number) {
    const start = performance.now();
    const answers = await inPool(
      inFlight,
      [{ path: "/readyz" }, ...requests].map((options) => async () => ({ options, ...(await call(server, options)) })),
    );
    const [ready, ...during] = answers as [(typeof answers)[number], ...typeof answers];
    expect(ready.outcome).toMatchObject({ kind: "response", status: 503 });
    expect(JSON.parse((ready.outcome as { body: string }).body)).toEqual({ status: "unavailable" });
    const problems = during
      .map(({ options, outcome }) => unavailableProblem(options, outcome))
      .filter((problem) => problem !== undefined);
    expect(problems).toEqual([]);
    const slowest = Math.max(...answers.map(({ ms }) => ms));
    expect(slowest).toBeLessThan(ANSWER_BOUND_MS);
    expect(await expectStatus(server, { path: "/healthz" }, 200)).toEqual({ status: "ok" });
    expect(server.child.exitCode).toBeNull();
    return { answers: answers.length, unavailable: during.length, slowest, ms: elapsedSince(start) };
  }

  /** Polls /readyz (a bounded number of times) until it answers 200; resolves with the polls and the time taken. */
  async function awaitReady(server: RunningServer) {
    const start = performance.now();
    for (let polls = 1; polls <= READY_POLLS; polls++) {
      const { outcome } = await call(server, { path: "/readyz" });
      if (outcome.kind === "response" && outcome.status === 200) return { polls, ms: elapsedSince(start) };
      await new Promise((resolve) => setTimeout(resolve, READY_POLL_INTERVAL_MS));
    }
    throw new Error(`/readyz did not answer 200 in ${READY_POLLS} polls ${READY_POLL_INTERVAL_MS} ms apart`);
  }

  /** After the outage: a create answers 201 and reads it back; what no write touched is as it was. */
  async function expectResumed(server: RunningServer, app: Entity, collection: string, untouched: Entity[]) {
    const created = await expectStatus(server, { method: "POST", path: collection, body: { userName: "After" } }, 201);
    expect(await expectStatus(server, { path: `${collection}/${created.id}` }, 200)).toEqual(created);
    const listed = (await expectStatus(server, { path: `${collection}?$top=999` }, 200)).value as Entity[];
    const expected = [...untouched, created];
    expect(byId(listed.filter((entity) => expected.some(({ id }) => id === entity.id)))).toEqual(byId(expected));
    expect(await expectStatus(server, { path: `${appsPath}/${app.id}` }, 200)).toEqual(app);
    // No request became a 500 ("unhandled error" is logged at level 50) and the process is still there.
    expect(failures(server)).toEqual([]);
    expect(server.child.exitCode).toBeNull();
  }

  it("answers 503 with Retry-After while PostgreSQL is stopped, reports not ready, and resumes by itself", async () => {
    const { proxy, server, app, collection, before, requestFor } = await startBehindProxy();

    // The cut comes while requests are in flight: each of those answers 2xx or 503, never anything else.
    // (What those writes touched is not checked afterwards: a 503 for a write cut mid-commit does not say it failed.)
    let stopped: Promise<void> | undefined;
    let answered = 0;
    const straddling = await inPool(
      IN_FLIGHT,
      Array.from({ length: 24 }, (_, n) => async () => {
        const options = requestFor(n);
        const result = await call(server, options);
        if (++answered === 4) stopped = proxy.stop();
        return { options, ...result };
      }),
    );
    await stopped;
    const straddlingProblems = straddling
      .filter(({ outcome }) => !(outcome.kind === "response" && outcome.status < 300))
      .map(({ options, outcome }) => unavailableProblem(options, outcome))
      .filter((problem) => problem !== undefined);
    expect(straddlingProblems).toEqual([]);

    const outage = await expectUnavailable(
      server,
      Array.from({ length: OUTAGE_REQUESTS }, (_, n) => requestFor(n)),
      IN_FLIGHT,
    );

    // PostgreSQL back on the same address: /readyz turns 200 without anyone touching the server.
    await proxy.start();
    const recovery = await awaitReady(server);
    // before-0 and before-4 are the statuses no write touched.
    await expectResumed(server, app, collection, [before[0], before[4]] as Entity[]);

    const straddling503 = straddling.filter(({ outcome }) => outcome.kind === "response" && outcome.status === 503);
    console.log(
      [
        `PostgreSQL stopped (proxy cut: listener closed, every connection destroyed; pool size ${POOL_SIZE}):`,
        `  ${straddling.length} requests in flight around the cut: ${straddling.length - straddling503.length} × 2xx, ${straddling503.length} × 503,`,
        `  ${outage.answers} requests during the outage: ${outage.unavailable} to /beta, all 503 with Retry-After; /readyz 503 {"status":"unavailable"},`,
        `  slowest answer ${Math.round(outage.slowest)} ms (bound ${ANSWER_BOUND_MS} ms), outage phase ${Math.round(outage.ms)} ms,`,
        `  ready again ${Math.round(recovery.ms)} ms after the proxy listened again (${recovery.polls} /readyz polls), then 201 and reads.`,
      ].join("\n"),
    );
  });

  it("answers 503 within the bound while PostgreSQL is unreachable without a word, and resumes when it is back", async () => {
    const { proxy, server, app, collection, before, requestFor } = await startBehindProxy();

    // Open connections go silent and new ones are never answered: only the pool's timeouts end the waits.
    proxy.partition();
    const requests = Array.from({ length: PARTITION_REQUESTS }, (_, n) => requestFor(n));
    const outage = await expectUnavailable(server, requests, requests.length + 1);

    proxy.heal();
    const recovery = await awaitReady(server);
    // Writes during a partition may have reached PostgreSQL before it went silent; only before-0 and before-4
    // were never written to.
    await expectResumed(server, app, collection, [before[0], before[4]] as Entity[]);

    console.log(
      [
        `PostgreSQL unreachable without a word (proxy holds every byte, answers no new connection; pool size ${POOL_SIZE}):`,
        `  ${outage.answers} requests at once during the partition: ${outage.unavailable} to /beta, all 503 with Retry-After; /readyz 503,`,
        `  slowest answer ${Math.round(outage.slowest)} ms (bound ${ANSWER_BOUND_MS} ms), outage phase ${Math.round(outage.ms)} ms,`,
        `  ready again ${Math.round(recovery.ms)} ms after the partition healed (${recovery.polls} /readyz polls), then 201 and reads.`,
      ].join("\n"),
    );
  });
});
