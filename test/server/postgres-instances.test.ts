// Several stateless instances on one PostgreSQL: two server processes on one schema take thousands of
// concurrent creates, updates and deletes, alternating between them. Afterwards every acknowledged write
// reads back exactly through both, every acknowledged delete is gone, no id was issued twice, and a client id
// sent to both instances at the same moment gives exactly one 201 and one 409.
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Contract, loadContract } from "../helpers/contract.ts";
import { dropSchema, freshSchemaName, SKIP_REASON, TEST_DATABASE_URL } from "../helpers/postgres.ts";
import {
  mintToken,
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
type Page = { value: Entity[]; "@odata.nextLink"?: string };
/** A status by its keys. */
type Target = { appId: string; id: string };

/** Requests in flight at once (a race sends two at once, so a little more at times). */
const IN_FLIGHT = 32;
const FIRST_CREATES = 1_200;
const CHAINED_PATCHES = 300;
const RACED_PATCHES = 100;
const DELETES = 300;
const LATER_CREATES = 300;
const RACED_CREATES = 100;

/** Runs the tasks with `limit` of them in flight. */
async function inPool(limit: number, tasks: Array<() => Promise<void>>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await (tasks[next++] as () => Promise<void>)();
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

/** A fixed interleaving (a stride through the list), so a failure can be replayed. */
function interleaved<T>(items: T[]): T[] {
  const stride = 97;
  const result = items.map((_, n) => items[(n * stride) % items.length] as T);
  if (new Set(result).size !== items.length) throw new Error(`stride ${stride} does not visit all ${items.length}`);
  return result;
}

/** Distinct values in every property; half the ids chosen by the server, some names null. */
function statusBody(n: number): Record<string, unknown> {
  return {
    ...(n % 4 < 2 ? {} : { id: `client-${String(n).padStart(5, "0")}` }),
    userName: n % 13 === 0 ? null : `Instance user ${n} ✓`,
    userPrincipalName: `user${n}@contoso.example`,
    installedDeviceCount: n,
    failedDeviceCount: n * 3,
    notInstalledDeviceCount: 100_000 + n,
  };
}

const byId = (entities: Entity[]) => [...entities].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

describe.skipIf(!TEST_DATABASE_URL)("several instances on one PostgreSQL", () => {
  const url = TEST_DATABASE_URL as string;
  const schema = freshSchemaName();
  let contract: Contract;
  let token: string;
  beforeAll(async () => {
    contract = await loadContract();
    token = await mintToken();
  });
  afterEach(stopAllServers);
  afterAll(async () => {
    await removeTempDirs();
    await dropSchema(url, schema);
  });

  /** What went wrong, one line each; the test asserts it stays empty, so a failure names every problem. */
  const problems: string[] = [];
  let sent = 0;

  /** Sends the request and checks the answer against the contract; a connection failure is a problem. */
  async function request(
    server: RunningServer,
    options: RequestOptions,
  ): Promise<{ status: number; json: unknown } | undefined> {
    const method = options.method ?? "GET";
    sent++;
    const outcome = await send(server.baseUrl, { ...options, token });
    if (outcome.kind !== "response") {
      problems.push(`${method} ${options.path} via ${server.baseUrl}: ${outcome.code} ${outcome.message}`);
      return undefined;
    }
    try {
      contract.check({
        method,
        url: options.path,
        status: outcome.status,
        headers: outcome.headers,
        body: outcome.body,
      });
    } catch (error) {
      problems.push(String(error));
    }
    return { status: outcome.status, json: outcome.body === "" ? undefined : JSON.parse(outcome.body) };
  }

  /** The answer's body without `@odata.context` (it names the instance) once it has the status, else a problem. */
  async function expectStatus<T = Entity>(
    server: RunningServer,
    options: RequestOptions,
    status: number,
  ): Promise<T | undefined> {
    const answer = await request(server, options);
    if (!answer) return undefined;
    if (answer.status !== status) {
      const got = `${answer.status} ${JSON.stringify(answer.json)?.slice(0, 300)}`;
      problems.push(`${options.method ?? "GET"} ${options.path} via ${server.baseUrl}: expected ${status}, got ${got}`);
      return undefined;
    }
    if (answer.json === null || typeof answer.json !== "object") return answer.json as T;
    const { "@odata.context": _context, ...rest } = answer.json as Record<string, unknown>;
    return rest as T;
  }

  /** Every item of the collection, following `@odata.nextLink`; page k is asked of `serverFor(k)`. */
  async function listAll(path: string, serverFor: (page: number) => RunningServer) {
    const items: Entity[] = [];
    let pages = 0;
    for (let next: string | undefined = `${path}?$top=999`; next !== undefined; pages++) {
      const page: Page | undefined = await expectStatus<Page>(serverFor(pages), { path: next }, 200);
      if (!page) break;
      items.push(...page.value);
      const link: string | undefined = page["@odata.nextLink"];
      next = link === undefined ? undefined : new URL(link).pathname + new URL(link).search;
    }
    return { items, pages };
  }

  it("keeps every acknowledged write visible through both, issues no id twice and lets one of two racing creates win", async () => {
    const env = { DATABASE_URL: url, DATABASE_SCHEMA: schema, DATABASE_POOL_SIZE: "8" };
    // Started together: both apply the migrations at the same moment, on an empty schema.
    const servers = await Promise.all([startServer({ env }), startServer({ env })]);
    const [a, b] = servers as [RunningServer, RunningServer];
    const via = (n: number) => servers[n % 2] as RunningServer;
    const other = (server: RunningServer) => (server === a ? b : a);

    /** The apps' acknowledged bodies, and per app its acknowledged statuses by id. */
    const apps = new Map<string, Entity>();
    const statuses = new Map<string, Map<string, Entity>>();
    const createApp = async (server: RunningServer, displayName: string) => {
      const body = { "@odata.type": "#microsoft.graph.webApp", displayName, appUrl: "https://contoso.example" };
      const app = (await expectStatus(server, { method: "POST", path: appsPath, body }, 201)) as Entity;
      apps.set(app.id, app);
      statuses.set(app.id, new Map());
      return app.id;
    };
    const big = await createApp(a, "Big");
    const small = await createApp(b, "Small");
    const doomed = await createApp(a, "Doomed");
    expect(problems).toEqual([]);
    /** Most statuses in one app, so that its listing takes more than one page of 999. */
    const appFor = (n: number, withDoomed: boolean) =>
      withDoomed && n % 16 === 15 ? doomed : n % 8 === 7 ? small : big;

    /** Every id a 201 carried, from either instance. */
    const issued: string[] = [];
    let acknowledged = 0;
    let conflicts = 0;
    const deleted: Target[] = [];
    const firstCreated: Array<Target | undefined> = [];

    const create = (n: number, appId: string) => async () => {
      const created = await expectStatus(
        via(n),
        { method: "POST", path: statusesPath(appId), body: statusBody(n) },
        201,
      );
      if (!created) return;
      acknowledged++;
      issued.push(created.id);
      statuses.get(appId)?.set(created.id, created);
      if (n < FIRST_CREATES) firstCreated[n] = { appId, id: created.id };
    };
    const loadStart = performance.now();
    const sentBefore = sent;
    await inPool(
      IN_FLIGHT,
      Array.from({ length: FIRST_CREATES }, (_, n) => create(n, appFor(n, true))),
    );
    expect(problems).toEqual([]);

    // Updates, deletes, more creates and races, interleaved; each touches statuses no other task touches.
    const targets = firstCreated.filter((entry): entry is Target => entry !== undefined && entry.appId !== doomed);
    const chained = targets.slice(0, CHAINED_PATCHES);
    const raced = targets.slice(CHAINED_PATCHES, CHAINED_PATCHES + RACED_PATCHES);
    const removed = targets.slice(CHAINED_PATCHES + RACED_PATCHES, CHAINED_PATCHES + RACED_PATCHES + DELETES);
    expect(removed).toHaveLength(DELETES);

    /** A PATCH through one instance, then a GET through the other answers exactly what the PATCH answered. */
    const patchThenRead =
      ({ appId, id }: Target, n: number) =>
      async () => {
        const path = `${statusesPath(appId)}/${id}`;
        const body = { installedDeviceCount: 50_000 + n, userPrincipalName: `patched${n}@contoso.example` };
        const patched = await expectStatus(via(n), { method: "PATCH", path, body }, 200);
        if (!patched) return;
        acknowledged++;
        statuses.get(appId)?.set(id, patched);
        const read = await expectStatus(other(via(n)), { path }, 200);
        if (read && JSON.stringify(read) !== JSON.stringify(patched)) {
          problems.push(
            `GET ${path} right after its PATCH answered ${JSON.stringify(read)}, not ${JSON.stringify(patched)}`,
          );
        }
      };
    /** Two PATCHes of different properties, one through each instance at once: both changes are kept. */
    const patchBoth =
      ({ appId, id }: Target, n: number) =>
      async () => {
        const path = `${statusesPath(appId)}/${id}`;
        const before = statuses.get(appId)?.get(id) as Entity;
        const changeA = { failedDeviceCount: 90_000 + n };
        const changeB = { userName: `Raced ${n}` };
        const [answerA, answerB] = await Promise.all([
          expectStatus(a, { method: "PATCH", path, body: changeA }, 200),
          expectStatus(b, { method: "PATCH", path, body: changeB }, 200),
        ]);
        if (answerA) acknowledged++;
        if (answerB) acknowledged++;
        if (answerA && answerB) statuses.get(appId)?.set(id, { ...before, ...changeA, ...changeB });
      };
    const remove =
      ({ appId, id }: Target, n: number) =>
      async () => {
        const path = `${statusesPath(appId)}/${id}`;
        const answer = await request(via(n), { method: "DELETE", path });
        if (answer?.status !== 204) {
          problems.push(`DELETE ${path} via ${via(n).baseUrl}: expected 204, got ${answer?.status}`);
          return;
        }
        acknowledged++;
        statuses.get(appId)?.delete(id);
        deleted.push({ appId, id });
      };
    /** The same client id through both instances at the same moment. */
    const race = (n: number) => async () => {
      const appId = n % 8 === 7 ? small : big;
      const path = statusesPath(appId);
      const body = { ...statusBody(n), id: `race-${String(n).padStart(4, "0")}` };
      const answers = await Promise.all([
        request(a, { method: "POST", path, body }),
        request(b, { method: "POST", path, body }),
      ]);
      const codes = answers.map((answer) => answer?.status).sort();
      if (JSON.stringify(codes) !== "[201,409]") {
        problems.push(`racing creates of ${body.id} answered ${JSON.stringify(codes)}, not one 201 and one 409`);
      }
      for (const answer of answers) {
        if (answer?.status === 409) {
          conflicts++;
          const code = (answer.json as { error?: { code?: unknown } }).error?.code;
          if (code !== "Conflict") problems.push(`409 for ${body.id} with error code ${String(code)}`);
        }
        if (answer?.status === 201) {
          const { "@odata.context": _context, ...created } = answer.json as Entity;
          acknowledged++;
          issued.push(created.id as string);
          statuses.get(appId)?.set(created.id as string, created as Entity);
        }
      }
    };
    const deleteDoomed = async () => {
      const answer = await request(b, { method: "DELETE", path: `${appsPath}/${doomed}` });
      if (answer?.status === 204) {
        acknowledged++;
        apps.delete(doomed);
        statuses.delete(doomed);
      } else {
        problems.push(`DELETE of the app ${doomed} answered ${answer?.status}, not 204`);
      }
    };
    const patchSmall = async () => {
      const body = { "@odata.type": "#microsoft.graph.webApp", displayName: "Small, renamed", notes: "patched" };
      const patched = await expectStatus(b, { method: "PATCH", path: `${appsPath}/${small}`, body }, 200);
      if (patched) {
        acknowledged++;
        apps.set(small, patched);
      }
    };

    const mixed = interleaved([
      ...chained.map(patchThenRead),
      ...raced.map(patchBoth),
      ...removed.map(remove),
      ...Array.from({ length: LATER_CREATES }, (_, k) => create(FIRST_CREATES + k, appFor(FIRST_CREATES + k, false))),
      ...Array.from({ length: RACED_CREATES }, (_, k) => race(k)),
      deleteDoomed,
      patchSmall,
    ]);
    await inPool(IN_FLIGHT, mixed);
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const loadSent = sent - sentBefore;
    expect(problems).toEqual([]);

    // Read back through both instances.
    let readBack = 0;
    for (const appId of [big, small]) {
      const expected = byId([...(statuses.get(appId) as Map<string, Entity>).values()]);
      const walks = [
        await listAll(statusesPath(appId), () => a),
        await listAll(statusesPath(appId), () => b),
        // A next link from one instance continues on the other (keyset paging keeps no state).
        await listAll(statusesPath(appId), via),
      ];
      for (const walk of walks) {
        expect(byId(walk.items)).toEqual(expected);
        readBack += walk.items.length;
      }
      if (appId === big) expect(walks.map((walk) => walk.pages)).toEqual([2, 2, 2]);
      for (const server of servers) {
        expect(await expectStatus(server, { path: `${statusesPath(appId)}/$count` }, 200)).toBe(expected.length);
        expect(await expectStatus(server, { path: `${appsPath}/${appId}` }, 200)).toEqual(apps.get(appId));
      }
    }
    await inPool(
      IN_FLIGHT,
      deleted.map(({ appId, id }, n) => async () => {
        await expectStatus(via(n), { path: `${statusesPath(appId)}/${id}` }, 404);
      }),
    );
    for (const server of servers) {
      await expectStatus(server, { path: `${appsPath}/${doomed}` }, 404);
      await expectStatus(server, { path: statusesPath(doomed) }, 404);
    }
    expect(problems).toEqual([]);

    // No request became a 500 ("unhandled error" is logged at level 50) and both processes are still up.
    for (const server of servers) {
      expect(server.logs.filter((line) => typeof line.level === "number" && line.level >= 50)).toEqual([]);
      expect(server.child.exitCode).toBeNull();
    }
    expect(new Set(issued).size).toBe(issued.length);
    expect(conflicts).toBe(RACED_CREATES);
    expect(deleted).toHaveLength(DELETES);
    const expectedTotal = (statuses.get(big)?.size ?? 0) + (statuses.get(small)?.size ?? 0);
    const doomedCreates = firstCreated.filter((entry) => entry?.appId === doomed).length;
    expect(expectedTotal).toBe(FIRST_CREATES - doomedCreates + LATER_CREATES + RACED_CREATES - DELETES);

    // The tables themselves: the deleted app's statuses went with it, nothing else is there.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ mobile_app_id: string; n: number }>(
        `SELECT mobile_app_id, count(*)::int AS n FROM ${schema}.user_app_install_statuses GROUP BY mobile_app_id`,
      );
      expect(Object.fromEntries(rows.map((row) => [row.mobile_app_id, row.n]))).toEqual({
        [big]: statuses.get(big)?.size,
        [small]: statuses.get(small)?.size,
      });
    } finally {
      await client.end();
    }

    console.log(
      [
        `several instances on one PostgreSQL (2 processes, ${IN_FLIGHT} requests in flight, alternating):`,
        `  ${loadSent} requests sent under load in ${loadSeconds.toFixed(1)} s (${Math.round(loadSent / loadSeconds)}/s),`,
        `  ${acknowledged} writes acknowledged (${issued.length} creates, ${DELETES + 1} deletes, the rest updates),`,
        `  ${RACED_CREATES} client ids raced to both instances: ${RACED_CREATES} × 201 + ${conflicts} × 409,`,
        `  ${issued.length} ids issued, ${new Set(issued).size} distinct,`,
        `  ${readBack} entities read back through list walks (${expectedTotal} expected, 3 walks each), ${deleted.length} deletes confirmed 404,`,
        `  ${sent} requests in all, each checked against the spec.`,
      ].join("\n"),
    );
  });
});
