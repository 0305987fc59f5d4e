// Maps a JSON-schema validation failure (Ajv, compiled from the spec) to Graph's wording:
// the property it is about, the OData type it expected, the literal it could not take.
import type { FastifySchemaValidationError } from "fastify";
import { STORABLE_TEXT_PATTERN } from "../schema-compilers.ts";
import { GraphError } from "./error-catalogue.ts";

type SchemaNode = {
  type?: string;
  format?: string;
  title?: string;
  enum?: unknown[];
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  properties?: Record<string, SchemaNode>;
};

/** An Ajv error with the `verbose` extras (the failing data and the schema around it). */
type VerboseError = FastifySchemaValidationError & { data?: unknown; parentSchema?: SchemaNode };

/** The OData name of an object schema: from its own `@odata.type`, else its title. */
function typeNameOf(schema: SchemaNode | undefined): string {
  const odataType = schema?.properties?.["@odata.type"]?.enum?.[0];
  if (typeof odataType === "string") return odataType.replace(/^#/, "");
  return schema?.title ?? "object";
}

function edmTypeOf(schema: SchemaNode | undefined): string {
  switch (schema?.type) {
    case "integer":
      return schema.format === "int64" ? "Edm.Int64" : "Edm.Int32";
    case "number":
      return "Edm.Double";
    case "boolean":
      return "Edm.Boolean";
    case "object":
      return typeNameOf(schema);
    default:
      return schema?.format === "date-time" ? "Edm.DateTimeOffset" : "Edm.String";
  }
}

function jsonNodeKind(value: unknown): string {
  return Array.isArray(value) ? "StartArray" : "PrimitiveValue";
}

/** The property a JSON pointer ends in (`/applicableDeviceType/iPad` → `iPad`). */
function propertyOf(instancePath: string): string {
  const last = instancePath.split("/").pop() ?? "";
  return last.replace(/~1/g, "/").replace(/~0/g, "~");
}

function fromBodyError(error: VerboseError): GraphError {
  const property = propertyOf(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const schema = error.parentSchema;
  const data = error.data;
  switch (error.keyword) {
    case "additionalProperties":
      return GraphError.of("unknownProperty", String(params.additionalProperty), typeNameOf(schema)).withTarget(
        String(params.additionalProperty),
      );
    case "discriminator":
      return params.tagValue === undefined
        ? GraphError.of("missingType", "microsoft.graph.mobileApp").withTarget("@odata.type")
        : GraphError.of("unresolvedType", params.tagValue).withTarget("@odata.type");
    case "type":
      if (error.instancePath === "") {
        return data === undefined ? GraphError.of("emptyBody") : GraphError.of("notAnObject", jsonNodeKind(data));
      }
      if (data === null) return GraphError.of("nullNotAllowed", property, edmTypeOf(schema)).withTarget(property);
      return GraphError.of("invalidLiteral", property, data, edmTypeOf(schema)).withTarget(property);
    case "minimum":
    case "maximum":
    case "format":
      return GraphError.of("invalidLiteral", property, data, edmTypeOf(schema)).withTarget(property);
    case "enum":
      if (property === "@odata.type") {
        return GraphError.of("unresolvedType", data).withTarget(property);
      }
      return GraphError.of("invalidEnumValue", property, data, (schema?.enum ?? []).map(String)).withTarget(property);
    case "maxLength":
      return GraphError.of("valueTooLong", property, Number(params.limit)).withTarget(property);
    case "minLength":
      return GraphError.of("valueTooShort", property, Number(params.limit)).withTarget(property);
    case "pattern":
      if (schema?.pattern === STORABLE_TEXT_PATTERN) return GraphError.of("invalidText", property).withTarget(property);
      return GraphError.of("invalidLiteral", property, data, edmTypeOf(schema)).withTarget(property);
    case "required":
      return GraphError.of("badRequest", `The property '${String(params.missingProperty)}' is required.`).withTarget(
        String(params.missingProperty),
      );
    default:
      return GraphError.of("badRequest", `Invalid value for property '${property}': ${error.message ?? "invalid"}.`);
  }
}

export function graphErrorFromValidation(
  errors: FastifySchemaValidationError[],
  context: string | undefined,
): GraphError {
  const first = errors[0] as VerboseError | undefined;
  if (!first) return GraphError.of("badRequest", "The request is invalid.");
  if (context === "body") return fromBodyError(first);
  const params = first.params as Record<string, unknown>;
  const name = first.keyword === "required" ? String(params.missingProperty) : propertyOf(first.instancePath);
  const reason =
    first.keyword === "required"
      ? "it is required"
      : first.keyword === "pattern" && first.parentSchema?.pattern === STORABLE_TEXT_PATTERN
        ? "it may not contain the character U+0000 or an unpaired surrogate"
        : first.keyword === "maxLength" || first.keyword === "minLength" || first.keyword === "pattern"
          ? `it must be ${String(first.parentSchema?.minLength ?? 1)} to ${String(first.parentSchema?.maxLength)} characters${first.keyword === "pattern" ? " of printable ASCII" : ""}`
          : (first.message ?? "it is invalid");
  return GraphError.of("invalidParameter", name, reason).withTarget(name);
}
