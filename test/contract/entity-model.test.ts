// The query options' entity models (src/model/entity-model.ts) and the spec's schemas name the
// same properties with the same types, so that every property a client can send it can also filter,
// order and select by.
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import {
  type EntityModel,
  mobileAppInstallStatusModel,
  mobileAppModel,
  type PropertyModel,
  userAppInstallStatusModel,
} from "../../src/model/entity-model.ts";
import { SPEC_PATH } from "../../src/spec.ts";

interface Schema {
  type?: string;
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

const pairs: Array<[EntityModel, string, { everyProperty: boolean }]> = [
  [userAppInstallStatusModel, "microsoft.graph.userAppInstallStatus", { everyProperty: true }],
  [mobileAppInstallStatusModel, "microsoft.graph.mobileAppInstallStatus", { everyProperty: true }],
  [mobileAppModel, "microsoft.graph.webApp", { everyProperty: false }],
  [mobileAppModel, "microsoft.graph.iosStoreApp", { everyProperty: false }],
  [mobileAppModel, "microsoft.graph.androidStoreApp", { everyProperty: false }],
];

describe.each(pairs)("the %s model", (model, schemaName, { everyProperty }) => {
  const properties = schemas[schemaName]?.properties ?? {};

  it(`types each property as ${schemaName} does`, () => {
    for (const property of model.properties.values()) {
      const schema = properties[property.name];
      expect(schema, property.name).toBeDefined();
      expect(modelTypeOf(property), property.name).toBe(edmTypeOf(schema as Schema));
      if (property.name !== "id" && typeof property.type === "string" && property.type !== "Edm.Boolean") {
        // Stored absent properties of apps read as null, so app models may be more nullable than the schema.
        if (everyProperty) expect(property.nullable, property.name).toBe(schema?.nullable === true);
      }
    }
  });

  if (everyProperty) {
    it(`names every property of ${schemaName}`, () => {
      const declared = Object.keys(properties).filter((name) => !name.startsWith("@odata."));
      expect([...model.properties.keys()].sort()).toEqual(declared.sort());
    });
  }
});
