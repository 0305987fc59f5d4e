// npm run build (npm ci runs it too): src/ compiled by tsc into dist/src/, with the SQL migrations beside
// their stores, then dist/BUILT stamped. scripts/cli.mjs runs dist/ when the stamp is newer than every file
// of src/, and src/ through tsx otherwise; compiled, the service is ready about 0.2 s sooner.
import { execFileSync } from "node:child_process";
import { cpSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = path.join(root, "dist");

rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
  cwd: root,
  stdio: "inherit",
});
cpSync(path.join(root, "src"), path.join(dist, "src"), {
  recursive: true,
  filter: (source) => !source.endsWith(".ts"),
});
writeFileSync(path.join(dist, "BUILT"), `${new Date().toISOString()}\n`);
