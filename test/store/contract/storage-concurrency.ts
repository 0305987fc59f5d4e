import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { userAppInstallStatusModel } from "../../../src/model/entity-model.ts";
import type { Store, TenantStore } from "../../../src/store/store.ts";
import { allUserStatuses } from "../../helpers/store-views.ts";
import type { CreateStore } from "./fixtures.ts";
import {
  ids,
  inPortOrder,
  listQuery,
  MODIFIED,
  mobileApp,
  pad,
  scrambled,
  TENANT_A,
  TENANT_B,
  userStatus,
  userStatusesOfApp1,
} from "./fixtures.ts";

export function describeConcurrency(createStore: CreateStore): void {
  describe("concurrency", () => {
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

    describe("updateMobileApp", () => {
      it("loses none of several concurrent merges of different properties", async () => {
        await store.createMobileApp(mobileApp("app-1", { properties: {} }));
        const keys = Array.from({ length: 20 }, (_, n) => `property${String(n).padStart(2, "0")}`);
        await Promise.all(keys.map((key, n) => store.updateMobileApp("app-1", { [key]: n }, MODIFIED)));
        expect((await store.getMobileApp("app-1"))?.properties).toEqual(Object.fromEntries(keys.map((k, n) => [k, n])));
      });
    });

    describe("createUserStatus", () => {
      beforeEach(async () => {
        await store.createMobileApp(mobileApp("app-1"));
      });

      it("lands every one of 100 concurrent creates of distinct ids", async () => {
        const ids = Array.from({ length: 100 }, (_, n) => `s${String(n).padStart(3, "0")}`);
        const results = await Promise.all(ids.map((id) => store.createUserStatus("app-1", userStatus(id))));
        expect(results).toEqual(ids.map(() => "created"));
        expect(await allUserStatuses(store, "app-1")).toEqual(ids.map((id) => userStatus(id)));
      });

      it("answers created for exactly one of concurrent creates of the same id", async () => {
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, n) => store.createUserStatus("app-1", userStatus("s1", { userName: `${n}` }))),
        );
        expect(results.filter((result) => result === "created")).toHaveLength(1);
        expect(results.filter((result) => result === "duplicateId")).toHaveLength(9);
        const winner = results.indexOf("created");
        expect(await store.getUserStatus("app-1", "s1")).toEqual(userStatus("s1", { userName: `${winner}` }));
      });
    });

    // Calls made in the same turn of the event loop: the PostgreSQL store sends them as one statement.
    describe("creates and gets made together", () => {
      let other: TenantStore;
      beforeEach(async () => {
        other = opened.forTenant(TENANT_B);
        await store.createMobileApp(mobileApp("app-1"));
        await store.createMobileApp(mobileApp("app-2"));
        await other.createMobileApp(mobileApp("app-1"));
        await store.createUserStatus("app-1", userStatus("taken"));
      });

      it("gives each create its own outcome: a missing app or a taken id fails alone", async () => {
        // A missing app alone, then a taken id among missing apps (PostgreSQL checks keys before references).
        const missingApps = await Promise.all([
          store.createUserStatus("app-1", userStatus("a1")),
          store.createUserStatus("missing", userStatus("m1")),
          store.createUserStatus("app-2", userStatus("b1", { userName: null })),
        ]);
        expect(missingApps).toEqual(["created", "appNotFound", "created"]);
        const takenIds = await Promise.all([
          store.createUserStatus("app-1", userStatus("taken", { userName: "second" })),
          other.createUserStatus("app-1", userStatus("taken", { userName: "tenant B" })),
          other.createUserStatus("app-2", userStatus("a1")),
          store.createUserStatus("app-1", userStatus("a2")),
        ]);
        expect(takenIds).toEqual(["duplicateId", "created", "appNotFound", "created"]);
        expect((await allUserStatuses(store, "app-1"))?.map((record) => record.id)).toEqual(["a1", "a2", "taken"]);
        expect(await store.getUserStatus("app-1", "taken")).toEqual(userStatus("taken"));
        expect(await allUserStatuses(store, "app-2")).toEqual([userStatus("b1", { userName: null })]);
        expect(await allUserStatuses(other, "app-1")).toEqual([userStatus("taken", { userName: "tenant B" })]);
        expect(await store.getUserStatus("missing", "m1")).toBeUndefined();
      });

      it("lands all of a batch or, when one of them is refused, each of the others", async () => {
        const batch = Array.from({ length: 150 }, (_, n) => userStatus(`s${pad(n, 3)}`));
        expect(await Promise.all(batch.map((record) => store.createUserStatus("app-2", record)))).toEqual(
          batch.map(() => "created"),
        );
        const withDuplicate = [...batch.slice(0, 3).map((r) => ({ ...r, id: `${r.id}x` })), userStatus("s000")];
        expect(await Promise.all(withDuplicate.map((record) => store.createUserStatus("app-2", record)))).toEqual([
          "created",
          "created",
          "created",
          "duplicateId",
        ]);
        expect(await allUserStatuses(store, "app-2")).toHaveLength(153);
      });

      it("answers each get with its own status, never another tenant's or another app's", async () => {
        await other.createUserStatus("app-1", userStatus("theirs", { userName: "tenant B" }));
        await store.createUserStatus("app-2", userStatus("taken", { userName: "app 2" }));
        const [mine, inApp2, theirs, theirsFromB, missing, noApp] = await Promise.all([
          store.getUserStatus("app-1", "taken"),
          store.getUserStatus("app-2", "taken"),
          store.getUserStatus("app-1", "theirs"),
          other.getUserStatus("app-1", "theirs"),
          store.getUserStatus("app-1", "nobody"),
          store.getUserStatus("missing", "taken"),
        ]);
        expect(mine).toEqual(userStatus("taken"));
        expect(inApp2).toEqual(userStatus("taken", { userName: "app 2" }));
        expect(theirs).toBeUndefined();
        expect(theirsFromB).toEqual(userStatus("theirs", { userName: "tenant B" }));
        expect(missing).toBeUndefined();
        expect(noApp).toBeUndefined();
      });
    });

    describe("updateUserStatus", () => {
      beforeEach(async () => {
        await store.createMobileApp(mobileApp("app-1"));
        await store.createUserStatus("app-1", userStatus("s1"));
      });

      it("loses none of several concurrent updates of different properties", async () => {
        await Promise.all([
          store.updateUserStatus("app-1", "s1", { userName: "A" }),
          store.updateUserStatus("app-1", "s1", { userPrincipalName: "b@contoso.example" }),
          store.updateUserStatus("app-1", "s1", { installedDeviceCount: 10 }),
          store.updateUserStatus("app-1", "s1", { failedDeviceCount: 20 }),
          store.updateUserStatus("app-1", "s1", { notInstalledDeviceCount: 30 }),
        ]);
        expect(await store.getUserStatus("app-1", "s1")).toEqual({
          id: "s1",
          userName: "A",
          userPrincipalName: "b@contoso.example",
          installedDeviceCount: 10,
          failedDeviceCount: 20,
          notInstalledDeviceCount: 30,
        });
      });
    });

    describe("a walk while statuses are created and deleted", () => {
      it("sees every status that exists throughout exactly once, in order, and none deleted before its page", async () => {
        await store.createMobileApp(mobileApp("app-1"));
        const initial = Array.from({ length: 60 }, (_, i) =>
          userStatus(`s${pad(i, 3)}`, { failedDeviceCount: i % 4, userName: [null, "a", "b"][i % 3] ?? null }),
        );
        for (const record of initial) await store.createUserStatus("app-1", record);
        // A third of them are deleted during the walk, spread over the order; the rest exist throughout.
        const doomed = scrambled(initial.filter((_, i) => i % 3 === 1).map((record) => record.id));
        const steady = initial.filter((record) => !doomed.includes(record.id));
        const query = listQuery(userAppInstallStatusModel, { orderBy: "failedDeviceCount,userName desc", limit: 5 });

        const seen: string[] = [];
        const deleted = new Set<string>();
        let after: unknown[] | undefined;
        for (let step = 0; ; step++) {
          if (step > 1000) throw new Error("the walk does not end");
          const deletedBefore = new Set(deleted);
          const victims = doomed.splice(0, 2);
          // Newcomers sort among the others: sNNNn follows sNNN.
          const newcomers = [0, 1].map((k) =>
            userStatus(`s${pad((step * 11 + k * 29) % 60, 3)}n${step}`, { failedDeviceCount: (step + k) % 4 }),
          );
          const pagePromise = store.listUserStatuses("app-1", { ...query, after });
          const writes = await Promise.all([
            ...newcomers.map((record) => store.createUserStatus("app-1", record)),
            ...victims.map((id) => store.deleteUserStatus("app-1", id)),
          ]);
          expect(writes).toEqual([...newcomers.map(() => "created"), ...victims.map(() => true)]);
          for (const id of victims) deleted.add(id);
          const page = await pagePromise;
          if (!page) throw new Error("the app vanished");
          for (const id of ids(page.items))
            expect(deletedBefore.has(id), `${id} was deleted before its page`).toBe(false);
          seen.push(...ids(page.items));
          if (!page.nextCursor) break;
          after = page.nextCursor;
        }

        expect(seen.length).toBe(new Set(seen).size);
        const steadyIds = new Set(ids(steady));
        expect(seen.filter((id) => steadyIds.has(id))).toEqual(
          ids(inPortOrder(steady, query.orderBy, userStatusesOfApp1.sortValue)),
        );
      });
    });
  });
}
