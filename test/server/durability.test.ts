// An acknowledged write survives the process: writes go through a server on a SQLite file, the process
// is SIGKILLed right after the last acknowledgement, and a new process on the same file answers with
// every acknowledged create and update, exactly, and without every acknowledged delete.
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Contract, loadContract } from "../helpers/contract.ts";
import {
  makeTempDir,
  mintToken,
  type Outcome,
  type RequestOptions,
  type RunningServer,
  removeTempDirs,
  send,
  startServer,
  stopAllServers,
} from "../helpers/server-process.ts";
import { expectSoundDatabaseFile } from "../helpers/sqlite-file.ts";
import { appsPath, statusesPath } from "../helpers/test-app.ts";

let contract: Contract;
let token: string;
beforeAll(async () => {
  contract = await loadContract();
  token = await mintToken();
});
afterEach(stopAllServers);
afterAll(removeTempDirs);

type Entity = Record<string, unknown> & { id: string };

const IN_FLIGHT = 20;

/** Sends the request, checks the answer against the contract and returns its body once it has the status. */
async function call<T = Entity>(
  server: RunningServer,
  options: RequestOptions,
  status: number,
): Promise<T | undefined> {
  const outcome: Outcome = await send(server.baseUrl, { ...options, token });
  if (outcome.kind !== "response" || outcome.status !== status) {
    throw new Error(`${options.method ?? "GET"} ${options.path}: expected ${status}, got ${JSON.stringify(outcome)}`);
  }
  contract.check({
    method: options.method ?? "GET",
    url: options.path,
    status: outcome.status,
    headers: outcome.headers,
    body: outcome.body,
  });
  if (outcome.body === "") return undefined;
  // The context names the host, which changes with the process; the rest is the entity.
  const { "@odata.context": _context, ...entity } = JSON.parse(outcome.body) as Record<string, unknown>;
  return entity as T;
}

/** Runs the tasks with `limit` in flight; `onLast` runs in the same turn as the last task's completion. */
async function inPool(limit: number, tasks: Array<() => Promise<void>>, onLast: () => void = () => {}): Promise<void> {
  let next = 0;
  let finished = 0;
  const worker = async () => {
    while (next < tasks.length) {
      await (tasks[next++] as () => Promise<void>)();
      if (++finished === tasks.length) onLast();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

/** Distinct values in every property; some ids chosen by the server, some names null, Int32 limits. */
function statusBody(i: number): Record<string, unknown> {
  return {
    ...(i % 10 === 9 ? {} : { id: `durable-${String(i).padStart(4, "0")}` }),
    userName: i % 13 === 0 ? null : `Ünïcødé user ${i} ✓`,
    userPrincipalName: `user${i}@contoso.example`,
    installedDeviceCount: i === 1 ? 2147483647 : i,
    failedDeviceCount: i === 2 ? -2147483648 : i * 3,
    notInstalledDeviceCount: 100_000 + i,
  };
}

const byId = (entities: Entity[]) => [...entities].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

describe("durability", () => {
  // SQLITE_SYNCHRONOUS=normal too: it gives up power-cut durability only; a crash of the process loses nothing.
  it.each(["full", "normal"])(
    "keeps every acknowledged create, update and delete across a SIGKILL, in a file that passes integrity_check (SQLITE_SYNCHRONOUS=%s)",
    async (synchronous) => {
      const databaseFile = path.join(makeTempDir(), "graph.db");
      const env = { DATABASE_URL: `sqlite:${databaseFile}`, SQLITE_SYNCHRONOUS: synchronous };
      const first = await startServer({ env });

      const app = await call(
        first,
        {
          method: "POST",
          path: appsPath,
          body: { "@odata.type": "#microsoft.graph.webApp", displayName: "Durable", appUrl: "https://contoso.example" },
        },
        201,
      );
      const appId = (app as Entity).id;
      const url = statusesPath(appId);
      /** What the server acknowledged, by id; a delete removes the entry. */
      const acknowledged = new Map<string, Entity>();
      const deleted: string[] = [];

      const create = (i: number) => async () => {
        const created = (await call(first, { method: "POST", path: url, body: statusBody(i) }, 201)) as Entity;
        acknowledged.set(created.id, created);
      };
      await inPool(
        IN_FLIGHT,
        Array.from({ length: 400 }, (_, i) => create(i)),
      );
      const ids = [...acknowledged.keys()].sort();
      expect(ids).toHaveLength(400);

      // Updates, deletes and more creates, interleaved, each on its own status.
      const patch = (id: string, n: number) => async () => {
        const changes = { failedDeviceCount: 7_000 + n, userName: n % 2 === 0 ? null : `Patched ${n}` };
        acknowledged.set(
          id,
          (await call(first, { method: "PATCH", path: `${url}/${id}`, body: changes }, 200)) as Entity,
        );
      };
      const remove = (id: string) => async () => {
        await call(first, { method: "DELETE", path: `${url}/${id}` }, 204);
        acknowledged.delete(id);
        deleted.push(id);
      };
      let updatedApp: Entity | undefined;
      const patchApp = async () => {
        const body = { "@odata.type": "#microsoft.graph.webApp", displayName: "Durable, renamed" };
        updatedApp = await call(first, { method: "PATCH", path: `${appsPath}/${appId}`, body }, 200);
      };
      const mixed = [
        ...ids.slice(0, 100).map((id, n) => patch(id, n)),
        ...ids.slice(100, 160).map((id) => remove(id)),
        ...Array.from({ length: 100 }, (_, n) => create(400 + n)),
        patchApp,
      ];
      // A fixed interleaving (a stride through the list), so a failure can be replayed.
      const interleaved = mixed.map((_, n) => mixed[(n * 97) % mixed.length] as () => Promise<void>);
      expect(new Set(interleaved).size).toBe(mixed.length);

      let killed: Promise<unknown> | undefined;
      await inPool(IN_FLIGHT, interleaved, () => {
        killed = first.stop("SIGKILL");
      });
      expect(await killed).toEqual({ code: null, signal: "SIGKILL" });

      const second = await startServer({ env });
      // Every page, following @odata.nextLink.
      const listed: Entity[] = [];
      for (let path: string | undefined = `${url}?$top=150`; path !== undefined; ) {
        type Page = { value: Entity[]; "@odata.nextLink"?: string };
        const page: Page | undefined = await call<Page>(second, { path }, 200);
        listed.push(...(page?.value ?? []));
        path = page?.["@odata.nextLink"]?.replace(second.baseUrl, "");
      }
      expect(byId(listed)).toEqual(byId([...acknowledged.values()]));
      expect(acknowledged.size).toBe(400 - 60 + 100);
      for (const id of deleted.slice(0, 5)) await call(second, { path: `${url}/${id}` }, 404);
      expect(await call(second, { path: `${appsPath}/${appId}` }, 200)).toEqual(updatedApp);
      expect(await second.stop("SIGTERM")).toEqual({ code: 0, signal: null });

      expectSoundDatabaseFile(databaseFile);
    },
  );
});
