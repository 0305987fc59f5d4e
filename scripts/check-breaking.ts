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
export function compareVersions(a: string, b: string): number {
  const x = a.split(".").map(Number);
  const y = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    const difference = (x[i] ?? 0) - (y[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The released versions, oldest first. */
export function releases(): string[] {
  const versions = readdirSync(path.join(repoRoot, RELEASED_DIR))
    .map((file) => /^(\d+\.\d+\.\d+)\.json$/.exec(file)?.[1])
    .filter((version): version is string => version !== undefined)
    .sort(compareVersions);
  if (versions.length === 0) throw new Error(`no released contract (<major>.<minor>.<patch>.json) in ${RELEASED_DIR}/`);
  return versions;
}

/** Whether going from `from` to `to` may break clients under semver: a new major, or a new minor while major is 0. */
export function allowsBreaking(from: string, to: string): boolean {
  const [fromMajor, fromMinor] = from.split(".").map(Number);
  const [toMajor, toMinor] = to.split(".").map(Number);
  if (toMajor !== fromMajor) return (toMajor ?? 0) > (fromMajor ?? 0);
  return toMajor === 0 && (toMinor ?? 0) > (fromMinor ?? 0);
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

  const breaking = (from: string, to: string, output: "inherit" | "ignore") =>
    spawnSync(oasdiff, ["breaking", from, to, "--fail-on", "ERR", "--severity-levels", SEVERITY_LEVELS], {
      cwd: repoRoot,
      stdio: ["ignore", output, output],
    }).status !== 0;
  const released = (version: string) => path.join(RELEASED_DIR, `${version}.json`);
  const versions = releases();

  // Each released file is the version it is named after, and a release that broke its predecessor had a
  // version that allows it: copying a breaking contract into released/ under a patch number does not pass.
  let bad = false;
  for (const [index, version] of versions.entries()) {
    const document: { info: { version: string } } = JSON.parse(
      readFileSync(path.join(repoRoot, released(version)), "utf8"),
    );
    if (document.info.version !== version) {
      console.error(`${released(version)} says info.version ${document.info.version}`);
      bad = true;
    }
    const previous = versions[index - 1];
    if (previous && !allowsBreaking(previous, version) && breaking(released(previous), released(version), "ignore")) {
      console.error(
        `${released(version)} breaks ${released(previous)}, which semver allows only in a new major version:`,
      );
      breaking(released(previous), released(version), "inherit");
      bad = true;
    }
  }
  if (bad) process.exit(1);

  const latest = released(versions.at(-1) as string);
  const current: { info: { version: string } } = JSON.parse(readFileSync(path.join(repoRoot, BUNDLE), "utf8"));
  if (compareVersions(current.info.version, versions.at(-1) as string) < 0) {
    console.error(`info.version ${current.info.version} is older than the last release, ${versions.at(-1)}`);
    process.exit(1);
  }
  console.log(`oasdiff (pinned ${pinned}): ${latest} → ${BUNDLE} (info.version ${current.info.version})`);
  if (breaking(latest, BUNDLE, "inherit")) {
    console.error(
      `Breaking change against the released contract ${latest}: keep the old behaviour, or release a new ` +
        "major version (README: Releasing the contract).",
    );
    process.exit(1);
  }
  console.log("No breaking change against the released contract.");
}
