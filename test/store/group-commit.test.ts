import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { groupCommit } from "../../src/store/sqlite/group-commit.ts";

function table() {
  const db = new Database(":memory:");
  db.exec("CREATE TABLE t (id TEXT PRIMARY KEY)");
  const commits: string[] = [];
  const exec = db.exec.bind(db);
  db.exec = ((sql: string) => {
    commits.push(sql);
    return exec(sql);
  }) as typeof db.exec;
  return { db, commits, insert: db.prepare("INSERT INTO t (id) VALUES (?)") };
}

describe("group commit", () => {
  it("commits the writes of one turn in one transaction, each resolving after the commit", async () => {
    const { db, commits, insert } = table();
    const write = groupCommit(db);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => write(() => insert.run(`k${i}`).changes)));
    expect(results).toEqual(Array(50).fill(1));
    expect(commits.filter((sql) => sql === "COMMIT")).toHaveLength(1);
    expect((db.prepare("SELECT count(*) AS n FROM t").get() as { n: number }).n).toBe(50);
  });

  it("fails a write alone when its statement fails, and keeps the others", async () => {
    const { db, insert } = table();
    const write = groupCommit(db);
    const outcomes = await Promise.allSettled([
      write(() => insert.run("a")),
      write(() => insert.run("a")),
      write(() => insert.run("b")),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(db.prepare("SELECT id FROM t ORDER BY id").pluck().all()).toEqual(["a", "b"]);
  });

  it("acknowledges nothing of a batch whose commit fails", async () => {
    const { db, insert } = table();
    const write = groupCommit(db);
    const first = write(() => insert.run("a"));
    const second = write(() => {
      insert.run("b");
      db.exec("COMMIT"); // ends the batch's transaction early, so the batch's own COMMIT fails
      return 1;
    });
    await expect(first).rejects.toThrow();
    await expect(second).rejects.toThrow();
  });
});
