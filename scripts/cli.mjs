#!/usr/bin/env node
// The command-line entry (package.json "bin"; `npm start`, `npm run token|seed|migrate` call it). It runs the
// compiled dist/ (`npm run build`, which npm ci runs) while src/ is exactly as it was built, and otherwise the
// TypeScript sources through tsx registered in this very process. An installed package (npm pack) has dist/
// and no src/ (nor tsx, a devDependency): it always runs dist/. Either way `serve` stays one node process,
// which receives SIGTERM / SIGINT itself (a tsx parent process would kill it on a slow hand-over).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sourceManifest } from "./source-manifest.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

function builtFromCurrentSources() {
  try {
    return readFileSync(path.join(root, "dist", "BUILT"), "utf8") === sourceManifest(path.join(root, "src"));
  } catch {
    return false;
  }
}

let main;
if (!existsSync(path.join(root, "src")) || builtFromCurrentSources()) {
  ({ main } = await import("../dist/src/cli.js"));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../src/cli.ts"));
}
process.exitCode = await main(process.argv.slice(2));
