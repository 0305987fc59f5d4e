// The SQLite store's writer: a worker thread (node:worker_threads) with the one read-write connection, so that
// the fsync of each commit blocks this thread and never the event loop that parses and answers requests.
//
// Plain JavaScript on purpose: it runs as it is under tsx, vitest and from dist/ (the build copies it), with no
// TypeScript loader to start in the thread. It knows no table: the store (writer.ts, sqlite-store.ts) sends SQL
// text and parameters, and the logic of a write stays in one statement or in the steps of one write.
//
// Protocol (messages from the store):
//   { writes: [{ id, steps: [{ sql, params?, mode? }] }] }   mode "run" (→ changes), "get" (→ row), "all" (→ rows)
//   { close: true }                                          commit what is pending, close, answer { closed: true }
// Answers: { committed, results: [{ id, value } | { id, error: { name, code, message } }] } per batch.
//
// Group commit, pipelined: the writes that arrive while a batch commits (fsync) queue in this thread's port and
// form the next batch, one transaction and one fsync for all of them. A write's answer leaves only after its
// batch's COMMIT has returned: an acknowledged write is on disk (synchronous=FULL) or in the WAL (NORMAL).
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

const { location, synchronous } = workerData;
const port = parentPort;
if (!port) throw new Error("writer-thread.mjs runs as a worker thread");

const db = new Database(location);
db.pragma("journal_mode = WAL");
db.pragma(`synchronous = ${synchronous}`);
db.pragma("foreign_keys = ON");
db.pragma("busy_timeout = 5000");
// A mobileApp's PATCH merges into its JSON properties in one UPDATE (atomic, no read-modify-write across
// threads): the keys of the patch replace or join the stored ones, in JavaScript's own object-spread semantics.
db.function("json_merge_properties", { deterministic: true }, (current, patch) =>
  JSON.stringify({ ...JSON.parse(String(current)), ...JSON.parse(String(patch)) }),
);

/** Prepared once per distinct SQL text (updates of different column sets are different texts). */
const statements = new Map();
function statement(sql) {
  let prepared = statements.get(sql);
  if (!prepared) {
    if (statements.size >= 500) statements.clear();
    prepared = db.prepare(sql);
    statements.set(sql, prepared);
  }
  return prepared;
}

function runStep({ sql, params, mode }) {
  const prepared = statement(sql);
  const args = params === undefined ? [] : Array.isArray(params) ? params : [params];
  if (mode === "get") return prepared.get(...args);
  if (mode === "all") return prepared.all(...args);
  return prepared.run(...args).changes;
}

/** One write: one statement, or several under a savepoint so that they apply all or none. */
function execute(steps) {
  if (steps.length === 1) return [runStep(steps[0])];
  db.exec("SAVEPOINT write");
  try {
    const values = steps.map(runStep);
    db.exec("RELEASE write");
    return values;
  } catch (error) {
    if (db.inTransaction) {
      db.exec("ROLLBACK TO write");
      db.exec("RELEASE write");
    }
    throw error;
  }
}

/** An error as a message can carry it; the store makes the same error class of it again (writer.ts). */
const described = (error) => ({
  name: error?.name ?? "Error",
  code: typeof error?.code === "string" ? error.code : undefined,
  message: error?.message ?? String(error),
});

let pending = [];
let scheduled = false;

function flush() {
  scheduled = false;
  const batch = pending;
  pending = [];
  if (batch.length === 0) return;
  const results = [];
  try {
    db.exec("BEGIN IMMEDIATE");
    for (const write of batch) {
      try {
        results.push({ id: write.id, value: execute(write.steps) });
      } catch (error) {
        // A failed statement (a duplicate key, say) fails its write alone; a failure that ended the
        // transaction (disk full, I/O) fails the whole batch below.
        if (!db.inTransaction) throw error;
        results.push({ id: write.id, error: described(error) });
      }
    }
    db.exec("COMMIT");
  } catch (error) {
    // Nothing of this batch is acknowledged unless all of it committed.
    try {
      if (db.inTransaction) db.exec("ROLLBACK");
    } catch {
      // The connection is past saving; the batch fails either way, and the next BEGIN says what is wrong.
    }
    const failure = described(error);
    port.postMessage({ committed: false, results: batch.map((write) => ({ id: write.id, error: failure })) });
    return;
  }
  port.postMessage({ committed: true, results });
}

port.on("message", (message) => {
  if (message.close) {
    flush();
    db.close();
    port.postMessage({ closed: true });
    port.close();
    return;
  }
  for (const write of message.writes) pending.push(write);
  // setImmediate runs after this turn's messages: every write already queued joins the batch.
  if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
});
