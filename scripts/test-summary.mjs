#!/usr/bin/env node
// Prints the one closing line CI is read by: `tests: N passed, N failed, N skipped`, the counts of the whole
// run — vitest's JSON reports (*.json: the main run, the Node 24 run) plus any JUnit reports (Schemathesis).
// Exits 1 when anything failed or when no test ran at all, so a run that executed nothing can never pass.
//
//   node scripts/test-summary.mjs test-output/vitest.json [more vitest .json ...] [junit-*.xml ...]
import { readFileSync } from "node:fs";

const USAGE = `Usage: node scripts/test-summary.mjs VITEST_JSON [VITEST_JSON ...] [JUNIT_XML ...]
Prints \`tests: N passed, N failed, N skipped\` for vitest's JSON reports plus the JUnit reports; exits 1
when anything failed or no test ran.
  -h, --help  show this help`;

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  console.log(USAGE);
  process.exit(0);
}
const unknown = args.find((arg) => arg.startsWith("-"));
const vitestReports = args.filter((arg) => arg.endsWith(".json"));
const junitReports = args.filter((arg) => !arg.endsWith(".json"));
if (unknown !== undefined || vitestReports.length === 0) {
  console.error(
    `${unknown === undefined ? "A vitest report is required." : `Unknown option '${unknown}'.`}\n\n${USAGE}`,
  );
  process.exit(2);
}

let passed = 0;
let failed = 0;
let skipped = 0;

for (const vitestReport of vitestReports) {
  let vitest;
  try {
    vitest = JSON.parse(readFileSync(vitestReport, "utf8"));
  } catch (error) {
    // vitest died before writing its report: that is a failed run, and still counts in the closing line.
    console.error(`no vitest report at ${vitestReport}: ${error.message}`);
    failed += 1;
    continue;
  }
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skipped += vitest.numPendingTests + vitest.numTodoTests;
  // A test file that failed to load reports no tests at all: it counts as one failure.
  for (const file of vitest.testResults) {
    if (file.status === "failed" && file.assertionResults.length === 0) failed += 1;
  }
}

for (const path of junitReports) {
  const xml = readFileSync(path, "utf8");
  for (const [, attributes] of xml.matchAll(/<testsuite\b([^>]*)>/g)) {
    const count = (name) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(attributes)?.[1] ?? 0);
    const suiteFailed = count("failures") + count("errors");
    const suiteSkipped = count("skipped");
    passed += count("tests") - suiteFailed - suiteSkipped;
    failed += suiteFailed;
    skipped += suiteSkipped;
  }
}

console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
