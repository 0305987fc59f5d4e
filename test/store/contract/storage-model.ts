// Every property of every entity model has a place in the store: it round-trips through create, update and get,
// and `$filter <property> eq <value>` finds the record by it. The records here are built from the model, not
// written out, so a property added to the spec and the model is checked in every adapter with no change here
// (and an adapter without a column for it fails).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type EntityModel,
  mobileAppInstallStatusModel,
  mobileAppModel,
  type PropertyModel,
  userAppInstallStatusModel,
} from "../../../src/model/entity-model.ts";
import type { Page } from "../../../src/model/list-query.ts";
import type { MobileAppRecord, Store, TenantStore } from "../../../src/store/store.ts";
import { type CreateStore, listQuery, mobileApp, TENANT_A, userStatus } from "./fixtures.ts";

type Values = Record<string, unknown>;

/** Two sets of values for every property: `first` all set and distinct, `second` different from it in each. */
function valuesOf(model: EntityModel, id: string, which: "first" | "second"): Values {
  const first = which === "first";
  return Object.fromEntries(
    [...model.properties.values()].map((property, index) => [property.name, sampleValue(property, index, first, id)]),
  );
}

function sampleValue(property: PropertyModel, index: number, first: boolean, id: string): unknown {
  if (property.name === "id") return id;
  const { type } = property;
  if (typeof type === "object") {
    const members = Object.keys(type.members);
    return first ? members.at(-1) : members[0];
  }
  switch (type) {
    case "Edm.String":
      return first ? `${property.name} ✓ ${index}` : property.nullable ? null : `${property.name} other`;
    case "Edm.Int32":
      return first ? 1000 + index : -index;
    case "Edm.Boolean":
      return first;
    case "Edm.DateTimeOffset":
      // Milliseconds: the mobileApp's server-set times are toISOString's; 7 digits are the device statuses' own test.
      return first ? `2023-04-05T06:07:${String(index).padStart(2, "0")}.123Z` : "2001-02-03T04:05:06.000Z";
  }
}

/** The $filter literal of a value of the property. */
function literal(property: PropertyModel, value: unknown): string {
  if (typeof property.type === "object") return `${property.type.name}'${value as string}'`;
  if (property.type === "Edm.String") return `'${(value as string).replaceAll("'", "''")}'`;
  return String(value);
}

interface ModelCollection {
  name: string;
  model: EntityModel;
  /** Properties besides the key that an update keeps (the mobileApp's createdDateTime). */
  kept?: string[];
  /** Creates the parents, if any. */
  setUp(store: TenantStore): Promise<void>;
  create(store: TenantStore, values: Values): Promise<unknown>;
  get(store: TenantStore, id: string): Promise<Values | undefined>;
  update(store: TenantStore, id: string, values: Values): Promise<unknown>;
  list(store: TenantStore, filter: string): Promise<Page<{ id: string }> | undefined>;
  /** For an entity of several concrete types: the type `create` gives, and a create of another. */
  types?: { created: string; create(store: TenantStore, values: Values, type: string): Promise<unknown> };
}

const withoutId = ({ id: _, ...rest }: Values): Values => rest;

/** A mobileApp as the model sees it: the record's own fields and its JSON properties side by side. */
const flatApp = (app: MobileAppRecord | undefined): Values | undefined =>
  app && {
    id: app.id,
    createdDateTime: app.createdDateTime,
    lastModifiedDateTime: app.lastModifiedDateTime,
    ...app.properties,
  };
const OWN = new Set(["id", "createdDateTime", "lastModifiedDateTime"]);
const appProperties = (values: Values): Values =>
  Object.fromEntries(Object.entries(values).filter(([k]) => !OWN.has(k)));

const collections: ModelCollection[] = [
  {
    name: "userAppInstallStatus",
    model: userAppInstallStatusModel,
    setUp: (store) => store.createMobileApp(mobileApp("app-1")),
    create: (store, values) => store.createUserStatus("app-1", values as never),
    get: (store, id) => store.getUserStatus("app-1", id),
    update: (store, id, values) => store.updateUserStatus("app-1", id, withoutId(values)),
    list: (store, filter) => store.listUserStatuses("app-1", listQuery(userAppInstallStatusModel, { filter })),
  },
  {
    name: "mobileAppInstallStatus (a user status's)",
    model: mobileAppInstallStatusModel,
    setUp: async (store) => {
      await store.createMobileApp(mobileApp("app-1"));
      await store.createUserStatus("app-1", userStatus("s1"));
    },
    create: (store, values) => store.createDeviceStatus("app-1", "s1", values as never),
    get: (store, id) => store.getDeviceStatus("app-1", "s1", id),
    update: (store, id, values) => store.updateDeviceStatus("app-1", "s1", id, withoutId(values)),
    list: (store, filter) =>
      store.listDeviceStatuses("app-1", "s1", listQuery(mobileAppInstallStatusModel, { filter })),
  },
  {
    name: "mobileAppInstallStatus (the app's own)",
    model: mobileAppInstallStatusModel,
    setUp: (store) => store.createMobileApp(mobileApp("app-1")),
    create: (store, values) => store.createAppDeviceStatus("app-1", values as never),
    get: (store, id) => store.getAppDeviceStatus("app-1", id),
    update: (store, id, values) => store.updateAppDeviceStatus("app-1", id, withoutId(values)),
    list: (store, filter) => store.listAppDeviceStatuses("app-1", listQuery(mobileAppInstallStatusModel, { filter })),
  },
  {
    name: "mobileApp",
    model: mobileAppModel,
    kept: ["createdDateTime"],
    setUp: async () => {},
    create: (store, values) =>
      store.createMobileApp({
        ...mobileApp(values.id as string),
        createdDateTime: values.createdDateTime as string,
        lastModifiedDateTime: values.lastModifiedDateTime as string,
        properties: appProperties(values),
      }),
    get: async (store, id) => flatApp(await store.getMobileApp(id)),
    update: (store, id, values) =>
      store.updateMobileApp(id, appProperties(values), values.lastModifiedDateTime as string),
    list: (store, filter) => store.listMobileApps(listQuery(mobileAppModel, { filter })),
    types: {
      created: "microsoft.graph.webApp",
      create: (store, values, type) =>
        store.createMobileApp({
          ...mobileApp(values.id as string),
          "@odata.type": `#${type}` as MobileAppRecord["@odata.type"],
          properties: appProperties(values),
        }),
    },
  },
];

const ids = (page: Page<{ id: string }> | undefined) => page?.items.map((item) => item.id);

export function describeModelContract(createStore: CreateStore): void {
  describe("every property of the entity models", () => {
    let opened: Store;
    let store: TenantStore;
    beforeEach(async () => {
      opened = await createStore();
      store = opened.forTenant(TENANT_A);
    });
    afterEach(async () => {
      await opened.close();
    });

    describe.each(collections)("$name", (collection) => {
      const first = valuesOf(collection.model, "r1", "first");
      const second = valuesOf(collection.model, "r2", "second");
      beforeEach(async () => {
        await collection.setUp(store);
        await collection.create(store, first);
        await collection.create(store, second);
      });

      it("round-trips every property through create and get", async () => {
        expect(await collection.get(store, "r1")).toEqual(first);
        expect(await collection.get(store, "r2")).toEqual(second);
      });

      it("round-trips every property through update and get", async () => {
        await collection.update(store, "r2", first);
        const kept = Object.fromEntries((collection.kept ?? []).map((name) => [name, second[name]]));
        expect(await collection.get(store, "r2")).toEqual({ ...first, id: "r2", ...kept });
      });

      it.each([...collection.model.properties.values()])("finds a record by $name eq its value", async (property) => {
        const filter = `${property.name} eq ${literal(property, first[property.name])}`;
        const { types } = collection;
        if (!property.declaredBy || !types || property.declaredBy.includes(types.created)) {
          expect(ids(await collection.list(store, filter))).toEqual(["r1"]);
          return;
        }
        // r1's type does not declare the property: it is null there, even if stored.
        expect(ids(await collection.list(store, filter))).toEqual([]);
        await types.create(store, { ...first, id: "r3" }, property.declaredBy[0] as string);
        expect(ids(await collection.list(store, filter))).toEqual(["r3"]);
      });

      const unset = [...collection.model.properties.values()].filter((property) => property.unset !== undefined);
      if (unset.length > 0) {
        it.each(unset)("reads an unwritten $name as the value the answer shows", async (property) => {
          const values = Object.fromEntries(
            Object.entries({ ...first, id: "r4" }).filter(([name]) => name !== property.name),
          );
          const type = property.declaredBy?.[0];
          await (type && collection.types
            ? collection.types.create(store, values, type)
            : collection.create(store, values));
          const value = typeof property.type === "object" ? Object.keys(property.type.members)[0] : property.unset;
          const found = ids(await collection.list(store, `${property.name} eq ${literal(property, value)}`));
          expect(found).toContain("r4");
          expect(found).not.toContain("r1");
          expect(ids(await collection.list(store, `${property.name} eq null`))).not.toContain("r4");
        });
      }
    });
  });
}
