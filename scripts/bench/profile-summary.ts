// npx tsx scripts/bench/profile-summary.ts <file.cpuprofile> [--top N] [--from SECONDS]
// What dominates a V8 CPU profile (from `npm run bench -- --cpu-prof DIR`): self time by package or area
// of the service, then the functions with the most self time. Idle time is left out of the percentages;
// --from leaves out the first seconds too (start-up and warm-up), to see the steady state under load.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** node_modules/<package>, src/<area>, node's internals, or V8's own (GC, program). */
function areaOf(url: string, functionName: string): string {
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage) return inPackage[1] as string;
  const inRepo = /\/(src|scripts)\/(.+?)(?:\/[^/]+)?$/.exec(url);
  if (inRepo) return `${inRepo[1]}/${inRepo[2]}`;
  if (url.startsWith("node:")) return url.replace(/^node:(internal\/)?([^/]+).*$/, "node:$2");
  return url;
}

const { values, positionals } = parseArgs({
  options: { top: { type: "string" }, from: { type: "string" } },
  allowPositionals: true,
});
const file = positionals[0];
if (!file) {
  console.error("Usage: npx tsx scripts/bench/profile-summary.ts <file.cpuprofile> [--top N] [--from SECONDS]");
  process.exit(2);
}
const top = Number(values.top ?? 25);
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));

const fromMicros = Number(values.from ?? 0) * 1e6;
const selfMicros = new Map<number, number>();
let elapsed = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  elapsed += delta;
  if (elapsed >= fromMicros) selfMicros.set(id, (selfMicros.get(id) ?? 0) + delta);
});

const byArea = new Map<string, number>();
const byFunction = new Map<string, number>();
let busy = 0;
for (const [id, micros] of selfMicros) {
  const { functionName, url, lineNumber } = (nodes.get(id) as ProfileNode).callFrame;
  if (functionName === "(idle)") continue;
  busy += micros;
  const area = areaOf(url, functionName);
  byArea.set(area, (byArea.get(area) ?? 0) + micros);
  const where = url
    ? `${url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(src|scripts)\//, "$1/")}:${lineNumber + 1}`
    : "";
  const key = `${functionName || "(anonymous)"} ${where}`.trim();
  byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
}

const total = Math.max(0, profile.timeDeltas.reduce((sum, delta) => sum + delta, 0) - fromMicros);
const print = (title: string, entries: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, micros] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(
      `${((micros / busy) * 100).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${name}`,
    );
  }
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s profiled, ${(busy / 1e6).toFixed(1)} s busy (not idle)`);
print("self time by area", byArea);
print("self time by function", byFunction);
