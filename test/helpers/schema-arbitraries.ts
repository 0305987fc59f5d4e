// fast-check arbitraries read from the spec's request schemas: valid bodies (every constraint the schema states
// is kept) and invalid ones (a valid body with exactly one constraint broken). The schemas are the contract's,
// dereferenced, so a constraint added to the spec is generated and tested without touching this file.
import fc from "fast-check";

export interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  readOnly?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean;
  required?: string[];
}

type Body = Record<string, unknown>;

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const DATES = { min: new Date("0001-01-01T00:00:00.000Z"), max: new Date("9999-12-31T23:59:59.999Z") };

/** Text the spec's pattern allows (any code point but U+0000 and surrogates), now and then a nasty one. */
function text(minLength: number, maxLength: number): fc.Arbitrary<string> {
  const any = fc.string({ unit: "binary", minLength, maxLength }).filter((s) => !s.includes("\u0000"));
  const nasty = fc
    .constantFrom("'", "''", "' OR '1'='1", "%_\\", '"; DROP TABLE x; --', "😀𝄞", "\u200b\u00a0\t\n", "a/b?c#d")
    .filter((s) => [...s].length >= minLength && [...s].length <= maxLength);
  return fc.oneof({ weight: 4, arbitrary: any }, { weight: 1, arbitrary: nasty });
}

/** A value the schema accepts. Dates come as toISOString() text, the one form the server answers. */
export function validValue(schema: Schema): fc.Arbitrary<unknown> {
  let value: fc.Arbitrary<unknown>;
  if (schema.enum) value = fc.constantFrom(...schema.enum);
  else if (schema.type === "integer") {
    value = fc.integer({ min: schema.minimum ?? INT32.min, max: schema.maximum ?? INT32.max });
  } else if (schema.type === "boolean") value = fc.boolean();
  else if (schema.type === "string" && schema.format === "date-time") {
    value = fc.date({ ...DATES, noInvalidDate: true }).map((date) => date.toISOString());
  } else if (schema.type === "string") value = text(schema.minLength ?? 0, schema.maxLength ?? 200);
  else if (schema.type === "object") value = validBody(schema);
  else throw new Error(`no arbitrary for the schema ${JSON.stringify(schema)}`);
  return schema.nullable ? fc.oneof(fc.constant(null), value) : value;
}

/** The properties a client may send: every declared one but the read-only ones. */
export function writableProperties(schema: Schema): [string, Schema][] {
  return Object.entries(schema.properties ?? {}).filter(([, property]) => !property.readOnly);
}

/** A body the schema accepts: any subset of the writable properties (the required ones always). */
export function validBody(schema: Schema): fc.Arbitrary<Body> {
  const properties = writableProperties(schema);
  return fc.record(Object.fromEntries(properties.map(([name, property]) => [name, validValue(property)])), {
    requiredKeys: (schema.required ?? []).filter((name) => properties.some(([n]) => n === name)),
  }) as fc.Arbitrary<Body>;
}

/** Values that break the schema of one property, each with what it breaks. */
function invalidValues(schema: Schema): fc.Arbitrary<unknown>[] {
  const wrongType = (...types: string[]) =>
    fc.oneof(
      ...types.map((type) => {
        switch (type) {
          case "string":
            return fc.string({ maxLength: 10 });
          case "number":
            return fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n));
          case "integer":
            return fc.integer();
          case "boolean":
            return fc.boolean();
          case "array":
            return fc.array(fc.integer(), { maxLength: 3 });
          default:
            return fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.integer(), { maxKeys: 3 });
        }
      }),
    );
  const broken: fc.Arbitrary<unknown>[] = [];
  if (!schema.nullable) broken.push(fc.constant(null));
  if (schema.enum) {
    broken.push(fc.string({ maxLength: 20 }).filter((s) => !schema.enum?.includes(s)));
    broken.push(wrongType("integer", "boolean", "array", "object"));
  } else if (schema.type === "integer") {
    broken.push(wrongType("string", "number", "boolean", "array", "object"));
    broken.push(fc.integer({ min: (schema.maximum ?? INT32.max) + 1, max: Number.MAX_SAFE_INTEGER }));
    broken.push(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: (schema.minimum ?? INT32.min) - 1 }));
  } else if (schema.type === "boolean") {
    broken.push(wrongType("string", "integer", "array", "object"));
  } else if (schema.type === "string" && schema.format === "date-time") {
    broken.push(wrongType("integer", "boolean", "array", "object"));
    broken.push(
      fc.constantFrom("", "yesterday", "2024-13-01T00:00:00Z", "2024-02-30T00:00:00Z", "0000-06-01T00:00:00Z"),
    );
  } else if (schema.type === "string") {
    broken.push(wrongType("integer", "number", "boolean", "array", "object"));
    if (schema.maxLength !== undefined) {
      const max = schema.maxLength;
      broken.push(fc.integer({ min: max + 1, max: max + 40 }).map((n) => "x".repeat(n)));
    }
    if (schema.minLength) broken.push(fc.constant(""));
    if (schema.pattern) {
      // NUL, or a surrogate without its partner, somewhere in otherwise good text.
      broken.push(
        fc
          .tuple(
            fc.string({ maxLength: 5 }),
            fc.constantFrom("\u0000", "\ud800", "\udfff"),
            fc.string({ maxLength: 5 }),
          )
          .map(([a, bad, b]) => `${a}${bad}${b}`),
      );
    }
  }
  return broken;
}

/** A body the schema refuses: a valid body with one property broken, one unknown property added, or no object at
 * all. */
export function invalidBody(schema: Schema): fc.Arbitrary<unknown> {
  const properties = writableProperties(schema);
  const names = new Set(Object.keys(schema.properties ?? {}));
  const oneBroken = fc
    .constantFrom(...properties)
    .chain(([name, property]) =>
      fc
        .tuple(validBody(schema), fc.oneof(...invalidValues(property)))
        .map(([body, bad]) => ({ ...body, [name]: bad })),
    );
  const unknownProperty = fc
    .tuple(
      validBody(schema),
      fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.constantFrom("constructor", "prototype", "toString")),
      fc.jsonValue({ maxDepth: 2 }),
    )
    .filter(([, name]) => !names.has(name))
    .map(([body, name, value]) => {
      const copy: Body = { ...body };
      Object.defineProperty(copy, name, { value, enumerable: true, writable: true, configurable: true });
      return copy;
    });
  const notAnObject = fc.oneof(
    fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
    fc.string({ maxLength: 10 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
  );
  return fc.oneof({ weight: 4, arbitrary: oneBroken }, { weight: 2, arbitrary: unknownProperty }, notAnObject);
}
