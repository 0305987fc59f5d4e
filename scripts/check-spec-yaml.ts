// Every YAML file of the contract's sources (openapi/**/*.yaml) must load in a strict YAML 1.2 parser (the
// `yaml` package: strict, unique keys) and in PyYAML, and hold no anchors or aliases: files are joined by
// $ref only, so that any tool, in any language, reads each file as it is written (an anchor defined twice
// once made PyYAML refuse the whole contract).
// Usage: tsx scripts/check-spec-yaml.ts [file ...]   (default: every .yaml under openapi/)
// PyYAML comes from $PYTHON (CI: a venv with a pinned pyyaml), else python3.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isAlias, isNode, parseAllDocuments, visit } from "yaml";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function specYamlFiles(): string[] {
  return readdirSync(path.join(repoRoot, "openapi"), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".yaml"))
    .map((file) => path.join(repoRoot, "openapi", file))
    .sort();
}

/** The problems the strict YAML 1.2 parser finds in one file: errors, warnings, anchors, aliases. */
export function strictYamlProblems(file: string): string[] {
  const documents = parseAllDocuments(readFileSync(file, "utf8"), {
    version: "1.2",
    strict: true,
    uniqueKeys: true,
    prettyErrors: true,
  });
  if (!Array.isArray(documents)) return [`${file}: not a YAML stream`];
  if (documents.length !== 1) return [`${file}: ${documents.length} documents, expected one`];
  const problems: string[] = [];
  for (const document of documents) {
    for (const issue of [...document.errors, ...document.warnings]) problems.push(`${file}: ${issue.message}`);
    visit(document, (_key, node) => {
      if (isAlias(node)) problems.push(`${file}: alias *${node.source}: use a $ref instead`);
      else if (isNode(node) && node.anchor) problems.push(`${file}: anchor &${node.anchor}: use a $ref instead`);
    });
  }
  return problems;
}

// Loads each file with PyYAML's safe_load (which refuses duplicate anchors and unknown tags) and looks for
// anchors and aliases in its event stream; prints one line per problem (PyYAML's multi-line messages joined).
const PYYAML_CHECK = `
import sys, yaml
problems = 0
for name in sys.argv[1:]:
    try:
        with open(name, encoding="utf-8") as f:
            text = f.read()
        yaml.safe_load(text)
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                print(f"{name}: PyYAML: anchor or alias '{event.anchor}': use a $ref instead")
                problems += 1
    except yaml.YAMLError as error:
        print(f"{name}: PyYAML: {' '.join(str(error).split())}")  # one line per problem
        problems += 1
print(f"PyYAML {yaml.__version__}: {len(sys.argv) - 1} files, {problems} problems", file=sys.stderr)
sys.exit(1 if problems else 0)
`;

/** The problems PyYAML finds; throws when there is no Python with PyYAML to ask. */
export function pyyamlProblems(files: string[]): string[] {
  const python = process.env.PYTHON ?? "python3";
  try {
    execFileSync(python, ["-c", "import yaml"], { stdio: "ignore" });
  } catch {
    throw new Error(`${python} cannot import yaml (PyYAML): pip install pyyaml, or set PYTHON to a Python that has it`);
  }
  try {
    execFileSync(python, ["-c", PYYAML_CHECK, ...files], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    return [];
  } catch (error) {
    const output = (error as { stdout?: string }).stdout ?? "";
    return output.split("\n").filter((line) => line !== "");
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = process.argv.length > 2 ? process.argv.slice(2).map((file) => path.resolve(file)) : specYamlFiles();
  const problems = [...files.flatMap(strictYamlProblems), ...pyyamlProblems(files)];
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) process.exit(1);
  console.log(`${files.length} YAML files: strict YAML 1.2 and PyYAML load each, no anchors or aliases`);
}
