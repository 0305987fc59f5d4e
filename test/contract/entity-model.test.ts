// The query options' entity models (src/model/entity-model.ts) and the spec's schemas name the
// same properties with the same types, so that every property a client can send it can also filter,
// order and select by.
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import {
  type EntityModel,
  type EnumType,
  mobileAppInstallStatusModel,
  mobileAppModel,
  type PropertyModel,
  userAppInstallStatusModel,
} from "../../src/model/entity-model.ts";
import { SPEC_PATH } from "../../src/spec.ts";

interface Schema {
  type?: string;
  oneOf?: Schema[];
  title?: string;
  format?: string;
  nullable?: boolean;
  enum?: string[];
  properties?: Record<string, Schema>;
}

const spec = (await SwaggerParser.dereference(SPEC_PATH)) as unknown as {
  components: { schemas: Record<string, Schema> };
};
const schemas = spec.components.schemas;

function edmTypeOf(schema: Schema): PropertyModel["type"] | string {
  if (schema.enum) return `enum(${schema.enum.join(",")})`;
  if (schema.type === "integer" && schema.format === "int32") return "Edm.Int32";
  if (schema.type === "boolean") return "Edm.Boolean";
  if (schema.type === "string" && schema.format === "date-time") return "Edm.DateTimeOffset";
  if (schema.type === "string") return "Edm.String";
  return `unmapped ${schema.type}`;
}
const modelTypeOf = (property: PropertyModel): string =>
  typeof property.type === "string" ? property.type : `enum(${Object.keys(property.type.members).join(",")})`;

const pairs: Array<[EntityModel, string]> = [
  [userAppInstallStatusModel, "microsoft.graph.userAppInstallStatus"],
  [mobileAppInstallStatusModel, "microsoft.graph.mobileAppInstallStatus"],
];

describe.each(pairs)("the %s model", (model, schemaName) => {
  const properties = schemas[schemaName]?.properties ?? {};

  it(`types each property as ${schemaName} does`, () => {
    for (const property of model.properties.values()) {
      const schema = properties[property.name];
      expect(schema, property.name).toBeDefined();
      expect(modelTypeOf(property), property.name).toBe(edmTypeOf(schema as Schema));
      if (property.name !== "id" && typeof property.type === "string" && property.type !== "Edm.Boolean") {
        expect(property.nullable, property.name).toBe(schema?.nullable === true);
      }
    }
  });

  it(`names every property of ${schemaName}`, () => {
    const declared = Object.keys(properties).filter((name) => !name.startsWith("@odata."));
    expect([...model.properties.keys()].sort()).toEqual(declared.sort());
  });
});

// mobileApp: the model holds the properties of every concrete type, since a collection holds apps of each.
const APP_TYPES = ["microsoft.graph.webApp", "microsoft.graph.iosStoreApp", "microsoft.graph.androidStoreApp"];
const appSchemas = APP_TYPES.map((type) => [type, schemas[type]?.properties ?? {}] as const);
const declaring = (name: string) => appSchemas.filter(([, properties]) => properties[name]).map(([type]) => type);

describe("the mobileApp model", () => {
  it("lists the spec's concrete types of mobileApp", () => {
    expect(schemas["microsoft.graph.mobileApp"]?.oneOf?.map((schema) => `microsoft.graph.${schema.title}`)).toEqual(
      APP_TYPES,
    );
  });

  it("names every property of every concrete type, primitive or structured", () => {
    const declared = new Set(appSchemas.flatMap(([, properties]) => Object.keys(properties)));
    const named = [...mobileAppModel.properties.keys(), ...mobileAppModel.structured.keys()];
    expect(named.sort()).toEqual([...declared].filter((name) => !name.startsWith("@odata.")).sort());
  });

  it.each([...mobileAppModel.properties.values()])("types $name as each type declaring it does", (property) => {
    const types = declaring(property.name);
    expect(property.declaredBy ?? APP_TYPES).toEqual(types);
    for (const [, properties] of appSchemas.filter(([type]) => types.includes(type))) {
      const schema = properties[property.name] as Schema;
      expect(modelTypeOf(property)).toBe(edmTypeOf(schema));
      // Null where the spec allows it, and on the types that do not declare it; else the answer's unset value.
      if (property.name === "id" || property.type === "Edm.DateTimeOffset") continue;
      expect(property.nullable).toBe(schema.nullable === true || property.declaredBy !== undefined);
      const unset =
        schema.nullable === true
          ? undefined
          : schema.enum
            ? Object.values((property.type as EnumType).members)[0]
            : schema.type === "boolean"
              ? false
              : 0;
      expect(property.unset).toBe(unset);
    }
  });

  it.each([...mobileAppModel.structured.values()])("declares $name as complex or a collection", (property) => {
    const types = declaring(property.name);
    expect(property.declaredBy ?? APP_TYPES).toEqual(types);
    for (const [, properties] of appSchemas.filter(([type]) => types.includes(type))) {
      expect((properties[property.name] as Schema).type).toBe(property.kind === "complex" ? "object" : "array");
    }
  });
});
