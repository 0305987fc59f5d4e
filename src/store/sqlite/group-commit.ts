// Group commit: the writes that arrive while the event loop is busy run together in one transaction, and each is
// answered once that transaction is durable (one sync for all, instead of one each). A write that fails (a
// duplicate key, say) fails alone: SQLite rolls back just that statement.
//
// Durable without waiting on the event loop: the connection commits at synchronous=NORMAL (in WAL mode: no sync
// at COMMIT, the WAL synced before each checkpoint and the database after it, so a crash at any moment leaves a
// consistent file), and the sync that synchronous=FULL would do inside COMMIT (an fsync of the WAL) is an
// fdatasync of the WAL file on libuv's thread pool instead. A batch is acknowledged only once an fdatasync that
// began after its COMMIT has returned: its frames are then on disk, as FULL would have made them. Pipelined:
// while one fdatasync runs, the next batches commit, and the next fdatasync covers all of them.
import { closeSync, fdatasync as fsFdatasync, openSync } from "node:fs";
import type Database from "better-sqlite3";
import { StoreUnavailableError } from "../../model/store-unavailable-error.ts";

interface PendingWrite {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** A committed write waiting for its sync. */
interface Committed {
  write: PendingWrite;
  outcome: Outcome;
}

export type Writer = <T>(work: () => T) => Promise<T>;

export interface GroupCommit {
  write: Writer;
  /** Commits and syncs what is pending, then closes the WAL's descriptor (before the connection closes). */
  drain(): Promise<void>;
}

export interface GroupCommitOptions {
  /** The WAL file to fdatasync before a batch is acknowledged; none: acknowledged at COMMIT (NORMAL, :memory:). */
  syncedWal?: string | undefined;
  /** node:fs's (tests pass one that they complete themselves). */
  fdatasync?: (descriptor: number, callback: (error: NodeJS.ErrnoException | null) => void) => void;
}

function settle({ write, outcome }: Committed): void {
  if (outcome.ok) write.resolve(outcome.value);
  else write.reject(outcome.error);
}

export function groupCommit(
  db: Database.Database,
  { syncedWal, fdatasync = fsFdatasync }: GroupCommitOptions = {},
): GroupCommit {
  let pending: PendingWrite[] = [];
  /** Committed, waiting for the next fdatasync. */
  let unsynced: Committed[] = [];
  let syncing: Promise<void> | undefined;
  let walDescriptor: number | undefined;

  function flush(): void {
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    const outcomes: Outcome[] = [];
    try {
      db.exec("BEGIN IMMEDIATE");
      for (const write of batch) {
        try {
          outcomes.push({ ok: true, value: write.work() });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
      db.exec("COMMIT");
    } catch (error) {
      // Nothing of this batch is acknowledged unless all of it committed.
      if (db.open && db.inTransaction) db.exec("ROLLBACK");
      for (const write of batch) write.reject(error);
      return;
    }
    const committed = batch.map((write, i) => ({ write, outcome: outcomes[i] as Outcome }));
    if (syncedWal === undefined) {
      committed.forEach(settle);
      return;
    }
    unsynced.push(...committed);
    syncing ??= sync();
  }

  /** fdatasyncs the WAL for every batch committed so far, then for those committed meanwhile, until none is left. */
  async function sync(): Promise<void> {
    while (unsynced.length > 0) {
      const batch = unsynced;
      unsynced = [];
      try {
        // The WAL exists once a transaction has committed; the descriptor stays open for the store's life.
        walDescriptor ??= openSync(syncedWal as string, "r");
        const descriptor = walDescriptor;
        await new Promise<void>((resolve, reject) =>
          fdatasync(descriptor, (error) => (error ? reject(error) : resolve())),
        );
      } catch (error) {
        // Committed, but whether it is on disk is unknown: the writes fail as "unavailable", to be retried.
        const failure = new StoreUnavailableError("SQLite: the WAL could not be synced", 1, { cause: error });
        for (const { write } of batch) write.reject(failure);
        continue;
      }
      batch.forEach(settle);
    }
    syncing = undefined;
  }

  const write: Writer = <T>(work: () => T) =>
    new Promise<T>((resolve, reject) => {
      pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      // setImmediate runs after this turn's I/O: every request already read joins the batch.
      if (pending.length === 1) setImmediate(flush);
    });

  return {
    write,
    async drain() {
      if (db.open) flush();
      await syncing;
      if (walDescriptor !== undefined) closeSync(walDescriptor);
      walDescriptor = undefined;
    },
  };
}
