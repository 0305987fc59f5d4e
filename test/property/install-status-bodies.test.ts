// Property-based tests from the spec's request schemas (test/helpers/schema-arbitraries.ts): any body the schema
// accepts is accepted and read back identically; any body it refuses gets a 4xx in Graph's envelope (call()
// checks every answer against the contract) and leaves the store exactly as it was.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContract } from "../helpers/contract.ts";
import { invalidBody, type Schema, validBody } from "../helpers/schema-arbitraries.ts";
import { storeSnapshot } from "../helpers/store-views.ts";
import { createTestApp, statusesPath, type TestApp } from "../helpers/test-app.ts";

const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);
const json = { "content-type": "application/json" };
type Body = Record<string, unknown>;

let t: TestApp;
let schemas: Record<string, Schema>;
beforeAll(async () => {
  t = await createTestApp();
  const document = (await loadContract()).document as { components: { schemas: Record<string, Schema> } };
  schemas = document.components.schemas;
});
afterAll(() => t.close());

/** What the server keeps of a body: its properties, not the annotation naming the type. */
function propertiesOf(body: Body): Body {
  const { "@odata.type": _type, ...properties } = body;
  return properties;
}

/** Each resource with a body: where its items live, a fresh empty parent, and what a new item holds unless told. */
const resources = [
  {
    name: "userAppInstallStatus",
    schema: "microsoft.graph.userAppInstallStatus",
    updateSchema: "microsoft.graph.userAppInstallStatusUpdate",
    odataType: "#microsoft.graph.userAppInstallStatus",
    async freshCollection() {
      return statusesPath(await t.createApp());
    },
    defaults: {
      userName: null,
      userPrincipalName: null,
      installedDeviceCount: 0,
      failedDeviceCount: 0,
      notInstalledDeviceCount: 0,
    },
  },
  {
    name: "mobileAppInstallStatus",
    schema: "microsoft.graph.mobileAppInstallStatus",
    updateSchema: "microsoft.graph.mobileAppInstallStatusUpdate",
    odataType: "#microsoft.graph.mobileAppInstallStatus",
    async freshCollection() {
      const url = statusesPath(await t.createApp());
      await t.call({ method: "POST", url, payload: { id: "user" } });
      return `${url}/user/deviceStatuses`;
    },
    defaults: {
      deviceName: null,
      deviceId: null,
      lastSyncDateTime: "0001-01-01T00:00:00.000Z",
      mobileAppInstallStatusValue: "unknown",
      installState: "unknown",
      installStateDetail: "noAdditionalDetails",
      errorCode: 0,
      osVersion: null,
      osDescription: null,
      userName: null,
      userPrincipalName: null,
      displayVersion: null,
    },
  },
];

const send = (method: string, url: string, body: unknown) =>
  t.call({ method: method as "POST", url, headers: json, payload: JSON.stringify(body) });

describe.each(resources)("$name bodies", (resource) => {
  const schema = () => schemas[resource.schema] as Schema;
  const updateSchema = () => schemas[resource.updateSchema] as Schema;
  /** The entity as answered, without its context URL (which names the host). */
  const entityOf = (response: { json(): Body }) => {
    const { "@odata.context": _context, ...entity } = response.json();
    return entity;
  };

  it("accepts any valid body on create and reads back exactly what was sent", async () => {
    await fc.assert(
      fc.asyncProperty(validBody(schema()), async (body) => {
        const url = await resource.freshCollection();
        const created = await send("POST", url, body);
        expect(created.statusCode).toBe(201);
        const expected = { "@odata.type": resource.odataType, ...resource.defaults, ...propertiesOf(body) };
        const entity = entityOf(created);
        expect(entity).toEqual({ ...expected, id: body.id ?? entity.id });

        const got = await t.call({ method: "GET", url: `${url}/${encodeURIComponent(String(entity.id))}` });
        expect(entityOf(got)).toEqual(entity);
        const listed = await t.call({ method: "GET", url });
        expect(listed.json().value).toEqual([entity]);
      }),
      { numRuns: RUNS },
    );
  });

  it("accepts any valid body on update and reads back the merge of the two", async () => {
    await fc.assert(
      fc.asyncProperty(validBody(schema()), validBody(updateSchema()), async (first, changes) => {
        const url = await resource.freshCollection();
        const created = entityOf(await send("POST", url, first));
        const itemUrl = `${url}/${encodeURIComponent(String(created.id))}`;

        const updated = await send("PATCH", itemUrl, changes);
        expect(updated.statusCode).toBe(200);
        expect(entityOf(updated)).toEqual({ ...created, ...propertiesOf(changes) });
        expect(entityOf(await t.call({ method: "GET", url: itemUrl }))).toEqual(entityOf(updated));
      }),
      { numRuns: RUNS },
    );
  });

  it("refuses any invalid body on create and update with a 4xx Graph error, changing nothing", async () => {
    // A small store of its own, so that comparing it whole after each body stays cheap.
    const outer = t;
    t = await createTestApp();
    try {
      await refusesInvalidBodies();
    } finally {
      await t.close();
      t = outer;
    }
  });

  async function refusesInvalidBodies() {
    const url = await resource.freshCollection();
    const existing = entityOf(await send("POST", url, { id: "existing" }));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          invalidBody(schema()).map((body) => ["POST", body] as const),
          invalidBody(updateSchema()).map((body) => ["PATCH", body] as const),
        ),
        async ([method, body]) => {
          const before = await storeSnapshot(t.store);
          const response = await send(method, method === "POST" ? url : `${url}/existing`, body);
          expect(response.statusCode).toBeGreaterThanOrEqual(400);
          expect(response.statusCode).toBeLessThan(500);
          expect(response.json().error.code).toBe("BadRequest");
          expect(await storeSnapshot(t.store)).toEqual(before);
        },
      ),
      { numRuns: RUNS * 2 },
    );
    expect(entityOf(await t.call({ method: "GET", url: `${url}/existing` }))).toEqual(existing);
  }
});
