// Every file under a directory as "path<TAB>size<TAB>mtime" lines, sorted: the build records it in dist/BUILT,
// and the CLI compares it with src/ as it is now. Any difference (an edit, a new, removed or renamed file)
// means dist/ is stale.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

export function sourceManifest(directory) {
  const lines = [];
  const walk = (current) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const file = path.join(current, entry.name);
      if (entry.isDirectory()) {
        walk(file);
        continue;
      }
      const stats = statSync(file, { throwIfNoEntry: false });
      lines.push(`${path.relative(directory, file)}\t${stats?.size ?? "missing"}\t${stats?.mtimeMs ?? "missing"}`);
    }
  };
  walk(directory);
  return `${lines.sort().join("\n")}\n`;
}
