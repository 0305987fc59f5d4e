// Checks on a SQLite file a server process left behind (after a SIGKILL or a clean stop).
import Database from "better-sqlite3";
import { expect } from "vitest";

/** The file opens read-only and passes SQLite's integrity_check and foreign_key_check. */
export function expectSoundDatabaseFile(databaseFile: string): void {
  const db = new Database(databaseFile, { readonly: true });
  try {
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(db.pragma("foreign_key_check")).toEqual([]);
  } finally {
    db.close();
  }
}
