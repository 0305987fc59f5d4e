// The breaking-change gate (npm run check:breaking): compares the bundled contract with the last released
// one (the highest version under openapi/released/) using oasdiff, and fails on any change that oasdiff
// rates ERR (a removed operation or property, a narrowed type, a dropped enum member, a new required
// parameter, ...), printing oasdiff's own messages. WARN-level findings are printed and do not fail.
// openapi/oasdiff-severity-levels.txt raises some of oasdiff's levels (the file takes no comments, so why is
// here): response-optional-property-removed is INFO in oasdiff, an ERR here, because the service answers every
// property of a type (README) and a client may rely on any of them.
// oasdiff is a Go program, pinned in package.json's config.oasdiff; `.ci/run` installs it into .tools/bin:
//   GOBIN="$PWD/.tools/bin" go install github.com/oasdiff/oasdiff@v$(node -p 'require("./package.json").config.oasdiff')
// Set OASDIFF to use another binary.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BUNDLE } from "./generate.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RELEASED_DIR = "openapi/released";
const SEVERITY_LEVELS = "openapi/oasdiff-severity-levels.txt";
const pinned: string = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")).config.oasdiff;

/** Orders "1.10.0" after "1.9.0" (release versions only: the released contracts carry no pre-release tags). */
function compareVersions(a: string, b: string): number {
  const x = a.split(".").map(Number);
  const y = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    const difference = (x[i] ?? 0) - (y[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

export function latestRelease(): string {
  const versions = readdirSync(path.join(repoRoot, RELEASED_DIR))
    .map((file) => /^(\d+\.\d+\.\d+)\.json$/.exec(file)?.[1])
    .filter((version): version is string => version !== undefined)
    .sort(compareVersions);
  const latest = versions.at(-1);
  if (!latest) throw new Error(`no released contract (<major>.<minor>.<patch>.json) in ${RELEASED_DIR}/`);
  return latest;
}

function oasdiffBinary(): string {
  if (process.env.OASDIFF) return process.env.OASDIFF;
  const local = path.join(repoRoot, ".tools/bin/oasdiff");
  if (existsSync(local)) return local;
  return "oasdiff";
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const oasdiff = oasdiffBinary();
  // `go install` builds report their version as "main"; .ci/run checks the pinned module version instead
  // (`go version -m`). Here: only that there is an oasdiff to run.
  try {
    execFileSync(oasdiff, ["--version"], { stdio: "ignore" });
  } catch {
    console.error(
      `oasdiff not found (${oasdiff}). Install the pinned version:\n` +
        `  GOBIN="$PWD/.tools/bin" go install github.com/oasdiff/oasdiff@v${pinned}`,
    );
    process.exit(1);
  }

  const released = path.join(RELEASED_DIR, `${latestRelease()}.json`);
  const current: { info: { version: string } } = JSON.parse(readFileSync(path.join(repoRoot, BUNDLE), "utf8"));
  console.log(`oasdiff (pinned ${pinned}): ${released} → ${BUNDLE} (info.version ${current.info.version})`);
  const result = spawnSync(
    oasdiff,
    ["breaking", released, BUNDLE, "--fail-on", "ERR", "--severity-levels", SEVERITY_LEVELS],
    {
      cwd: repoRoot,
      stdio: "inherit",
    },
  );
  if (result.status !== 0) {
    console.error(
      `Breaking change against the released contract ${released}: keep the old behaviour, or make it a new ` +
        "major version (README: Releasing the contract).",
    );
    process.exit(result.status ?? 1);
  }
  console.log("No breaking change against the released contract.");
}
