// The environment the service reads, declared once: each variable's name, type, default and description.
// config.ts reads exactly these (test/environment.test.ts checks it), the README's configuration table is
// these rows (checked both ways), `serve --help` lists them, and scripts/server/start-server.ts gives a child
// process exactly the ones it is told to (the shell's own values of these never leak in).

interface Declared {
  /** The README's meaning column (Markdown). */
  description: string;
  /** The README's default column, where the default is not one fixed value (computed at start, or none). */
  defaultText?: string;
}

export type Variable =
  | (Declared & { type: "string" | "path" | "url"; default?: string })
  | (Declared & { type: "integer" | "number"; default: number; min: number; max: number })
  | (Declared & { type: "choice"; choices: readonly string[]; default?: string })
  | (Declared & { type: "list"; choices?: readonly number[]; default?: readonly (string | number)[] });

export const ENVIRONMENT = {
  HOST: { type: "string", default: "127.0.0.1", description: "interface to listen on" },
  PORT: { type: "integer", default: 3000, min: 0, max: 65535, description: "port (0: any free port)" },
  DATA_DIR: { type: "path", default: "./data", description: "where the default database file and signing key live" },
  DATABASE_URL: {
    type: "string",
    defaultText: "`sqlite:$DATA_DIR/graph.db`",
    description: "the store: `sqlite:<file>`, `sqlite::memory:` or `postgres://user:password@host:port/db`",
  },
  DATABASE_POOL_SIZE: {
    type: "integer",
    default: 10,
    min: 1,
    max: 1000,
    description: "PostgreSQL connections per instance",
  },
  DATABASE_SCHEMA: {
    type: "string",
    default: "public",
    description: "PostgreSQL schema holding the tables (created if missing)",
  },
  SQLITE_SYNCHRONOUS: {
    type: "choice",
    choices: ["full", "normal"],
    default: "full",
    description:
      "`full`: every acknowledged write is synced to disk and survives a power cut. `normal`: synced at WAL checkpoints; an acknowledged write survives a crash of the process (SIGKILL, OOM), not of the machine, and creates run about 1.4–1.5 × as fast (see Performance)",
  },
  LOG_LEVEL: {
    type: "choice",
    choices: ["fatal", "error", "warn", "info", "debug", "trace", "silent"],
    default: "info",
    description: "`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`",
  },
  LOG_FORMAT: {
    type: "choice",
    choices: ["json", "pretty"],
    defaultText: "`pretty` on a terminal, else `json`",
    description: "`json`: one JSON object a line; `pretty`: readable lines",
  },
  TLS_CERT: {
    type: "path",
    description: "PEM certificate (chain allowed) to serve HTTPS with; needs `TLS_KEY`",
  },
  TLS_KEY: {
    type: "path",
    description: "PEM private key (unencrypted) of `TLS_CERT`; checked to match it at start",
  },
  BODY_LIMIT: {
    type: "integer",
    default: 1024 * 1024,
    min: 1024,
    max: 100 * 1024 * 1024,
    description: "largest request body in bytes; larger → 413",
  },
  HEADERS_TIMEOUT_MS: {
    type: "integer",
    default: 10_000,
    min: 100,
    max: 600_000,
    description:
      "time a client has to send the request line and headers; later → 408 and the connection is closed (slow loris)",
  },
  REQUEST_TIMEOUT_MS: {
    type: "integer",
    default: 30_000,
    min: 100,
    max: 3_600_000,
    description: "time a client has to send the whole request, body included; later → 408",
  },
  THROTTLE: {
    type: "choice",
    choices: ["off", "intune"],
    default: "off",
    description: "`intune`: Intune's request limits per application and tenant, answered with 429 (see below)",
  },
  FAULT_RATE: {
    type: "number",
    default: 0,
    min: 0,
    max: 1,
    description: "share of `/beta` requests (0 to 1) answered with an injected fault (see below)",
  },
  FAULT_STATUSES: {
    type: "list",
    choices: [429, 503, 504],
    default: [429, 503, 504],
    description: "the faults to inject, picked at random among these",
  },
  PUBLIC_BASE_URL: {
    type: "url",
    defaultText: "the origin the client called",
    description: "origin used in `@odata.context`, e.g. behind a proxy",
  },
  AUTH_SIGNING_KEY_PATH: {
    type: "path",
    defaultText: "`$DATA_DIR/signing-key.pem`",
    description: "local mode's RS256 private key (PKCS#8 PEM)",
  },
  AUTH_AUDIENCES: {
    type: "list",
    default: ["https://graph.microsoft.com", "00000003-0000-0000-c000-000000000000"],
    description: "accepted `aud` values (comma-separated); required in issuer mode",
  },
  AUTH_CLOCK_SKEW_SECONDS: {
    type: "integer",
    default: 60,
    min: 0,
    max: 600,
    description: "tolerance for `exp` and `nbf`",
  },
  AUTH_JWKS_URI: { type: "url", description: "issuer mode: the issuer's JWKS URL" },
  AUTH_ISSUER: { type: "list", description: "issuer mode: accepted `iss` values (comma-separated)" },
} as const satisfies Record<string, Variable>;

export type VariableName = keyof typeof ENVIRONMENT;

export const VARIABLE_NAMES = Object.keys(ENVIRONMENT) as VariableName[];

export function isVariableName(name: string): name is VariableName {
  return Object.hasOwn(ENVIRONMENT, name);
}

/** The README's default column for a variable: its fixed default in backticks, its defaultText, or "unset". */
export function documentedDefault(name: VariableName): string {
  const variable: Variable = ENVIRONMENT[name];
  if (variable.defaultText !== undefined) return variable.defaultText;
  if (variable.default === undefined) return "unset";
  return `\`${Array.isArray(variable.default) ? variable.default.join(",") : String(variable.default)}\``;
}

/** The variable's row of the README's configuration table. */
export function documentationRow(name: VariableName): string {
  return `| \`${name}\` | ${documentedDefault(name)} | ${ENVIRONMENT[name].description} |`;
}
