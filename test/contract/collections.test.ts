// Every collection the spec declares pages, counts and selects as Graph does. The cases come from the
// spec itself (each GET whose 200 answer is an OData collection with `value`), so a collection added
// later is covered without touching this file. A collection's response schema must declare
// `@odata.count` and `@odata.nextLink`: fastify's serializer drops what the schema does not declare,
// and a client then silently loses every page after the first.
import SwaggerParser from "@apidevtools/swagger-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SPEC_PATH } from "../../src/spec.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  oneOf?: Schema[];
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
}
interface Operation {
  operationId: string;
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

const spec = (await SwaggerParser.dereference(SPEC_PATH)) as unknown as {
  paths: Record<string, Record<string, Operation>>;
};

/** A body the collection's POST accepts with nothing but what its schema requires. */
function minimalBody(schema: Schema | undefined): Record<string, unknown> {
  const mapping = schema?.discriminator?.mapping;
  if (schema?.discriminator && mapping) return { [schema.discriminator.propertyName]: Object.keys(mapping)[0] };
  return {};
}

/** A primitive property of the items, other than the key and annotations, for $select. */
function selectableProperty(items: Schema): string {
  const properties = items.oneOf?.[0]?.properties ?? items.properties ?? {};
  const name = Object.entries(properties).find(
    ([key, schema]) =>
      key !== "id" && !key.startsWith("@") && ["string", "integer", "boolean"].includes(schema.type ?? ""),
  )?.[0];
  if (!name) throw new Error("no selectable property");
  return name;
}

const collections = Object.entries(spec.paths).flatMap(([path, item]) => {
  const list = item.get;
  const schema = list?.responses["200"]?.content?.["application/json"]?.schema;
  const items = schema?.properties?.value?.items;
  if (!list || !schema || schema.properties?.value?.type !== "array" || !items) return [];
  const create = item.post;
  if (!create) throw new Error(`${path}: a collection without a POST cannot be seeded by this test`);
  return [
    {
      operationId: list.operationId,
      path,
      schema,
      body: minimalBody(create.requestBody?.content["application/json"]?.schema),
      selectable: selectableProperty(items),
    },
  ];
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** POSTs a minimal item to a collection path; the new item's id. */
async function create(path: string): Promise<string> {
  const item = Object.entries(spec.paths).find(([p]) => p === path)?.[1].post;
  const body = minimalBody(item?.requestBody?.content["application/json"]?.schema);
  const response = await t.call({ method: "POST", url: path, payload: body });
  expect(response.statusCode, `${path}: ${response.body}`).toBe(201);
  return response.json().id as string;
}

/** The collection's URL with each parent created: every `{key}` is the id of a new item of the collection before it. */
async function concretePath(template: string): Promise<string> {
  let concrete = "";
  for (const segment of template.split("/").filter(Boolean)) {
    concrete += `/${segment.startsWith("{") ? await create(concrete) : segment}`;
  }
  return concrete;
}

const ITEMS = 5;
const PAGE = 2;

describe("the spec's collections", () => {
  it("include the three this service has always served", () => {
    expect(collections.map((c) => c.operationId)).toEqual(
      expect.arrayContaining(["listMobileApps", "listUserStatuses", "listDeviceStatuses"]),
    );
  });

  it.each(collections)("$operationId declares @odata.count and @odata.nextLink in its response", ({ schema }) => {
    expect(Object.keys(schema.properties ?? {})).toEqual(
      expect.arrayContaining(["@odata.context", "@odata.count", "@odata.nextLink", "value"]),
    );
  });
});

describe.each(collections)("$operationId over more than one page", ({ path, selectable }) => {
  let url: string;
  let seeded: string[];
  beforeAll(async () => {
    url = await concretePath(path);
    // Parents of one collection are items of another; only this collection's own items count here.
    const before = (await t.call({ method: "GET", url: `${url}?$top=999` }))
      .json()
      .value.map((v: { id: string }) => v.id);
    const created: string[] = [];
    for (let i = 0; i < ITEMS; i++) created.push(await create(url));
    seeded = [...before, ...created].sort();
  });

  it("visits every item exactly once by following @odata.nextLink, with @odata.count on the way", async () => {
    const seen: string[] = [];
    let next: string | undefined = `${url}?$top=${PAGE}&$count=true`;
    let pages = 0;
    while (next) {
      const response = await t.call({ method: "GET", url: next.replace(/^https?:\/\/[^/]+/, "") });
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json();
      expect(page["@odata.count"], `page ${pages + 1}`).toBe(seeded.length);
      expect(page.value.length).toBeLessThanOrEqual(PAGE);
      seen.push(...page.value.map((item: { id: string }) => item.id));
      next = page["@odata.nextLink"];
      pages++;
      expect(pages, "more pages than items").toBeLessThanOrEqual(seeded.length);
    }
    expect(pages).toBe(Math.ceil(seeded.length / PAGE));
    expect(seen.length).toBe(new Set(seen).size);
    expect([...seen].sort()).toEqual(seeded);
  });

  it("answers @odata.count with $count=true and leaves it out without", async () => {
    const counted = (await t.call({ method: "GET", url: `${url}?$count=true` })).json();
    expect(counted["@odata.count"]).toBe(seeded.length);
    const plain = (await t.call({ method: "GET", url })).json();
    expect(plain).not.toHaveProperty("@odata.count");
    expect(plain).not.toHaveProperty("@odata.nextLink");
  });

  it(`limits each item to the $select'ed property, the key and annotations`, async () => {
    const all = (await t.call({ method: "GET", url })).json().value as Record<string, unknown>[];
    expect(Object.keys(all[0] ?? {}).length, "items have more than the selected property").toBeGreaterThan(3);
    const response = await t.call({ method: "GET", url: `${url}?$select=${selectable}` });
    expect(response.statusCode, response.body).toBe(200);
    const { value } = response.json() as { value: Record<string, unknown>[] };
    expect(value).toHaveLength(seeded.length);
    for (const item of value) {
      expect(item).toHaveProperty(selectable);
      const others = Object.keys(item).filter(
        (key) => key !== "id" && key !== selectable && !key.startsWith("@odata."),
      );
      expect(others).toEqual([]);
    }
  });
});
