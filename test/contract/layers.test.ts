// The layers point one way: handlers → graph → model ← store. The Graph conventions know nothing of SQL and
// the store knows a filter tree and sort keys, not OData; the shared vocabulary lives in src/model/.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../src");

function sourcesUnder(dir: string): string[] {
  return readdirSync(path.join(SRC, dir), { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts"))
    .map((name) => path.join(dir, name));
}

/** The src/ directories a file imports from (by relative path), e.g. "store", "graph", "model". */
function importedLayers(file: string): Map<string, string> {
  const text = readFileSync(path.join(SRC, file), "utf8");
  const layers = new Map<string, string>();
  for (const match of text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
    const target = path.relative(SRC, path.resolve(path.dirname(path.join(SRC, file)), match[1] as string));
    const layer = target.startsWith("..") ? target.split(path.sep).slice(0, 2).join("/") : target.split(path.sep)[0];
    if (layer !== undefined) layers.set(layer, match[1] as string);
  }
  return layers;
}

/** Each line of the layer's files that mentions the other layer's directory, as `grep -rn` would print it. */
function grep(dir: string, needle: string): string[] {
  return sourcesUnder(dir).flatMap((file) =>
    readFileSync(path.join(SRC, file), "utf8")
      .split("\n")
      .flatMap((line, i) => (line.includes(needle) ? [`src/${file}:${i + 1}:${line}`] : [])),
  );
}

describe("the layers of src/", () => {
  it("has nothing of src/graph mention src/store (grep -rn 'store/' src/graph is empty)", () => {
    expect(grep("graph", "store/")).toEqual([]);
  });

  it("has nothing of src/store mention src/graph (grep -rn 'graph/' src/store is empty)", () => {
    expect(grep("store", "graph/")).toEqual([]);
  });

  it.each([
    ["graph", ["store", "handlers"]],
    ["store", ["graph", "handlers"]],
  ])("has src/%s import from none of %j", (dir, forbidden) => {
    const offending = sourcesUnder(dir).flatMap((file) =>
      [...importedLayers(file)].filter(([layer]) => forbidden.includes(layer)).map(([, spec]) => `${file}: ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it("has src/model import only from itself and the generated types", () => {
    const outside = sourcesUnder("model").flatMap((file) =>
      [...importedLayers(file)]
        .filter(([layer]) => layer !== "model" && layer !== "../generated")
        .map(([, spec]) => `${file}: ${spec}`),
    );
    expect(outside).toEqual([]);
  });
});
