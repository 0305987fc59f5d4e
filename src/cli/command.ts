// What every subcommand shares: its help text, option parsing that turns mistakes into a UsageError
// (exit 2 with the command's usage), and the program name the help shows.

/** The bin name in package.json. */
export const PROGRAM = "graph-intune";

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The full help: usage lines, description, options. */
  help: string;
  /** Resolves with the exit code (`serve` resolves once listening and keeps the process running). */
  run(args: string[]): Promise<number>;
}

/** A mistake in the command line: reported with the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The option every command takes. */
export const HELP_OPTION = { type: "boolean", short: "h" } as const;

/** Runs node:util parseArgs (call it with `strict: true`), turning its refusals into UsageErrors. */
export function parseCommandLine<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) throw new UsageError((error as Error).message);
    throw error;
  }
}

/** A whole number option within [min, max], or the fallback when absent. */
export function integerOption(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got '${raw}'.`);
  }
  return Number(raw);
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A GUID option (tenant ids and the like), lower-cased as Entra writes them; the fallback when absent. */
export function guidOption<T extends string | undefined>(
  name: string,
  raw: string | undefined,
  fallback: T,
): string | T {
  if (raw === undefined) return fallback;
  if (!GUID.test(raw)) throw new UsageError(`--${name} must be a GUID, got '${raw}'.`);
  return raw.toLowerCase();
}
