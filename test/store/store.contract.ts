// The Store port's conformance suite: what every adapter must do, given a factory for a fresh, empty store.
// Adapter-neutral on purpose: only the port's methods, ids whose order is the same in every collation, and
// times in the ISO form the handlers write. Each adapter's test file calls describeStoreContract().
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MobileAppRecord, Store, UserAppInstallStatusRecord } from "../../src/store/store.ts";
import { allMobileApps, allUserStatuses } from "../helpers/store-views.ts";

const CREATED = "2024-05-01T10:00:00.000Z";
const MODIFIED = "2024-05-02T11:30:15.250Z";

export function mobileApp(id: string, overrides: Partial<MobileAppRecord> = {}): MobileAppRecord {
  return {
    id,
    "@odata.type": "#microsoft.graph.webApp",
    createdDateTime: CREATED,
    lastModifiedDateTime: CREATED,
    properties: { displayName: `App ${id}`, appUrl: "https://contoso.example" },
    ...overrides,
  };
}

export function userStatus(
  id: string,
  overrides: Partial<UserAppInstallStatusRecord> = {},
): UserAppInstallStatusRecord {
  return {
    id,
    userName: `User ${id}`,
    userPrincipalName: `${id}@contoso.example`,
    installedDeviceCount: 4,
    failedDeviceCount: 1,
    notInstalledDeviceCount: 7,
    ...overrides,
  };
}

export function describeStoreContract(name: string, createStore: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await createStore();
    });
    afterEach(async () => {
      await store.close();
    });

    describe("ping", () => {
      it("resolves when the store answers", async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });

    describe("createMobileApp and getMobileApp", () => {
      it("read back the app as it was created, its properties' JSON included", async () => {
        const app = mobileApp("app-1", {
          "@odata.type": "#microsoft.graph.iosStoreApp",
          lastModifiedDateTime: MODIFIED,
          properties: {
            displayName: "Contoso ✓ Ünïcødé 用户",
            description: null,
            isFeatured: false,
            publishingState: "published",
            bundleId: "com.contoso.app",
            applicableDeviceType: { iPad: true, iPhoneAndIPod: false },
            minimumSupportedOperatingSystem: { v15_0: true },
            notes: "",
            size: 2147483647,
            ratio: 0.25,
            tags: ["a", "b", { nested: [1, null] }],
          },
        });
        await store.createMobileApp(app);
        expect(await store.getMobileApp("app-1")).toEqual(app);
      });

      it("keeps a null property as a value, not as a missing key", async () => {
        await store.createMobileApp(mobileApp("app-1", { properties: { description: null } }));
        const stored = await store.getMobileApp("app-1");
        expect(stored?.properties).toHaveProperty("description", null);
      });

      it("answer undefined for an id that was never created", async () => {
        expect(await store.getMobileApp("missing")).toBeUndefined();
      });
    });

    describe("listMobileApps", () => {
      it("lists nothing in an empty store", async () => {
        expect(await allMobileApps(store)).toEqual([]);
      });

      it("lists every app, ordered by id", async () => {
        for (const id of ["c", "a", "d", "b"]) await store.createMobileApp(mobileApp(id));
        expect(await allMobileApps(store)).toEqual(["a", "b", "c", "d"].map((id) => mobileApp(id)));
      });
    });

    describe("updateMobileApp", () => {
      it("merges the properties into the stored ones and returns the updated app, as getMobileApp then reads it", async () => {
        await store.createMobileApp(
          mobileApp("app-1", { properties: { displayName: "Old", appUrl: "https://old.example", notes: "kept" } }),
        );
        const updated = await store.updateMobileApp(
          "app-1",
          { displayName: "New", description: "added", appUrl: null },
          MODIFIED,
        );
        const expected = mobileApp("app-1", {
          lastModifiedDateTime: MODIFIED,
          properties: { displayName: "New", appUrl: null, notes: "kept", description: "added" },
        });
        expect(updated).toEqual(expected);
        expect(await store.getMobileApp("app-1")).toEqual(expected);
      });

      it("keeps the id, the type and createdDateTime", async () => {
        await store.createMobileApp(mobileApp("app-1", { "@odata.type": "#microsoft.graph.androidStoreApp" }));
        const updated = await store.updateMobileApp("app-1", { displayName: "Renamed" }, MODIFIED);
        expect(updated).toMatchObject({
          id: "app-1",
          "@odata.type": "#microsoft.graph.androidStoreApp",
          createdDateTime: CREATED,
          lastModifiedDateTime: MODIFIED,
        });
      });

      it("answers undefined for an unknown app and creates nothing", async () => {
        expect(await store.updateMobileApp("missing", { displayName: "Ghost" }, MODIFIED)).toBeUndefined();
        expect(await allMobileApps(store)).toEqual([]);
      });

      it("loses none of several concurrent merges of different properties", async () => {
        await store.createMobileApp(mobileApp("app-1", { properties: {} }));
        const keys = Array.from({ length: 20 }, (_, n) => `property${String(n).padStart(2, "0")}`);
        await Promise.all(keys.map((key, n) => store.updateMobileApp("app-1", { [key]: n }, MODIFIED)));
        expect((await store.getMobileApp("app-1"))?.properties).toEqual(Object.fromEntries(keys.map((k, n) => [k, n])));
      });
    });

    describe("deleteMobileApp", () => {
      it("answers true and removes the app, leaving the others", async () => {
        await store.createMobileApp(mobileApp("app-1"));
        await store.createMobileApp(mobileApp("app-2"));
        expect(await store.deleteMobileApp("app-1")).toBe(true);
        expect(await store.getMobileApp("app-1")).toBeUndefined();
        expect(await allMobileApps(store)).toEqual([mobileApp("app-2")]);
      });

      it("answers false for an app that does not exist", async () => {
        expect(await store.deleteMobileApp("missing")).toBe(false);
      });

      it("deletes the app's user statuses with it, and only those", async () => {
        await store.createMobileApp(mobileApp("app-1"));
        await store.createMobileApp(mobileApp("app-2"));
        await store.createUserStatus("app-1", userStatus("s1"));
        await store.createUserStatus("app-1", userStatus("s2"));
        await store.createUserStatus("app-2", userStatus("s1"));

        expect(await store.deleteMobileApp("app-1")).toBe(true);
        expect(await store.getUserStatus("app-1", "s1")).toBeUndefined();
        expect(await allUserStatuses(store, "app-1")).toBeUndefined();
        expect(await allUserStatuses(store, "app-2")).toEqual([userStatus("s1")]);

        // Gone, not hidden: an app created again with the same id starts empty.
        await store.createMobileApp(mobileApp("app-1"));
        expect(await allUserStatuses(store, "app-1")).toEqual([]);
        expect(await store.createUserStatus("app-1", userStatus("s1"))).toBe("created");
      });
    });

    describe("createUserStatus", () => {
      beforeEach(async () => {
        await store.createMobileApp(mobileApp("app-1"));
      });

      it("answers created, and getUserStatus reads back the record exactly", async () => {
        const status = userStatus("s1");
        expect(await store.createUserStatus("app-1", status)).toBe("created");
        expect(await store.getUserStatus("app-1", "s1")).toEqual(status);
      });

      it("round-trips null names, Int32 limits, 1024-character and non-ASCII strings and a 128-character id", async () => {
        const records = [
          userStatus("s-null", { userName: null, userPrincipalName: null }),
          userStatus("s-limits", {
            installedDeviceCount: 2147483647,
            failedDeviceCount: -2147483648,
            notInstalledDeviceCount: 0,
          }),
          userStatus("s-text", { userName: "ü✓用户 '\"; --".padEnd(1024, "x"), userPrincipalName: "" }),
          userStatus("k".repeat(128)),
        ];
        for (const record of records) expect(await store.createUserStatus("app-1", record)).toBe("created");
        for (const record of records) expect(await store.getUserStatus("app-1", record.id)).toEqual(record);
      });

      it("answers appNotFound for an unknown app and stores nothing", async () => {
        expect(await store.createUserStatus("missing", userStatus("s1"))).toBe("appNotFound");
        expect(await allUserStatuses(store, "missing")).toBeUndefined();
        expect(await store.getUserStatus("missing", "s1")).toBeUndefined();
      });

      it("answers duplicateId for an id the app already has, keeping the first record", async () => {
        await store.createUserStatus("app-1", userStatus("s1"));
        expect(await store.createUserStatus("app-1", userStatus("s1", { userName: "Second" }))).toBe("duplicateId");
        expect(await store.getUserStatus("app-1", "s1")).toEqual(userStatus("s1"));
      });

      it("scopes ids to their app: the same id in two apps is two records", async () => {
        await store.createMobileApp(mobileApp("app-2"));
        expect(await store.createUserStatus("app-1", userStatus("s1", { userName: "In app 1" }))).toBe("created");
        expect(await store.createUserStatus("app-2", userStatus("s1", { userName: "In app 2" }))).toBe("created");

        await store.updateUserStatus("app-2", "s1", { failedDeviceCount: 99 });
        expect(await store.getUserStatus("app-1", "s1")).toEqual(userStatus("s1", { userName: "In app 1" }));
        expect(await store.deleteUserStatus("app-2", "s1")).toBe(true);
        expect(await store.getUserStatus("app-1", "s1")).toEqual(userStatus("s1", { userName: "In app 1" }));
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

    describe("listUserStatuses", () => {
      it("answers undefined for an app that does not exist", async () => {
        expect(await allUserStatuses(store, "missing")).toBeUndefined();
      });

      it("answers an empty list for an app without statuses", async () => {
        await store.createMobileApp(mobileApp("app-1"));
        expect(await allUserStatuses(store, "app-1")).toEqual([]);
      });

      it("lists the app's statuses, and only those, ordered by id", async () => {
        await store.createMobileApp(mobileApp("app-1"));
        await store.createMobileApp(mobileApp("app-2"));
        for (const id of ["c", "a", "d", "b"]) await store.createUserStatus("app-1", userStatus(id));
        await store.createUserStatus("app-2", userStatus("e"));
        expect(await allUserStatuses(store, "app-1")).toEqual(["a", "b", "c", "d"].map((id) => userStatus(id)));
      });
    });

    describe("getUserStatus", () => {
      it("answers undefined for an unknown status, or an unknown app", async () => {
        await store.createMobileApp(mobileApp("app-1"));
        await store.createUserStatus("app-1", userStatus("s1"));
        expect(await store.getUserStatus("app-1", "missing")).toBeUndefined();
        expect(await store.getUserStatus("missing", "s1")).toBeUndefined();
      });
    });

    describe("updateUserStatus", () => {
      beforeEach(async () => {
        await store.createMobileApp(mobileApp("app-1"));
        await store.createUserStatus("app-1", userStatus("s1"));
      });

      it("changes only the given properties and returns the record, as getUserStatus then reads it", async () => {
        const updated = await store.updateUserStatus("app-1", "s1", { failedDeviceCount: 0, userName: null });
        const expected = userStatus("s1", { failedDeviceCount: 0, userName: null });
        expect(updated).toEqual(expected);
        expect(await store.getUserStatus("app-1", "s1")).toEqual(expected);
      });

      it("returns the record unchanged for no changes", async () => {
        expect(await store.updateUserStatus("app-1", "s1", {})).toEqual(userStatus("s1"));
        expect(await store.getUserStatus("app-1", "s1")).toEqual(userStatus("s1"));
      });

      it("answers undefined for an unknown status or app, and creates nothing", async () => {
        expect(await store.updateUserStatus("app-1", "missing", { failedDeviceCount: 2 })).toBeUndefined();
        expect(await store.updateUserStatus("missing", "s1", { failedDeviceCount: 2 })).toBeUndefined();
        expect(await allUserStatuses(store, "app-1")).toEqual([userStatus("s1")]);
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

    describe("deleteUserStatus", () => {
      beforeEach(async () => {
        await store.createMobileApp(mobileApp("app-1"));
        await store.createUserStatus("app-1", userStatus("s1"));
        await store.createUserStatus("app-1", userStatus("s2"));
      });

      it("answers true and removes the status, leaving the others", async () => {
        expect(await store.deleteUserStatus("app-1", "s1")).toBe(true);
        expect(await store.getUserStatus("app-1", "s1")).toBeUndefined();
        expect(await allUserStatuses(store, "app-1")).toEqual([userStatus("s2")]);
      });

      it("answers false when the status is absent: never created, already deleted, or in an unknown app", async () => {
        expect(await store.deleteUserStatus("app-1", "missing")).toBe(false);
        await store.deleteUserStatus("app-1", "s1");
        expect(await store.deleteUserStatus("app-1", "s1")).toBe(false);
        expect(await store.deleteUserStatus("missing", "s2")).toBe(false);
        expect(await allUserStatuses(store, "app-1")).toEqual([userStatus("s2")]);
      });

      it("frees the id: a new status with it can be created", async () => {
        await store.deleteUserStatus("app-1", "s1");
        expect(await store.createUserStatus("app-1", userStatus("s1", { userName: "Again" }))).toBe("created");
        expect(await store.getUserStatus("app-1", "s1")).toEqual(userStatus("s1", { userName: "Again" }));
      });
    });
  });
}
