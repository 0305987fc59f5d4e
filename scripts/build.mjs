// npm run build (npm ci and npm pack run it too): into dist/, what the package ships and scripts/cli.mjs runs —
//   dist/src/              src/ compiled by tsc with .d.ts (tsconfig.build.json), the SQL migrations beside
//                          their stores; the package's "." and its bin
//   dist/generated/        generated/types.ts ("./types") and generated/client ("./client", tsconfig.client.json)
//   dist/openapi.json      the contract the server runs from (src/spec.ts's SPEC_PATH) as JSON ("./openapi.json")
//   dist/BUILT             every file of src/ (path, size, modification time) as it was when the build began.
// scripts/cli.mjs runs dist/ only while src/ still matches that list, and src/ through tsx otherwise; compiled,
// the service is ready about 0.2 s sooner.
import { execFileSync } from "node:child_process";
import { cpSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { sourceManifest } from "./source-manifest.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = path.join(root, "dist");
// Built beside dist/ and swapped in at the end, so that nothing ever runs a half-written dist/.
const staging = path.join(root, `dist.building-${process.pid}`);

const manifest = sourceManifest(path.join(root, "src"));
try {
  for (const project of ["tsconfig.build.json", "tsconfig.client.json"]) {
    execFileSync(
      process.execPath,
      [path.join(root, "node_modules/typescript/bin/tsc"), "-p", project, "--outDir", staging],
      { cwd: root, stdio: "inherit" },
    );
  }
  cpSync(path.join(root, "src"), path.join(staging, "src"), {
    recursive: true,
    filter: (source) => !source.endsWith(".ts"),
  });
  // The compiled spec module reads the contract exactly as the server will: one place says which file it is.
  const { loadSpec } = await import(pathToFileURL(path.join(staging, "src", "spec.js")).href);
  writeFileSync(path.join(staging, "openapi.json"), `${JSON.stringify(loadSpec(), null, 2)}\n`);
  writeFileSync(path.join(staging, "BUILT"), manifest);
  rmSync(dist, { recursive: true, force: true });
  renameSync(staging, dist);
} finally {
  rmSync(staging, { recursive: true, force: true });
}
