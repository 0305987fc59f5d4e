#!/usr/bin/env node
// The command-line entry (package.json "bin"; `npm start`, `npm run token|seed|migrate` call it). It loads
// the TypeScript sources through tsx registered in this very process: `serve` stays one node process,
// which receives SIGTERM / SIGINT itself (a tsx parent process would kill it on a slow hand-over).
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli.ts");
process.exitCode = await main(process.argv.slice(2));
