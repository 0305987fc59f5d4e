// Crash safety: a server process on a SQLite file takes concurrent creates, updates and deletes and is killed
// with SIGKILL at a random moment, round after round, then restarted on the same file. Every acknowledged
// write must be there with its exact body; a write whose answer never came must be wholly applied or not at
// all; and the file must pass SQLite's integrity check after every kill.
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Contract, loadContract } from "../helpers/contract.ts";
import {
  makeTempDir,
  mintToken,
  type Outcome,
  type RunningServer,
  removeTempDirs,
  send,
  startServer,
  stopAllServers,
} from "../helpers/server-process.ts";
import { expectSoundDatabaseFile } from "../helpers/sqlite-file.ts";
import { appsPath, statusesPath } from "../helpers/test-app.ts";

const ROUNDS = 5;
const WORKERS = 16;
/** Set CRASH_SEED to replay a failing run: the kill moments and the bodies come from it. */
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));

let contract: Contract;
let token: string;
beforeAll(async () => {
  contract = await loadContract();
  token = await mintToken();
});
afterEach(stopAllServers);
afterAll(removeTempDirs);

type Entity = Record<string, unknown> & { id: string };

/** mulberry32: a small seeded generator, so that a run can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
  };
}
const random = seeded(SEED);
const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const int32 = () => between(-(2 ** 31), 2 ** 31 - 1);
const NAMES = ["Ada", "Zoë Ünïcødé", "😀 𝄞", "O'Brien; DROP TABLE x", "", "名前", "a\tb\nc"];
const name = () => (random() < 0.15 ? null : `${NAMES[between(0, NAMES.length - 1)]} ${between(0, 9999)}`);

const DEFAULTS = {
  userName: null,
  userPrincipalName: null,
  installedDeviceCount: 0,
  failedDeviceCount: 0,
  notInstalledDeviceCount: 0,
};

/** Some of the properties, each with a random value. */
function someChanges(): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (random() < 0.6) changes.userName = name();
  if (random() < 0.4) changes.userPrincipalName = name();
  for (const count of ["installedDeviceCount", "failedDeviceCount", "notInstalledDeviceCount"]) {
    if (random() < 0.5) changes[count] = int32();
  }
  return changes;
}

/** The entity of an answer, without the context URL (it names the host, which changes with the process). */
function entityOf(outcome: Extract<Outcome, { kind: "response" }>): Entity {
  const { "@odata.context": _context, ...entity } = JSON.parse(outcome.body) as Record<string, unknown>;
  return entity as Entity;
}

/** What the test knows of the store: acknowledged entities, and the writes whose answers never came. */
class Model {
  readonly acknowledged = new Map<string, Entity>();
  /** id → the entity before and after the write (undefined: absent). */
  readonly unanswered = new Map<string, { before: Entity | undefined; after: Entity | undefined }>();
  readonly busy = new Set<string>();

  /** An acknowledged id no request is working on, at random. */
  idle(): string | undefined {
    const ids = [...this.acknowledged.keys()].filter((id) => !this.busy.has(id));
    return ids.length === 0 ? undefined : ids[between(0, ids.length - 1)];
  }
}

describe("crash safety", () => {
  it(`keeps every acknowledged write exactly, and no half of an unacknowledged one, across ${ROUNDS} SIGKILLs (seed ${SEED})`, async () => {
    const databaseFile = path.join(makeTempDir(), "graph.db");
    const env = { DATABASE_URL: `sqlite:${databaseFile}` };
    let server = await startServer({ env });
    const created = await send(server.baseUrl, {
      method: "POST",
      path: appsPath,
      token,
      body: { "@odata.type": "#microsoft.graph.webApp", displayName: "Crash safety" },
    });
    const mobileAppId = entityOf(created as Extract<Outcome, { kind: "response" }>).id;
    const url = statusesPath(mobileAppId);
    const model = new Model();
    let nextId = 0;
    let unansweredInAll = 0;

    for (let round = 1; round <= ROUNDS; round++) {
      const killAfter = between(100, 600);
      let answered = 0;
      let killed: Promise<unknown> | undefined;
      const current = server;

      /** Sends one write; a 2xx updates the model, no answer at all leaves the write unanswered. */
      const write = async (id: string, method: string, target: string, body: unknown, after: Entity | undefined) => {
        const before = model.acknowledged.get(id);
        model.busy.add(id);
        const outcome = await send(current.baseUrl, { method, path: target, token, body });
        model.busy.delete(id);
        if (outcome.kind === "error") {
          expect(killed, `${method} ${target} failed before the kill: ${outcome.code}`).toBeDefined();
          model.acknowledged.delete(id);
          model.unanswered.set(id, { before, after });
          return;
        }
        contract.check({ method, url: target, status: outcome.status, headers: outcome.headers, body: outcome.body });
        expect(outcome.status, outcome.body).toBe({ POST: 201, PATCH: 200, DELETE: 204 }[method]);
        if (after) {
          expect(entityOf(outcome)).toEqual(after);
          model.acknowledged.set(id, after);
        } else {
          model.acknowledged.delete(id);
        }
        if (++answered === killAfter) killed = current.stop("SIGKILL");
      };

      const worker = async () => {
        while (!killed) {
          const roll = random();
          const id = roll < 0.45 ? undefined : model.idle();
          if (id === undefined) {
            const newId = `crash-${round}-${nextId++}`;
            const body = { id: newId, ...someChanges() };
            await write(newId, "POST", url, body, {
              "@odata.type": "#microsoft.graph.userAppInstallStatus",
              ...DEFAULTS,
              ...body,
            });
          } else if (roll < 0.8) {
            const changes = someChanges();
            const before = model.acknowledged.get(id) as Entity;
            await write(id, "PATCH", `${url}/${encodeURIComponent(id)}`, changes, { ...before, ...changes });
          } else {
            await write(id, "DELETE", `${url}/${encodeURIComponent(id)}`, undefined, undefined);
          }
        }
      };
      await Promise.all(Array.from({ length: WORKERS }, worker));
      expect(await killed).toEqual({ code: null, signal: "SIGKILL" });

      expectSoundDatabaseFile(databaseFile);

      server = await startServer({ env });
      const stored = await everyStatus(server, url);
      for (const [id, entity] of model.acknowledged) {
        expect(stored.get(id), `acknowledged ${id}`).toEqual(entity);
      }
      for (const [id, { before, after }] of model.unanswered) {
        const found = stored.get(id);
        const possible = [before, after];
        expect(possible, `unanswered write on ${id} half-applied: found ${JSON.stringify(found)}`).toContainEqual(
          found,
        );
        if (found) model.acknowledged.set(id, found);
      }
      unansweredInAll += model.unanswered.size;
      model.unanswered.clear();
      expect(
        [...stored.keys()].filter((id) => !model.acknowledged.has(id)),
        "rows no one wrote",
      ).toEqual([]);
    }

    // The kills cut writes in flight: the rule about unanswered writes was put to the test.
    expect(unansweredInAll).toBeGreaterThan(0);
    expect(await server.stop("SIGTERM")).toEqual({ code: 0, signal: null });
  });
});

/** Every userAppInstallStatus of the app, by id, following @odata.nextLink. */
async function everyStatus(server: RunningServer, url: string): Promise<Map<string, Entity>> {
  const found = new Map<string, Entity>();
  for (let next: string | undefined = `${url}?$top=999`; next !== undefined; ) {
    const outcome = await send(server.baseUrl, { path: next, token });
    if (outcome.kind !== "response" || outcome.status !== 200) throw new Error(`list: ${JSON.stringify(outcome)}`);
    contract.check({ method: "GET", url: next, status: 200, headers: outcome.headers, body: outcome.body });
    const page = JSON.parse(outcome.body) as { value: Entity[]; "@odata.nextLink"?: string };
    for (const entity of page.value) found.set(entity.id, entity);
    next = page["@odata.nextLink"]?.replace(server.baseUrl, "");
  }
  return found;
}
