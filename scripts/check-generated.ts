// Fails when the bundled contract or generated/ differs from what the contract's sources give now (a hand
// edit, or a change under openapi/ without `npm run generate`).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BUNDLE, generate, SOURCE_ROOT } from "./generate.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const scratch = mkdtempSync(path.join(tmpdir(), "generated-check-"));
try {
  await generate(scratch);
  let stale = false;
  for (const derived of [BUNDLE, "generated"]) {
    try {
      execFileSync("diff", ["-r", path.join(repoRoot, derived), path.join(scratch, derived)], { stdio: "inherit" });
    } catch {
      console.error(`${derived} is out of date with ${SOURCE_ROOT} and the files it refers to.`);
      stale = true;
    }
  }
  if (stale) {
    console.error("Run `npm run generate` and commit the result.");
    process.exit(1);
  }
  console.log(`${BUNDLE} and generated/ match ${SOURCE_ROOT}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
