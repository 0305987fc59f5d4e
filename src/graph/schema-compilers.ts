// Request validation compiled from the spec by our own Ajv instances, because fastify's defaults
// would bend the contract: they strip unknown properties (we must answer 400) and coerce body
// values ("4" is not an Int32). Path, query and header values arrive as text, so only they coerce.
import { Ajv, type ValidateFunction } from "ajv";
import ajvFormats from "ajv-formats";
import fastJsonStringify from "fast-json-stringify";
import type { FastifySchemaCompiler, FastifySerializerCompiler } from "fastify";

/** The spec's pattern for every text property and parameter: no U+0000, which PostgreSQL cannot store. */
export const TEXT_PATTERN = "^[^\\u0000]*$";
/**
 * What the server enforces where the spec says TEXT_PATTERN: no unpaired surrogate either (JSON can carry
 * one as a \ud800 escape; UTF-8 cannot encode it). The spec states this in words: its regex dialect would have
 * to name surrogate code points, which the Rust and Python regex engines of tools such as Schemathesis refuse.
 */
export const STORABLE_TEXT_PATTERN = "^[^\\u0000\\uD800-\\uDFFF]*$";

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const DATE_TIME_RANGE = { min: Date.parse("0001-01-01T00:00:00Z"), max: Date.parse("9999-12-31T23:59:59.999Z") };

function makeAjv(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({
    strict: false, // OpenAPI keywords (example, readOnly, x-…) are not JSON Schema
    allErrors: false, // Graph reports the first problem
    coerceTypes,
    removeAdditional: false,
    useDefaults: false,
    discriminator: true,
    verbose: true, // the error handler quotes the offending value and names the expected type
  });
  ajvFormats.default(ajv);
  ajv.addFormat("int32", {
    type: "number",
    validate: (n: number) => Number.isInteger(n) && n >= INT32.min && n <= INT32.max,
  });
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isSafeInteger(n) });
  // RFC 3339 (ajv-formats), within .NET DateTimeOffset's range once in UTC: PostgreSQL has no year 0000,
  // and an instant past 9999 has no four-digit year to order by.
  const rfc3339 = ajv.formats["date-time"] as { validate: (text: string) => boolean };
  ajv.addFormat("date-time", {
    type: "string",
    validate: (text: string) => {
      if (!rfc3339.validate(text)) return false;
      const instant = Date.parse(text);
      return instant >= DATE_TIME_RANGE.min && instant <= DATE_TIME_RANGE.max;
    },
  });
  return ajv;
}

/**
 * The spec's schema as our Ajv compiles it: without discriminator `mapping`s (Ajv takes none; each oneOf branch
 * already pins its `@odata.type`), and with TEXT_PATTERN made STORABLE_TEXT_PATTERN.
 */
function forAjv(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(forAjv);
  if (schema === null || typeof schema !== "object") return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "discriminator" && value && typeof value === "object") {
      const { mapping: _mapping, ...rest } = value as Record<string, unknown>;
      copy[key] = rest;
    } else if (key === "pattern" && value === TEXT_PATTERN) {
      copy[key] = STORABLE_TEXT_PATTERN;
    } else {
      copy[key] = forAjv(value);
    }
  }
  return copy;
}

export function createValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const bodyAjv = makeAjv(false);
  const textAjv = makeAjv(true);
  // Many operations share a schema (the same body, the same query options): each is compiled once.
  const compiled = new Map<string, ValidateFunction>();
  return ({ schema, httpPart }) => {
    const coerced = httpPart !== "body";
    const key = `${coerced}:${JSON.stringify(schema)}`;
    let validate = compiled.get(key);
    if (!validate) {
      validate = (coerced ? textAjv : bodyAjv).compile(forAjv(schema) as object);
      compiled.set(key, validate);
    }
    return validate as ReturnType<FastifySchemaCompiler<unknown>>;
  };
}

/**
 * Response serialisation as fastify's default compiles it (fast-json-stringify, no shared schemas), but each
 * distinct schema compiled once: every operation answers its errors with the same error schema, and the
 * collections share their entity schemas. Compiling per route and status was most of the start-up time.
 */
export function createSerializerCompiler(): FastifySerializerCompiler<unknown> {
  const compiled = new Map<string, (data: unknown) => string>();
  return ({ schema }) => {
    const key = JSON.stringify(schema);
    let serialize = compiled.get(key);
    if (!serialize) {
      serialize = fastJsonStringify(schema as Parameters<typeof fastJsonStringify>[0]) as (data: unknown) => string;
      compiled.set(key, serialize);
    }
    return serialize;
  };
}
