import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseFilter } from "../../../src/graph/odata/filter-parser.ts";
import { parseOrderBy } from "../../../src/graph/odata/query-options.ts";
import { mobileAppInstallStatusModel, userAppInstallStatusModel } from "../../../src/model/entity-model.ts";
import type { Page } from "../../../src/model/list-query.ts";
import type { Store, TenantStore } from "../../../src/store/store.ts";
import type { CreateStore } from "./fixtures.ts";
import {
  deviceStatusesOfS1,
  ids,
  inPortOrder,
  listQuery,
  mobileApp,
  mobileApps,
  type PagedCollection,
  type QueryOptions,
  TENANT_A,
  userStatus,
  userStatusesOfApp1,
} from "./fixtures.ts";

function describeFiltering<T extends { id: string }>(collection: PagedCollection<T>, storeOf: () => TenantStore): void {
  const { model, sortValue } = collection;

  describe(`${collection.method} filters a ListQuery`, () => {
    let store: TenantStore;
    /** The collection's items, in id order. */
    let items: T[];
    beforeEach(async () => {
      store = storeOf();
      items = inPortOrder(await collection.seed(store), [], sortValue);
    });

    async function page(options: QueryOptions): Promise<Page<T>> {
      const answer = await collection.list(store, listQuery(model, options));
      if (!answer) throw new Error(`${collection.method} answered undefined for a collection that exists`);
      return answer;
    }

    /** Every page from the first, each after the previous one's nextCursor. */
    async function walk(options: QueryOptions & { limit: number }): Promise<{ seen: T[]; pages: number }> {
      const seen: T[] = [];
      let after: unknown[] | undefined;
      for (let pages = 1; pages <= 1000; pages++) {
        const current = await page({ ...options, after });
        seen.push(...current.items);
        if (!current.nextCursor) return { seen, pages };
        expect(current.items).toHaveLength(options.limit);
        after = current.nextCursor;
      }
      throw new Error("the walk does not end");
    }

    it.each(collection.filters)("executes the filter $filter, and counts the items it matches", async (c) => {
      const expected = items.filter(c.matches);
      // The case discriminates: it keeps some items and drops others.
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(items.length);
      expect(ids((await page({ filter: c.filter })).items)).toEqual(ids(expected));
      expect(await collection.count(store, parseFilter(c.filter, model))).toBe(expected.length);
    });

    it("walks a filtered, ordered collection page by page", async () => {
      const [first] = collection.filters;
      const orderBy = collection.orderings.at(-1) ?? "";
      if (!first) throw new Error("the collection has no filter cases");
      const { seen } = await walk({ filter: first.filter, orderBy, limit: 2 });
      expect(ids(seen)).toEqual(ids(inPortOrder(items.filter(first.matches), parseOrderBy(orderBy, model), sortValue)));
    });

    it("counts every item of the collection without a filter", async () => {
      expect(await collection.count(store, undefined)).toBe(items.length);
    });
  });
}

export function describeFilterContract(createStore: CreateStore): void {
  describe("filter", () => {
    let opened: Store;
    /** The tenant most tests work in; the tenants capability checks that the others never see it. */
    let store: TenantStore;
    beforeEach(async () => {
      opened = await createStore();
      store = opened.forTenant(TENANT_A);
    });
    afterEach(async () => {
      await opened.close();
    });

    describeFiltering(userStatusesOfApp1, () => store);
    describeFiltering(mobileApps, () => store);
    describeFiltering(deviceStatusesOfS1, () => store);

    describe("counts", () => {
      it("countMobileApps counts 0 in an empty store", async () => {
        expect(await store.countMobileApps(undefined)).toBe(0);
      });

      it("countUserStatuses answers undefined for an unknown app, 0 for an app without statuses", async () => {
        await store.createMobileApp(mobileApp("app-1"));
        expect(await store.countUserStatuses("missing", undefined)).toBeUndefined();
        const filter = parseFilter("failedDeviceCount gt 0", userAppInstallStatusModel);
        expect(await store.countUserStatuses("missing", filter)).toBeUndefined();
        expect(await store.countUserStatuses("app-1", undefined)).toBe(0);
      });

      it("listDeviceStatuses and countDeviceStatuses answer undefined for an unknown user status or app", async () => {
        await store.createMobileApp(mobileApp("app-1"));
        await store.createMobileApp(mobileApp("app-2"));
        await store.createUserStatus("app-1", userStatus("s1"));
        const everything = listQuery(mobileAppInstallStatusModel);
        for (const [appId, userStatusId] of [
          ["app-1", "missing"],
          ["missing", "s1"],
          ["app-2", "s1"],
        ] as const) {
          expect(await store.listDeviceStatuses(appId, userStatusId, everything)).toBeUndefined();
          expect(await store.countDeviceStatuses(appId, userStatusId, undefined)).toBeUndefined();
        }
        expect(await store.listDeviceStatuses("app-1", "s1", everything)).toEqual({ items: [] });
        expect(await store.countDeviceStatuses("app-1", "s1", undefined)).toBe(0);
      });
    });
  });
}
