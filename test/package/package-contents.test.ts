// What `npm pack` ships (scripts/consumer-check.sh installs and runs it): runtime files only, every export's
// target, the contract the server reads, and no build or test tool among the runtime dependencies.
// Reads the file list of `npm pack --dry-run` over the dist/ that `npm run build` (npm ci) made.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SPEC_PATH } from "../../src/spec.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
const [pack] = JSON.parse(
  execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts", "--loglevel=error"], {
    cwd: ROOT,
    encoding: "utf8",
  }),
);
const files = new Set<string>(pack.files.map((file: { path: string }) => file.path));

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe("npm pack", () => {
  it("ships README, LICENSE (MIT, as the spec's info.license), package.json and the contract the server reads", () => {
    for (const file of ["README.md", "LICENSE", "package.json", path.relative(ROOT, SPEC_PATH)]) {
      expect(files).toContain(file);
    }
    expect(manifest.license).toBe("MIT");
    expect(readFileSync(path.join(ROOT, "LICENSE"), "utf8")).toMatch(/^MIT License/);
  });

  it("ships no tests, no TypeScript sources and no build scripts", () => {
    const unwanted = [...files].filter(
      (file) =>
        /^(test|src|examples|generated|openapi\/(?!bundled\/openapi\.json$))/.test(file) ||
        /\.test\./.test(file) ||
        (file.endsWith(".ts") && !file.endsWith(".d.ts")) ||
        (file.startsWith("scripts/") && !["scripts/cli.mjs", "scripts/source-manifest.mjs"].includes(file)),
    );
    expect(unwanted).toEqual([]);
  });

  it("ships the file of every export and of the bin", () => {
    const targets: string[] = Object.values(manifest.exports as Record<string, string | Record<string, string>>)
      .flatMap((target) => (typeof target === "string" ? [target] : Object.values(target)))
      .map((target) => target.replace(/^\.\//, ""));
    targets.push(...Object.values(manifest.bin as Record<string, string>));
    expect(targets.filter((target) => !files.has(target))).toEqual([]);
    expect(Object.keys(manifest.exports)).toEqual([".", "./client", "./types", "./openapi.json", "./package.json"]);
  });

  it("ships every SQL migration beside its compiled store", () => {
    const migrations = ["sqlite", "postgres"].flatMap((store) =>
      readdirSync(path.join(ROOT, "src/store", store, "migrations")).map(
        (file) => `dist/src/store/${store}/migrations/${file}`,
      ),
    );
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.filter((file) => !files.has(file))).toEqual([]);
  });

  it("depends at run time on exactly the packages src/ imports (tsx and every build or test tool are devDependencies)", () => {
    const imported = new Set<string>();
    for (const file of sourceFiles(path.join(ROOT, "src"))) {
      for (const [, specifier] of readFileSync(file, "utf8").matchAll(
        /^(?:import|export)(?!\s+type\b)[^"]*?from\s+"([^".][^"]*)"/gm,
      )) {
        if (specifier === undefined || specifier.startsWith("node:")) continue;
        imported.add(
          specifier.startsWith("@")
            ? specifier.split("/").slice(0, 2).join("/")
            : (specifier.split("/")[0] ?? specifier),
        );
      }
    }
    expect(Object.keys(manifest.dependencies).sort()).toEqual([...imported].sort());
    expect(manifest.devDependencies).toHaveProperty("tsx");
  });
});
