#!/usr/bin/env node
// The command-line entry (package.json "bin"; `npm start`, `npm run token|seed|migrate` call it). It runs the
// compiled dist/ (`npm run build`, which npm ci runs) when that build is newer than every file of src/, and
// otherwise the TypeScript sources through tsx registered in this very process. Either way `serve` stays one
// node process, which receives SIGTERM / SIGINT itself (a tsx parent process would kill it on a slow hand-over).
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

function newestChange(directory) {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const file = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(file) : statSync(file).mtimeMs);
  }
  return newest;
}

function builtAt() {
  try {
    return statSync(path.join(root, "dist", "BUILT")).mtimeMs;
  } catch {
    return -1;
  }
}

let main;
if (builtAt() > newestChange(path.join(root, "src"))) {
  ({ main } = await import("../dist/src/cli.js"));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../src/cli.ts"));
}
process.exitCode = await main(process.argv.slice(2));
