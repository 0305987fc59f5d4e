// GET /beta/$metadata: the CSDL XML (Edmx 4.0) of what the spec serves, built from the spec at start-up so that
// the spec stays the one place a type is declared. Types come from the component schemas named
// `microsoft.graph.*`: every schema whose `@odata.type` names a type contributes its properties to that type
// (the request and answer shapes of one entity are one type); a schema with `id` is an entity type, another
// object a complex type, a string enum an enum type; an abstract `oneOf` with a discriminator is the base
// type of its members. Navigations come from the answers' `$ref`s to entity types and from the paths: a
// collection path under an entity's path is a contained navigation of that entity type.

interface Schema {
  type?: string;
  format?: string;
  nullable?: boolean;
  enum?: unknown[];
  $ref?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  oneOf?: Schema[];
  discriminator?: unknown;
}

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

export interface CsdlSpec {
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, Schema> };
}

const NAMESPACE = "microsoft.graph";

interface Navigation {
  name: string;
  type: string; // qualified, or Collection(qualified)
  contained: boolean;
}

interface StructuredType {
  name: string;
  kind: "entity" | "complex";
  abstract: boolean;
  baseType?: string;
  properties: Map<string, Schema>;
  navigations: Map<string, Navigation>;
}

const escapeXml = (text: string): string =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

const refName = (ref: string): string => ref.slice(ref.lastIndexOf("/") + 1);
const shortName = (qualified: string): string => qualified.replace(/^#?microsoft\.graph\./, "");

/** The type a schema declares in its `@odata.type` enum, else its component name. */
function typeNameOf(componentName: string, schema: Schema): string {
  const odataType = schema.properties?.["@odata.type"]?.enum;
  return odataType?.length === 1 ? shortName(String(odataType[0])) : shortName(componentName);
}

export function buildCsdl(spec: CsdlSpec): string {
  const schemas = Object.fromEntries(
    Object.entries(spec.components?.schemas ?? {}).filter(
      ([name]) =>
        name.startsWith(`${NAMESPACE}.`) &&
        !name.startsWith(`${NAMESPACE}.ODataErrors.`) &&
        !name.endsWith("CollectionResponse"),
    ),
  );
  const resolve = (schema: Schema): [string, Schema] | undefined => {
    if (!schema.$ref) return undefined;
    const name = refName(schema.$ref);
    const target = spec.components?.schemas?.[name];
    return target ? [name, target] : undefined;
  };

  const enums = new Map<string, string[]>();
  const types = new Map<string, StructuredType>();
  const typeOfComponent = new Map<string, string>();
  for (const [componentName, schema] of Object.entries(schemas)) {
    if (schema.type === "string" && schema.enum) {
      enums.set(shortName(componentName), schema.enum.map(String));
      continue;
    }
    if (schema.oneOf && schema.discriminator) continue; // abstract bases, below
    if (!schema.properties) continue;
    const name = typeNameOf(componentName, schema);
    typeOfComponent.set(componentName, name);
    const type = types.get(name) ?? {
      name,
      kind: "complex",
      abstract: false,
      properties: new Map(),
      navigations: new Map(),
    };
    if ("id" in schema.properties) type.kind = "entity";
    for (const [property, propertySchema] of Object.entries(schema.properties)) {
      if (!property.startsWith("@")) type.properties.set(property, propertySchema);
    }
    types.set(name, type);
  }
  // Abstract bases: the properties every member has move up to the base.
  for (const [componentName, schema] of Object.entries(schemas)) {
    if (!(schema.oneOf && schema.discriminator)) continue;
    const name = shortName(componentName);
    typeOfComponent.set(componentName, name);
    const members = schema.oneOf
      .map((member) => (member.$ref ? types.get(typeOfComponent.get(refName(member.$ref)) ?? "") : undefined))
      .filter((member): member is StructuredType => member !== undefined);
    const shared = [...(members[0]?.properties.keys() ?? [])].filter((p) => members.every((m) => m.properties.has(p)));
    const base: StructuredType = {
      name,
      kind: "entity",
      abstract: true,
      properties: new Map(shared.map((p) => [p, members[0]?.properties.get(p) as Schema])),
      navigations: new Map(),
    };
    for (const member of members) {
      member.baseType = `${NAMESPACE}.${name}`;
      for (const p of shared) member.properties.delete(p);
    }
    types.set(name, base);
  }

  const typeOfSchema = (schema: Schema): string | undefined => {
    const target = resolve(schema);
    return target ? typeOfComponent.get(target[0]) : undefined;
  };
  const isEntity = (name: string | undefined) => name !== undefined && types.get(name)?.kind === "entity";

  // Navigations declared in answers: properties whose schema is (a collection of) an entity type.
  for (const type of types.values()) {
    for (const [property, schema] of [...type.properties]) {
      const single = typeOfSchema(schema);
      const many = schema.type === "array" && schema.items ? typeOfSchema(schema.items) : undefined;
      if (isEntity(single)) {
        type.navigations.set(property, { name: property, type: `${NAMESPACE}.${single}`, contained: false });
        type.properties.delete(property);
      } else if (isEntity(many)) {
        type.navigations.set(property, { name: property, type: `Collection(${NAMESPACE}.${many})`, contained: true });
        type.properties.delete(property);
      }
    }
  }

  // Navigations declared by paths: /beta/<singleton>/<set>/{key}/<navigation>…; what a path's GET answers.
  const answerOf = (path: string): { type: string; collection: boolean } | undefined => {
    const operation = spec.paths[path]?.get as Operation | undefined;
    const schema = operation?.responses?.["200"]?.content?.["application/json"]?.schema;
    if (!schema?.$ref) return undefined;
    const [name, target] = resolve(schema) ?? [];
    if (!name || !target) return undefined;
    const items = target.properties?.value;
    if (name.endsWith("CollectionResponse") && items?.items) {
      const itemType = typeOfSchema(items.items);
      return itemType ? { type: itemType, collection: true } : undefined;
    }
    const single = typeOfComponent.get(name);
    return single ? { type: single, collection: false } : undefined;
  };
  const singletons = new Map<string, StructuredType>();
  for (const path of Object.keys(spec.paths)) {
    if (!path.startsWith("/beta/")) continue;
    const answer = answerOf(path);
    if (!answer?.collection) continue;
    const segments = path.split("/").slice(2);
    const navigation = segments.pop() as string;
    const parentPath = `/beta/${segments.join("/")}`;
    let owner: StructuredType | undefined;
    if (segments.length === 1) {
      // A set directly under a top-level segment: that segment is a singleton of its own type.
      const singleton = segments[0] as string;
      owner = singletons.get(singleton) ?? {
        name: singleton,
        kind: "entity",
        abstract: false,
        properties: new Map([["id", { type: "string" }]]),
        navigations: new Map(),
      };
      singletons.set(singleton, owner);
    } else {
      const parent = answerOf(parentPath);
      owner = parent && !parent.collection ? types.get(parent.type) : undefined;
    }
    if (owner && !owner.navigations.has(navigation)) {
      owner.navigations.set(navigation, {
        name: navigation,
        type: `Collection(${NAMESPACE}.${answer.type})`,
        contained: true,
      });
    }
  }

  const edmType = (schema: Schema): string => {
    if (schema.$ref) {
      const name = refName(schema.$ref);
      const target = spec.components?.schemas?.[name];
      return `${NAMESPACE}.${target?.type === "string" && target.enum ? shortName(name) : (typeOfComponent.get(name) ?? shortName(name))}`;
    }
    if (schema.type === "array" && schema.items) return `Collection(${edmType(schema.items)})`;
    if (schema.type === "boolean") return "Edm.Boolean";
    if (schema.type === "integer") return schema.format === "int64" ? "Edm.Int64" : "Edm.Int32";
    if (schema.type === "number") return "Edm.Double";
    if (schema.type === "string" && schema.format === "date-time") return "Edm.DateTimeOffset";
    if (schema.type === "string" && schema.format === "byte") return "Edm.Binary";
    return "Edm.String";
  };
  const nullable = (property: string, schema: Schema): boolean => {
    if (property === "id") return false;
    if (schema.$ref) {
      const target = spec.components?.schemas?.[refName(schema.$ref)];
      // An enum or complex value by $ref is nullable where its own schema says so (OpenAPI 3.0 cannot say it beside $ref).
      return target?.nullable === true || !(target?.type === "string" && target.enum);
    }
    return schema.nullable === true;
  };

  const lines: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">',
    "  <edmx:DataServices>",
    `    <Schema Namespace="${NAMESPACE}" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">`,
  ];
  for (const [name, members] of enums) {
    lines.push(`      <EnumType Name="${escapeXml(name)}">`);
    for (const member of members) lines.push(`        <Member Name="${escapeXml(member)}" />`);
    lines.push("      </EnumType>");
  }
  for (const type of [...singletons.values(), ...types.values()]) {
    const element = type.kind === "entity" ? "EntityType" : "ComplexType";
    const attributes = [
      `Name="${escapeXml(type.name)}"`,
      ...(type.baseType ? [`BaseType="${type.baseType}"`] : []),
      ...(type.abstract ? ['Abstract="true"'] : []),
    ];
    lines.push(`      <${element} ${attributes.join(" ")}>`);
    if (type.kind === "entity" && !type.baseType) {
      lines.push('        <Key><PropertyRef Name="id" /></Key>');
    }
    for (const [property, schema] of type.properties) {
      const isNullable = nullable(property, schema);
      lines.push(
        `        <Property Name="${escapeXml(property)}" Type="${edmType(schema)}"${isNullable ? "" : ' Nullable="false"'} />`,
      );
    }
    for (const navigation of type.navigations.values()) {
      lines.push(
        `        <NavigationProperty Name="${escapeXml(navigation.name)}" Type="${navigation.type}"${navigation.contained ? ' ContainsTarget="true"' : ""} />`,
      );
    }
    lines.push(`      </${element}>`);
  }
  lines.push('      <EntityContainer Name="GraphService">');
  for (const singleton of singletons.values()) {
    lines.push(
      `        <Singleton Name="${escapeXml(singleton.name)}" Type="${NAMESPACE}.${escapeXml(singleton.name)}" />`,
    );
  }
  lines.push("      </EntityContainer>", "    </Schema>", "  </edmx:DataServices>", "</edmx:Edmx>", "");
  return lines.join("\n");
}
