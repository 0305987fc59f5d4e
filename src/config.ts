// One typed, validated configuration, read from the environment once at start.
// A bad value throws a ConfigError that names the variable; the CLI turns it into a non-zero exit.
import { createPrivateKey, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ENVIRONMENT, type VariableName } from "./environment.ts";

export const GRAPH_AUDIENCES: readonly string[] = ENVIRONMENT.AUTH_AUDIENCES.default;

export type AuthConfig =
  | {
      mode: "local";
      /** PEM file holding the RS256 private key that signs and verifies local tokens. */
      signingKeyPath: string;
      audiences: string[];
      clockSkewSeconds: number;
    }
  | {
      mode: "issuer";
      jwksUri: URL;
      /** Accepted `iss` values. */
      issuers: string[];
      audiences: string[];
      clockSkewSeconds: number;
    };

export interface Config {
  host: string;
  port: number;
  databaseUrl: string;
  /** PostgreSQL only: connections per instance, and the schema holding the tables. */
  databasePoolSize: number;
  databaseSchema: string;
  /**
   * SQLite only: when a commit reaches the disk. `full` (the default): before the write is acknowledged, so it
   * survives a power cut. `normal`: the WAL is synced at checkpoints; an acknowledged write survives a crash of
   * the process, not of the machine, and creates run about 1.4–1.5 × as fast (npm run bench).
   */
  sqliteSynchronous: (typeof ENVIRONMENT.SQLITE_SYNCHRONOUS.choices)[number];
  logLevel: (typeof LOG_LEVELS)[number];
  bodyLimitBytes: number;
  /** Slow clients: the request line and headers must arrive within headersTimeoutMs, the whole request
   * within requestTimeoutMs, else 408 and the connection is closed. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /**
   * Origin used in `@odata.context` (and next links), e.g. the proxy's address. Unset: the origin the
   * client called (its Host header), as Graph does.
   */
  publicBaseUrl: string | undefined;
  /** `intune`: Intune's documented request limits per app and tenant, answered with 429 (off by default). */
  throttle: (typeof ENVIRONMENT.THROTTLE.choices)[number];
  /** Fault injection (off when rate is 0): that share of /beta requests is answered with one of the statuses. */
  faults: { rate: number; statuses: FaultStatus[] };
  auth: AuthConfig;
  /** `json`: one JSON object a line; `pretty`: readable lines (pino-pretty), the default on a terminal. */
  logFormat: (typeof LOG_FORMATS)[number];
  /** Serve HTTPS with this certificate (PEM, chain allowed) and key; unset: plain HTTP. */
  tls: TlsConfig | undefined;
}

export interface TlsConfig {
  certPath: string;
  keyPath: string;
  cert: Buffer;
  key: Buffer;
}

export const FAULT_STATUSES = ENVIRONMENT.FAULT_STATUSES.choices;
export type FaultStatus = (typeof FAULT_STATUSES)[number];

export class ConfigError extends Error {
  override name = "ConfigError";
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ENVIRONMENT.LOG_LEVEL.choices;
const LOG_FORMATS = ENVIRONMENT.LOG_FORMAT.choices;

/** The declared variables that hold whole numbers. */
type IntegerName = { [N in VariableName]: (typeof ENVIRONMENT)[N]["type"] extends "integer" ? N : never }[VariableName];

/** A declared whole number: its default when unset or empty, else a value within its declared range. */
function integer(env: Env, name: IntegerName): number {
  const { default: fallback, min, max } = ENVIRONMENT[name];
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got '${raw}'.`);
  }
  return Number(raw);
}

function url(name: string, raw: string): URL {
  try {
    const parsed = new URL(raw);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("not http(s)");
    return parsed;
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL, got '${raw}'.`);
  }
}

function list(raw: string | undefined): string[] {
  return (raw ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

function readPem(name: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new ConfigError(`${name} must name a readable PEM file, got '${file}' (${(error as Error).message}).`);
  }
}

/** TLS_CERT and TLS_KEY together, readable, parseable, and a matching pair. */
export function loadTlsConfig(env: Env): TlsConfig | undefined {
  const certPath = env.TLS_CERT;
  const keyPath = env.TLS_KEY;
  if (!certPath && !keyPath) return undefined;
  if (!certPath) throw new ConfigError("TLS_CERT is required when TLS_KEY is set (HTTPS needs both).");
  if (!keyPath) throw new ConfigError("TLS_KEY is required when TLS_CERT is set (HTTPS needs both).");
  const cert = readPem("TLS_CERT", certPath);
  const key = readPem("TLS_KEY", keyPath);
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(cert);
  } catch {
    throw new ConfigError(`TLS_CERT must hold a PEM certificate, got '${certPath}'.`);
  }
  let privateKey: ReturnType<typeof createPrivateKey>;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    throw new ConfigError(`TLS_KEY must hold an unencrypted PEM private key, got '${keyPath}'.`);
  }
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new ConfigError(`TLS_KEY '${keyPath}' is not the private key of the certificate in TLS_CERT '${certPath}'.`);
  }
  return { certPath: path.resolve(certPath), keyPath: path.resolve(keyPath), cert, key };
}

/** Where local state (the SQLite file, the local signing key) lives by default. */
export function dataDirectory(env: Env): string {
  return path.resolve(env.DATA_DIR || ENVIRONMENT.DATA_DIR.default);
}

export function loadAuthConfig(env: Env): AuthConfig {
  const audiences = env.AUTH_AUDIENCES ? list(env.AUTH_AUDIENCES) : [...GRAPH_AUDIENCES];
  if (audiences.length === 0) throw new ConfigError("AUTH_AUDIENCES must name at least one audience.");
  const clockSkewSeconds = integer(env, "AUTH_CLOCK_SKEW_SECONDS");
  if (env.AUTH_JWKS_URI) {
    const issuers = list(env.AUTH_ISSUER);
    if (issuers.length === 0) {
      throw new ConfigError("AUTH_ISSUER is required when AUTH_JWKS_URI is set (issuer mode).");
    }
    if (!env.AUTH_AUDIENCES) {
      throw new ConfigError("AUTH_AUDIENCES is required when AUTH_JWKS_URI is set (issuer mode).");
    }
    return { mode: "issuer", jwksUri: url("AUTH_JWKS_URI", env.AUTH_JWKS_URI), issuers, audiences, clockSkewSeconds };
  }
  if (env.AUTH_ISSUER) throw new ConfigError("AUTH_ISSUER needs AUTH_JWKS_URI (issuer mode).");
  const signingKeyPath = path.resolve(env.AUTH_SIGNING_KEY_PATH || path.join(dataDirectory(env), "signing-key.pem"));
  return { mode: "local", signingKeyPath, audiences, clockSkewSeconds };
}

/** `stdoutIsTTY` picks the default LOG_FORMAT: readable lines on a terminal, JSON otherwise. */
export function loadConfig(env: Env = process.env, stdoutIsTTY: boolean = process.stdout.isTTY === true): Config {
  const host = env.HOST || ENVIRONMENT.HOST.default;
  const port = integer(env, "PORT");

  const databaseUrl = env.DATABASE_URL || `sqlite:${path.join(dataDirectory(env), "graph.db")}`;
  if (!/^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(databaseUrl)) {
    throw new ConfigError(
      `DATABASE_URL must be 'sqlite:<file>', 'sqlite::memory:' or 'postgres://user:password@host:port/database', got '${databaseUrl}'.`,
    );
  }
  const databasePoolSize = integer(env, "DATABASE_POOL_SIZE");
  const databaseSchema = env.DATABASE_SCHEMA || ENVIRONMENT.DATABASE_SCHEMA.default;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(databaseSchema)) {
    throw new ConfigError(`DATABASE_SCHEMA must be a lower-case SQL identifier, got '${databaseSchema}'.`);
  }

  const sqliteSynchronous = (env.SQLITE_SYNCHRONOUS ||
    ENVIRONMENT.SQLITE_SYNCHRONOUS.default) as Config["sqliteSynchronous"];
  if (!ENVIRONMENT.SQLITE_SYNCHRONOUS.choices.includes(sqliteSynchronous)) {
    throw new ConfigError(`SQLITE_SYNCHRONOUS must be 'full' or 'normal', got '${env.SQLITE_SYNCHRONOUS}'.`);
  }

  const logLevel = (env.LOG_LEVEL || ENVIRONMENT.LOG_LEVEL.default) as Config["logLevel"];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got '${env.LOG_LEVEL}'.`);
  }

  const logFormat = (env.LOG_FORMAT || (stdoutIsTTY ? "pretty" : "json")) as Config["logFormat"];
  if (!LOG_FORMATS.includes(logFormat)) {
    throw new ConfigError(`LOG_FORMAT must be one of ${LOG_FORMATS.join(", ")}, got '${env.LOG_FORMAT}'.`);
  }

  const bodyLimitBytes = integer(env, "BODY_LIMIT");

  const headersTimeoutMs = integer(env, "HEADERS_TIMEOUT_MS");
  const requestTimeoutMs = integer(env, "REQUEST_TIMEOUT_MS");
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new ConfigError(
      `HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not be longer than REQUEST_TIMEOUT_MS (${requestTimeoutMs}).`,
    );
  }

  const throttle = (env.THROTTLE || ENVIRONMENT.THROTTLE.default) as Config["throttle"];
  if (!ENVIRONMENT.THROTTLE.choices.includes(throttle)) {
    throw new ConfigError(`THROTTLE must be 'off' or 'intune', got '${env.THROTTLE}'.`);
  }

  const { default: noFaults, min: minRate, max: maxRate } = ENVIRONMENT.FAULT_RATE;
  const faultRate = env.FAULT_RATE ? Number(env.FAULT_RATE) : noFaults;
  if (!/^(0|1|0?\.\d+|1\.0*)$/.test(env.FAULT_RATE || "0") || !(faultRate >= minRate && faultRate <= maxRate)) {
    throw new ConfigError(
      `FAULT_RATE must be a number from 0 to 1 (the share of requests to fail), got '${env.FAULT_RATE}'.`,
    );
  }
  const faultStatuses = list(env.FAULT_STATUSES || ENVIRONMENT.FAULT_STATUSES.default.join(",")).map(Number);
  if (faultStatuses.length === 0 || faultStatuses.some((status) => !FAULT_STATUSES.includes(status as FaultStatus))) {
    throw new ConfigError(
      `FAULT_STATUSES must be a comma-separated list of ${FAULT_STATUSES.join(", ")}, got '${env.FAULT_STATUSES}'.`,
    );
  }

  const publicBaseUrl = env.PUBLIC_BASE_URL
    ? url("PUBLIC_BASE_URL", env.PUBLIC_BASE_URL).toString().replace(/\/+$/, "")
    : undefined;

  return {
    host,
    port,
    databaseUrl,
    databasePoolSize,
    databaseSchema,
    sqliteSynchronous,
    logLevel,
    logFormat,
    bodyLimitBytes,
    headersTimeoutMs,
    requestTimeoutMs,
    publicBaseUrl,
    throttle,
    faults: { rate: faultRate, statuses: [...new Set(faultStatuses)] as FaultStatus[] },
    auth: loadAuthConfig(env),
    tls: loadTlsConfig(env),
  };
}
