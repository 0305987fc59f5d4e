// The shape of each concrete mobileApp type, read from the spec: which properties an answer carries and
// what an unset one answers (null, false, 0, [] or the enum's first member), which complex types nest,
// and which properties a PATCH ignores (`x-graph-not-patchable`). Apps are stored as the client sent
// them; this fills in the rest on the way out, so the spec stays the one list of properties.
import { loadSpec } from "../spec.ts";

interface Schema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  enum?: string[];
  properties?: Record<string, Schema>;
  discriminator?: { mapping?: Record<string, string> };
  "x-graph-not-patchable"?: boolean;
}

interface PropertyShape {
  name: string;
  unset: unknown;
  /** For a complex value: its qualified type and its own properties' shapes. */
  complex?: { type: string; properties: PropertyShape[] };
}

export interface MobileAppShape {
  properties: PropertyShape[];
  notPatchable: ReadonlySet<string>;
}

/** Properties the handler sets itself, from the record. */
const OWN = new Set(["@odata.type", "@odata.context", "id", "createdDateTime", "lastModifiedDateTime"]);

function buildShapes(): Map<string, MobileAppShape> {
  const schemas = (loadSpec() as unknown as { components: { schemas: Record<string, Schema> } }).components.schemas;
  const resolve = (schema: Schema): [Schema, string | undefined] => {
    const name = schema.$ref?.replace("#/components/schemas/", "");
    return name ? [schemas[name] ?? {}, name] : [schema, undefined];
  };
  const shapeOf = (name: string, property: Schema): PropertyShape => {
    const [schema, refName] = resolve(property);
    if (schema.type === "object" && refName) {
      const properties = Object.entries(schema.properties ?? {})
        .filter(([key]) => !key.startsWith("@odata."))
        .map(([key, value]) => shapeOf(key, value));
      return { name, unset: null, complex: { type: `#${refName}`, properties } };
    }
    if (schema.nullable) return { name, unset: null };
    if (schema.enum) return { name, unset: schema.enum[0] };
    if (schema.type === "boolean") return { name, unset: false };
    if (schema.type === "integer") return { name, unset: 0 };
    if (schema.type === "array") return { name, unset: [] };
    return { name, unset: null };
  };
  const shapes = new Map<string, MobileAppShape>();
  for (const [type, ref] of Object.entries(schemas["microsoft.graph.mobileApp"]?.discriminator?.mapping ?? {})) {
    const [schema] = resolve({ $ref: ref });
    const entries = Object.entries(schema.properties ?? {}).filter(([key]) => !OWN.has(key));
    shapes.set(type, {
      properties: entries.map(([key, value]) => shapeOf(key, value)),
      notPatchable: new Set(entries.filter(([, value]) => value["x-graph-not-patchable"]).map(([key]) => key)),
    });
  }
  return shapes;
}

let shapes: Map<string, MobileAppShape> | undefined;
export function mobileAppShape(type: string): MobileAppShape {
  shapes ??= buildShapes();
  const shape = shapes.get(type);
  if (!shape) throw new Error(`no mobileApp type ${type} in the spec`);
  return shape;
}

function complete(properties: PropertyShape[], stored: Record<string, unknown>): Record<string, unknown> {
  const answer: Record<string, unknown> = {};
  for (const property of properties) {
    const value = stored[property.name];
    if (value === undefined || value === null) {
      answer[property.name] = property.unset;
    } else if (property.complex && typeof value === "object") {
      answer[property.name] = {
        "@odata.type": property.complex.type,
        ...complete(property.complex.properties, value as Record<string, unknown>),
      };
    } else {
      answer[property.name] = value;
    }
  }
  return answer;
}

/** Every property of the app's type, stored values first, the unset ones as Graph answers them. */
export function completeMobileApp(type: string, stored: Record<string, unknown>): Record<string, unknown> {
  return complete(mobileAppShape(type).properties, stored);
}
