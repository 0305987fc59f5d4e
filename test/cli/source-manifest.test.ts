// The list of src/ that `npm run build` records in dist/BUILT, and that scripts/cli.mjs compares with src/ to
// decide between the compiled dist/ and the sources: any edit, new, removed or renamed file must change it.
import { mkdirSync, mkdtempSync, renameSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sourceManifest } from "../../scripts/source-manifest.mjs";

let dir: string;
const file = (name: string) => path.join(dir, name);
const THEN = new Date("2026-01-01T00:00:00Z");

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "graph-manifest-"));
  mkdirSync(file("store/migrations"), { recursive: true });
  for (const name of ["app.ts", "store/store.ts", "store/migrations/001-initial.sql"]) {
    writeFileSync(file(name), `contents of ${name}\n`);
    utimesSync(file(name), THEN, THEN);
  }
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("sourceManifest", () => {
  it("lists every file, nested ones included, in a stable order", () => {
    const manifest = sourceManifest(dir);
    expect(
      manifest
        .trim()
        .split("\n")
        .map((line) => line.split("\t")[0]),
    ).toEqual(["app.ts", "store/migrations/001-initial.sql", "store/store.ts"]);
    expect(sourceManifest(dir)).toBe(manifest);
  });

  const changes: Array<[string, () => void]> = [
    ["an edit of the same size, later", () => utimesSync(file("app.ts"), new Date(), new Date())],
    [
      "an edit that keeps the time",
      () => {
        writeFileSync(file("app.ts"), "contents of app.ts, longer\n");
        utimesSync(file("app.ts"), THEN, THEN);
      },
    ],
    ["a new file", () => writeFileSync(file("store/new.ts"), "")],
    ["a removed migration", () => rmSync(file("store/migrations/001-initial.sql"))],
    ["a rename that keeps size and time", () => renameSync(file("store/store.ts"), file("store/renamed.ts"))],
  ];
  it.each(changes)("changes with %s", (_name, change) => {
    const before = sourceManifest(dir);
    change();
    expect(sourceManifest(dir)).not.toBe(before);
  });
});
