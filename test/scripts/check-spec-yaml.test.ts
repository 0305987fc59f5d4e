// The contract's sources load in strict YAML 1.2 and in PyYAML, with no anchors (scripts/check-spec-yaml.ts,
// part of npm run lint:spec): the checker passes the committed files and refuses what once broke PyYAML.
// PyYAML comes from $PYTHON (CI: the venv of .ci/run, pyyaml pinned), else python3.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pyyamlProblems, specYamlFiles, strictYamlProblems } from "../../scripts/check-spec-yaml.ts";

const dir = mkdtempSync(path.join(tmpdir(), "graph-spec-yaml-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const target = path.join(dir, name);
  writeFileSync(target, text);
  return target;
};

// The shape of the old single file's fault: one anchor defined twice, then used.
const duplicateAnchor = file(
  "duplicate-anchor.yaml",
  "a:\n  x: &context\n    type: string\nb:\n  x: &context\n    type: string\nc: *context\n",
);
const aliased = file("aliased.yaml", "a: &permissions\n  delegated: [X]\nb: *permissions\n");
const duplicateKey = file("duplicate-key.yaml", "type: string\ntype: integer\n");
const clean = file("clean.yaml", "type: string\npattern: ^[^\\u0000]*$\n");

describe("the contract's YAML sources", () => {
  it("are the root, paths/ and components/ files, and each loads strictly, without anchors, in both parsers", () => {
    const files = specYamlFiles();
    expect(files.map((name) => path.relative(path.resolve("openapi"), name))).toEqual(
      expect.arrayContaining([
        "openapi.yaml",
        "paths/beta@deviceAppManagement@mobileApps.yaml",
        "components/schemas/microsoft.graph.userAppInstallStatus.yaml",
      ]),
    );
    expect(files.flatMap(strictYamlProblems)).toEqual([]);
    expect(pyyamlProblems(files)).toEqual([]);
  });
});

describe("strictYamlProblems", () => {
  it("names every anchor and alias, and duplicate keys", () => {
    expect(strictYamlProblems(aliased)).toEqual([
      `${aliased}: anchor &permissions: use a $ref instead`,
      `${aliased}: alias *permissions: use a $ref instead`,
    ]);
    expect(strictYamlProblems(duplicateAnchor).filter((problem) => problem.includes("&context"))).toHaveLength(2);
    expect(strictYamlProblems(duplicateKey).join("\n")).toMatch(/unique/i);
    expect(strictYamlProblems(clean)).toEqual([]);
  });
});

describe("pyyamlProblems", () => {
  it("reports PyYAML's refusal of a duplicate anchor, and anchors and aliases it accepts", () => {
    expect(pyyamlProblems([duplicateAnchor])).toEqual([
      expect.stringMatching(/^.*duplicate-anchor\.yaml: PyYAML: found duplicate anchor 'context'/),
    ]);
    expect(pyyamlProblems([aliased])).toEqual([
      `${aliased}: PyYAML: anchor or alias 'permissions': use a $ref instead`,
      `${aliased}: PyYAML: anchor or alias 'permissions': use a $ref instead`,
    ]);
    expect(pyyamlProblems([clean])).toEqual([]);
  });
});
