// Fails when generated/ differs from what the contract generates now (a hand edit, or a spec change
// without `npm run generate`).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "./generate.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const scratch = mkdtempSync(path.join(tmpdir(), "generated-check-"));
try {
  await generate(scratch);
  try {
    execFileSync("diff", ["-r", path.join(repoRoot, "generated"), path.join(scratch, "generated")], {
      stdio: "inherit",
    });
  } catch {
    console.error("generated/ is out of date with openapi/openapi.yaml: run `npm run generate` and commit the result.");
    process.exit(1);
  }
  console.log("generated/ matches openapi/openapi.yaml");
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
