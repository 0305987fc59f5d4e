// Group commit: the writes that arrive while the event loop is busy run together in one transaction,
// and each is answered once that transaction has committed (one fsync for all, instead of one each).
// A write that fails (a duplicate key, say) fails alone: SQLite rolls back just that statement.
import type Database from "better-sqlite3";

interface PendingWrite {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export type Writer = <T>(work: () => T) => Promise<T>;

export function groupCommit(db: Database.Database): Writer {
  let pending: PendingWrite[] = [];

  function flush(): void {
    const batch = pending;
    pending = [];
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
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
    batch.forEach((write, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) write.resolve(outcome.value);
      else write.reject(outcome?.error);
    });
  }

  return <T>(work: () => T) =>
    new Promise<T>((resolve, reject) => {
      pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      // setImmediate runs after this turn's I/O: every request already read joins the batch.
      if (pending.length === 1) setImmediate(flush);
    });
}
