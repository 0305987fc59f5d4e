// The benchmark's output: Markdown tables (so that the README can quote them verbatim) of the measurements,
// the other figures, and the issue's targets with whether each is met. Information only: nothing here fails.
import type { Measurement } from "./load.ts";

export interface LoadRow {
  operation: string;
  server: string;
  measurement: Measurement;
  /** The baseline's requests per second for the same operation, when there is one. */
  baselineRps?: number | undefined;
  /** p99 of the reference list page (first page of the 1,000-item app), for list rows. */
  referenceP99Ms?: number | undefined;
}

export interface Target {
  goal: string;
  figure: string;
  /** undefined: not measured in this run. */
  met: boolean | undefined;
}

const integer = (value: number) => Math.round(value).toLocaleString("en-US");
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : "—");
export const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : "—");

export function loadTable(rows: LoadRow[]): string {
  const lines = [
    "| operation | server | req/s | p50 ms | p99 ms | req/s × baseline | p99 × 1k-app first page | non-2xx |",
    "|---|---|---:|---:|---:|---:|---:|---:|",
  ];
  let previous = "";
  for (const row of rows) {
    const m = row.measurement;
    const non2xx = m.non2xx + m.errors === 0 ? "0" : `${m.non2xx}${m.errors ? ` (+${m.errors} errors)` : ""}`;
    lines.push(
      `| ${row.operation === previous ? "" : row.operation} | ${row.server} | ${integer(m.requestsPerSecond)} | ` +
        `${ms(m.p50Ms)} | ${ms(m.p99Ms)} | ${row.baselineRps ? times(m.requestsPerSecond / row.baselineRps) : "—"} | ` +
        `${row.referenceP99Ms ? times(m.p99Ms / row.referenceP99Ms) : "—"} | ${non2xx} |`,
    );
    previous = row.operation;
  }
  return lines.join("\n");
}

export function factsTable(facts: Array<[string, string]>): string {
  return ["| figure | value |", "|---|---|", ...facts.map(([name, value]) => `| ${name} | ${value} |`)].join("\n");
}

export function targetsTable(targets: Target[]): string {
  const verdict = (met: boolean | undefined) => (met === undefined ? "not measured" : met ? "met" : "**missed**");
  return [
    "| target | measured | |",
    "|---|---|---|",
    ...targets.map((target) => `| ${target.goal} | ${target.figure} | ${verdict(target.met)} |`),
  ].join("\n");
}

export const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
export const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(2)} s`;
export { integer, ms };
