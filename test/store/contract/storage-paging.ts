import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseOrderBy } from "../../../src/graph/odata/query-options.ts";
import { userAppInstallStatusModel } from "../../../src/model/entity-model.ts";
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

function describePaging<T extends { id: string }>(collection: PagedCollection<T>, storeOf: () => TenantStore): void {
  const { model, sortValue } = collection;

  describe(`${collection.method} pages and orders a ListQuery`, () => {
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

    it("answers at most limit items, with a nextCursor only while more items follow", async () => {
      const n = items.length;
      const first = await page({ limit: 5 });
      expect(ids(first.items)).toEqual(ids(items.slice(0, 5)));
      expect(first.nextCursor).toBeDefined();
      expect((await page({ limit: n - 1 })).nextCursor).toBeDefined();
      const exact = await page({ limit: n });
      expect(exact.items).toEqual(items);
      expect(exact.nextCursor).toBeUndefined();
      expect((await page({ limit: n + 1 })).nextCursor).toBeUndefined();
    });

    it("continues after a nextCursor exactly where the previous page stopped", async () => {
      const n = items.length;
      const first = await page({ limit: 3 });
      const second = await page({ limit: 3, after: first.nextCursor });
      expect(ids([...first.items, ...second.items])).toEqual(ids(items.slice(0, 6)));

      const allButOne = await page({ limit: n - 1 });
      const rest = await page({ limit: 5, after: allButOne.nextCursor });
      expect(ids(rest.items)).toEqual(ids(items.slice(n - 1)));
      expect(rest.nextCursor).toBeUndefined();
    });

    it("skips the first skip items, and a skipped page continues by its cursor", async () => {
      const n = items.length;
      const skipped = await page({ skip: 2, limit: 3 });
      expect(ids(skipped.items)).toEqual(ids(items.slice(2, 5)));
      const next = await page({ limit: 3, after: skipped.nextCursor });
      expect(ids(next.items)).toEqual(ids(items.slice(5, 8)));

      const last = await page({ skip: n - 1, limit: 3 });
      expect(ids(last.items)).toEqual(ids(items.slice(n - 1)));
      expect(last.nextCursor).toBeUndefined();
      const beyond = await page({ skip: n, limit: 3 });
      expect(beyond.items).toEqual([]);
      expect(beyond.nextCursor).toBeUndefined();
    });

    it.each(collection.orderings)(
      "orders by '%s', NULL as the smallest value (first ascending, last descending), ties by id",
      async (orderBy) => {
        const expected = inPortOrder(items, parseOrderBy(orderBy, model), sortValue);
        expect(ids((await page({ orderBy })).items)).toEqual(ids(expected));
      },
    );

    const walks = collection.orderings.flatMap((orderBy) => [1, 4, 7].map((limit) => ({ orderBy, limit })));
    it.each(walks)("walks pages of $limit ordered by $orderBy: the full ordered list, each item once", async (w) => {
      const { seen, pages } = await walk(w);
      expect(ids(seen)).toEqual(ids(inPortOrder(items, parseOrderBy(w.orderBy, model), sortValue)));
      expect(pages).toBe(Math.ceil(items.length / w.limit));
    });
  });
}

export function describePagingContract(createStore: CreateStore): void {
  describe("paging", () => {
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

    describePaging(userStatusesOfApp1, () => store);
    describePaging(mobileApps, () => store);
    describePaging(deviceStatusesOfS1, () => store);

    describe("listUserStatuses ordering", () => {
      beforeEach(async () => {
        await store.createMobileApp(mobileApp("app-1"));
        const rows: Array<[string, string | null, number]> = [
          ["s1", "b", 0],
          ["s2", null, 1],
          ["s3", "a", 0],
          ["s4", null, 0],
          ["s5", "b", 1],
        ];
        for (const [id, userName, failedDeviceCount] of rows) {
          await store.createUserStatus("app-1", userStatus(id, { userName, failedDeviceCount }));
        }
      });
      const order = async (orderBy: string) =>
        (await store.listUserStatuses("app-1", listQuery(userAppInstallStatusModel, { orderBy })))?.items.map(
          (status) => status.id,
        );
      /** The ids of a walk in pages of one, each page after the previous one's cursor. */
      async function walk(orderBy: string): Promise<string[]> {
        const seen: string[] = [];
        let after: unknown[] | undefined;
        for (let pages = 0; pages < 10; pages++) {
          const query = listQuery(userAppInstallStatusModel, { orderBy, after, limit: 1 });
          const page = await store.listUserStatuses("app-1", query);
          seen.push(...ids(page?.items ?? []));
          if (!page?.nextCursor) break;
          after = page.nextCursor;
        }
        return seen;
      }

      it("sorts NULL as the smallest value: first ascending, last descending, ties broken by id ascending", async () => {
        expect(await order("userName")).toEqual(["s2", "s4", "s3", "s1", "s5"]);
        expect(await order("userName desc")).toEqual(["s1", "s5", "s3", "s2", "s4"]);
      });

      it("orders by id from where id is a sort key: the keys after it cannot reorder unique ids", async () => {
        expect(await order("id desc,userName")).toEqual(["s5", "s4", "s3", "s2", "s1"]);
        expect(await order("userName desc,id desc,failedDeviceCount")).toEqual(["s5", "s1", "s3", "s4", "s2"]);
        expect(await walk("userName desc,id desc,failedDeviceCount")).toEqual(["s5", "s1", "s3", "s4", "s2"]);
      });

      it("continues after a cursor whose descending key is NULL, behind an equal ascending key", async () => {
        // Ordered: s1 (0, 'b'), s3 (0, 'a'), s4 (0, NULL), s5 (1, 'b'), s2 (1, NULL); pages of one end on each.
        expect(await walk("failedDeviceCount,userName desc")).toEqual(["s1", "s3", "s4", "s5", "s2"]);
      });
    });
  });
}
