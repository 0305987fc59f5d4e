// The SQLite writer thread on its own: group commit (one transaction for the writes that arrive together), a
// failed statement failing its write alone, a failed commit failing its whole batch, several steps all or none.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StoreUnavailableError } from "../../src/model/store-unavailable-error.ts";
import { SqliteWriter } from "../../src/store/sqlite/writer.ts";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "graph-sqlite-writer-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;
/** A writer on a new file with table t (id primary key) and u (a deferred foreign key to t). */
async function table() {
  const file = path.join(dir, `writer-${++files}.db`);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.exec(`CREATE TABLE t (id TEXT PRIMARY KEY);
    CREATE TABLE u (id TEXT PRIMARY KEY, t_id TEXT REFERENCES t (id) DEFERRABLE INITIALLY DEFERRED)`);
  db.close();
  const writer = new SqliteWriter(file, { synchronous: "FULL" });
  const ids = (table: string) => {
    const reader = new Database(file, { readonly: true });
    try {
      return reader.prepare(`SELECT id FROM ${table} ORDER BY id`).pluck().all();
    } finally {
      reader.close();
    }
  };
  const insert = (id: string) => writer.write([{ sql: "INSERT INTO t (id) VALUES (?)", params: [id] }]);
  return { writer, ids, insert };
}

describe("SQLite writer thread", () => {
  it("commits the writes of one turn in one transaction, each resolving after the commit", async () => {
    const { writer, ids, insert } = await table();
    try {
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => insert(`k${i}`)));
      expect(results).toEqual(Array(50).fill([1]));
      expect(writer.commits).toBe(1);
      expect(ids("t")).toHaveLength(50);
    } finally {
      await writer.close();
    }
  });

  it("fails a write alone when its statement fails, with the connection's error and code, and keeps the others", async () => {
    const { writer, ids, insert } = await table();
    try {
      const outcomes = await Promise.allSettled([insert("a"), insert("a"), insert("b")]);
      expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
      const failure = (outcomes[1] as PromiseRejectedResult).reason;
      expect(failure).toBeInstanceOf(Database.SqliteError);
      expect(failure.code).toBe("SQLITE_CONSTRAINT_PRIMARYKEY");
      expect(ids("t")).toEqual(["a", "b"]);
    } finally {
      await writer.close();
    }
  });

  it("applies the steps of one write all or none", async () => {
    const { writer, ids } = await table();
    try {
      const step = (id: string) => ({ sql: "INSERT INTO t (id) VALUES (?)", params: [id] });
      const outcomes = await Promise.allSettled([
        writer.write([step("x"), step("y")]),
        writer.write([step("z"), step("x")]),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected"]);
      expect(ids("t")).toEqual(["x", "y"]);
    } finally {
      await writer.close();
    }
  });

  it("answers a step's row or rows", async () => {
    const { writer, insert } = await table();
    try {
      await insert("a");
      expect(
        await writer.write([
          { sql: "SELECT id FROM t WHERE id = ?", params: ["a"], mode: "get" },
          { sql: "SELECT id FROM t WHERE id = ?", params: ["b"], mode: "get" },
          { sql: "SELECT id FROM t", mode: "all" },
        ]),
      ).toEqual([{ id: "a" }, undefined, [{ id: "a" }]]);
    } finally {
      await writer.close();
    }
  });

  it("acknowledges nothing of a batch whose commit fails", async () => {
    const { writer, ids, insert } = await table();
    try {
      // The deferred foreign key is checked at COMMIT: the batch's commit fails, every write of it with it.
      const first = insert("a");
      const second = writer.write([{ sql: "INSERT INTO u (id, t_id) VALUES (?, ?)", params: ["u1", "missing"] }]);
      await expect(first).rejects.toMatchObject({ code: "SQLITE_CONSTRAINT_FOREIGNKEY" });
      await expect(second).rejects.toMatchObject({ code: "SQLITE_CONSTRAINT_FOREIGNKEY" });
      expect(writer.commits).toBe(0);
      expect(ids("t")).toEqual([]);
      await insert("b");
      expect(ids("t")).toEqual(["b"]);
    } finally {
      await writer.close();
    }
  });

  it("rejects writes once closed, as unavailable", async () => {
    const { writer, insert } = await table();
    await writer.close();
    await expect(insert("a")).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
