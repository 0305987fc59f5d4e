// GET /beta/$metadata: CSDL XML built from the spec. Parsed here with a real XML parser, and checked against the
// spec itself: every property and enum member of the served schemas is named, every navigation the paths imply
// is there, and every @odata.context URL the service answers resolves to a declared singleton and navigations.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec.ts";
import { appsPath, createTestApp, statusesPath, type TestApp } from "../helpers/test-app.ts";

type Element = Record<string, unknown>;
const list = (value: unknown): Element[] =>
  (value === undefined ? [] : Array.isArray(value) ? value : [value]) as Element[];

let t: TestApp;
let xml: string;
let schema: Element;
beforeAll(async () => {
  t = await createTestApp();
  const response = await t.call({ method: "GET", url: "/beta/$metadata", token: false });
  expect(response.statusCode).toBe(200);
  expect(response.headers["content-type"]).toMatch(/^application\/xml/);
  xml = response.body;
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml);
  schema = parsed["edmx:Edmx"]["edmx:DataServices"].Schema;
});
afterAll(() => t.close());

const spec = loadSpec() as unknown as {
  components: { schemas: Record<string, { type?: string; enum?: string[]; properties?: Record<string, unknown> }> };
};
const served = Object.entries(spec.components.schemas).filter(
  ([name]) =>
    name.startsWith("microsoft.graph.") && !name.includes("ODataErrors") && !name.endsWith("CollectionResponse"),
);

function typeNamed(name: string): Element | undefined {
  return [...list(schema.EntityType), ...list(schema.ComplexType)].find((type) => type.Name === name);
}
/** A type's properties and navigations, its base types' included. */
function membersOf(name: string): { properties: string[]; navigations: Element[] } {
  const type = typeNamed(name);
  if (!type) return { properties: [], navigations: [] };
  const base = typeof type.BaseType === "string" ? membersOf(type.BaseType.replace("microsoft.graph.", "")) : undefined;
  return {
    properties: [...(base?.properties ?? []), ...list(type.Property).map((p) => p.Name as string)],
    navigations: [...(base?.navigations ?? []), ...list(type.NavigationProperty)],
  };
}

describe("GET /beta/$metadata", () => {
  it("is well-formed OData CSDL XML, Edmx 4.0, in the microsoft.graph namespace, without a token", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    const root = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml)["edmx:Edmx"];
    expect(root.Version).toBe("4.0");
    expect(root["xmlns:edmx"]).toBe("http://docs.oasis-open.org/odata/ns/edmx");
    expect(schema.Namespace).toBe("microsoft.graph");
    expect(schema.xmlns).toBe("http://docs.oasis-open.org/odata/ns/edm");
  });

  it("names every member of every enum of the spec", () => {
    const enums = served.filter(([, s]) => s.type === "string" && s.enum);
    expect(enums.length).toBeGreaterThan(0);
    for (const [name, s] of enums) {
      const type = list(schema.EnumType).find((e) => e.Name === name.replace("microsoft.graph.", ""));
      expect(type, name).toBeDefined();
      expect(list(type?.Member).map((m) => m.Name)).toEqual(s.enum);
    }
  });

  it("names every property of every served schema on its type, navigations as navigations", () => {
    for (const [name, s] of served) {
      if (!s.properties) continue;
      const odataType = (s.properties["@odata.type"] as { enum?: string[] } | undefined)?.enum?.[0];
      const typeName = (odataType ?? name).replace(/^#?microsoft\.graph\./, "");
      const { properties, navigations } = membersOf(typeName);
      for (const property of Object.keys(s.properties).filter((p) => !p.startsWith("@"))) {
        const names = [...properties, ...navigations.map((n) => n.Name)];
        expect(names, `${name}.${property}`).toContain(property);
      }
    }
  });

  it("types properties as Graph does: keys, DateTimeOffsets, Int32s and enums", () => {
    const status = typeNamed("mobileAppInstallStatus") as Element;
    const property = (name: string) => list(status.Property).find((p) => p.Name === name);
    expect(list(status.Key)[0]).toEqual({ PropertyRef: { Name: "id" } });
    expect(property("lastSyncDateTime")).toMatchObject({ Type: "Edm.DateTimeOffset", Nullable: "false" });
    expect(property("errorCode")).toMatchObject({ Type: "Edm.Int32", Nullable: "false" });
    expect(property("installState")).toMatchObject({ Type: "microsoft.graph.resultantAppState" });
    expect(property("deviceName")).toEqual({ Name: "deviceName", Type: "Edm.String" });
    expect(typeNamed("mobileApp")).toMatchObject({ Abstract: "true" });
    expect(typeNamed("webApp")).toMatchObject({ BaseType: "microsoft.graph.mobileApp" });
  });

  it("declares the navigations: contained collections and the app of each status", () => {
    const navigation = (type: string, name: string) => membersOf(type).navigations.find((n) => n.Name === name);
    expect(navigation("deviceAppManagement", "mobileApps")).toMatchObject({
      Type: "Collection(microsoft.graph.mobileApp)",
      ContainsTarget: "true",
    });
    for (const name of ["userStatuses", "deviceStatuses"]) {
      expect(navigation("mobileApp", name)).toMatchObject({ ContainsTarget: "true" });
    }
    expect(navigation("userAppInstallStatus", "deviceStatuses")).toMatchObject({
      Type: "Collection(microsoft.graph.mobileAppInstallStatus)",
      ContainsTarget: "true",
    });
    expect(navigation("userAppInstallStatus", "app")).toEqual({ Name: "app", Type: "microsoft.graph.mobileApp" });
    expect(navigation("mobileAppInstallStatus", "app")).toEqual({ Name: "app", Type: "microsoft.graph.mobileApp" });
  });

  it("resolves every @odata.context URL the service answers", async () => {
    const appId = await t.createApp();
    await t.call({ method: "POST", url: statusesPath(appId), payload: { id: "u" } });
    await t.call({ method: "POST", url: `${statusesPath(appId)}/u/deviceStatuses`, payload: { id: "d" } });
    await t.call({ method: "POST", url: `${appsPath}/${appId}/deviceStatuses`, payload: { id: "d" } });
    const urls = [
      appsPath,
      `${appsPath}/${appId}`,
      statusesPath(appId),
      `${statusesPath(appId)}/u`,
      `${statusesPath(appId)}/u/app`,
      `${statusesPath(appId)}/u/deviceStatuses`,
      `${statusesPath(appId)}/u/deviceStatuses/d`,
      `${statusesPath(appId)}/u/deviceStatuses/d/app`,
      `${appsPath}/${appId}/deviceStatuses`,
      `${appsPath}/${appId}/deviceStatuses/d?$select=deviceName`,
      `${appsPath}/${appId}/deviceStatuses/d/app`,
    ];
    const singletons = list(list(schema.EntityContainer)[0]?.Singleton);
    for (const url of urls) {
      const context = (await t.call({ method: "GET", url })).json()["@odata.context"] as string;
      expect(context, url).toMatch(/^http:\/\/localhost:80\/beta\/\$metadata#/);
      // Walk the fragment: a singleton, then navigations (keys and $select in parentheses, a final /$entity).
      const segments = context
        .split("#")[1]
        ?.replace(/\/\$entity$/, "")
        .split("/")
        .map((segment) => segment.replace(/\(.*\)$/, "")) as string[];
      const [first, ...rest] = segments;
      let type = singletons.find((s) => s.Name === first)?.Type as string | undefined;
      expect(type, `${url}: ${first}`).toBeDefined();
      for (const segment of rest) {
        const owner = (type as string).replace(/^Collection\(|\)$/g, "").replace("microsoft.graph.", "");
        type = membersOf(owner).navigations.find((n) => n.Name === segment)?.Type as string | undefined;
        expect(type, `${url}: ${segment} on ${owner}`).toBeDefined();
      }
    }
  });
});
