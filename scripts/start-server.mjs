#!/usr/bin/env node
// The shared startServer (scripts/server/start-server.ts) for shell scripts, e.g. the fuzzing's
// scripts/schemathesis.sh: the same readiness signal and environment handling as the tests, bench and soak.
// Plain JavaScript so that `node scripts/start-server.mjs` runs as is: it registers tsx, as scripts/cli.mjs does.
import { register } from "tsx/esm/api";

register();
const { main } = await import("./server/start-server-command.ts");
process.exitCode = await main(process.argv.slice(2));
