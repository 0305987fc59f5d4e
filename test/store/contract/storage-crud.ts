import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mobileAppInstallStatusModel } from "../../../src/model/entity-model.ts";
import type { MobileAppInstallStatusRecord, Store, TenantStore } from "../../../src/store/store.ts";
import { allMobileApps, allUserStatuses } from "../../helpers/store-views.ts";
import type { CreateStore } from "./fixtures.ts";
import {
  APP_STATE_DETAILS,
  APP_STATES,
  type AppState,
  CREATED,
  compareValues,
  deviceStatus,
  listQuery,
  MODIFIED,
  mobileApp,
  pad,
  TENANT_A,
  userStatus,
} from "./fixtures.ts";

export function describeCrud(createStore: CreateStore): void {
  describe("crud", () => {
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

    describe("ping", () => {
      it("resolves when the store answers", async () => {
        await expect(opened.ping()).resolves.toBeUndefined();
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
    });

    describe("importUserStatuses", () => {
      it("loads a batch of 5,000 at once, and a duplicate id fails the whole batch", async () => {
        await store.createMobileApp(mobileApp("app-1"));
        const batch = Array.from({ length: 5000 }, (_, i) => userStatus(`s${String(i).padStart(4, "0")}`));
        await store.importUserStatuses("app-1", batch);
        expect(await store.countUserStatuses("app-1", undefined)).toBe(5000);
        expect(await store.getUserStatus("app-1", "s4999")).toEqual(userStatus("s4999"));
        await expect(store.importUserStatuses("app-1", [userStatus("new"), userStatus("s0000")])).rejects.toThrow();
        expect(await store.getUserStatus("app-1", "new")).toBeUndefined();
        expect(await store.countUserStatuses("app-1", undefined)).toBe(5000);
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

    describe("createDeviceStatus and getDeviceStatus", () => {
      beforeEach(async () => {
        await store.createMobileApp(mobileApp("app-1"));
        await store.createUserStatus("app-1", userStatus("s1"));
      });

      it("answers created, and getDeviceStatus reads back the record exactly", async () => {
        const device = deviceStatus("d1", { installState: "failed", installStateDetail: "seeInstallErrorCode" });
        expect(await store.createDeviceStatus("app-1", "s1", device)).toBe("created");
        expect(await store.getDeviceStatus("app-1", "s1", "d1")).toEqual(device);
      });

      it("round-trips null strings, Int32 limits, non-ASCII text and dates from year 1 to 9999", async () => {
        const records = [
          deviceStatus("d-null", {
            deviceName: null,
            deviceId: null,
            osVersion: null,
            osDescription: null,
            userName: null,
            userPrincipalName: null,
            displayVersion: null,
          }),
          deviceStatus("d-min", { errorCode: -2147483648, lastSyncDateTime: "0001-01-01T00:00:00.000Z" }),
          deviceStatus("d-max", { errorCode: 2147483647, lastSyncDateTime: "9999-12-31T23:59:59.999Z" }),
          deviceStatus("d-leap", { lastSyncDateTime: "2024-02-29T12:34:56.789Z", deviceName: "ü✓用户 '\"; --" }),
        ];
        for (const record of records) expect(await store.createDeviceStatus("app-1", "s1", record)).toBe("created");
        for (const record of records) expect(await store.getDeviceStatus("app-1", "s1", record.id)).toEqual(record);
      });

      it("round-trips every member of resultantAppState, in installState and mobileAppInstallStatusValue", async () => {
        const records = APP_STATES.map((name, i) =>
          deviceStatus(`d${pad(i)}`, {
            installState: name,
            mobileAppInstallStatusValue: APP_STATES[APP_STATES.length - 1 - i] as AppState,
          }),
        );
        for (const record of records) await store.createDeviceStatus("app-1", "s1", record);
        const read = await Promise.all(records.map((record) => store.getDeviceStatus("app-1", "s1", record.id)));
        expect(read).toEqual(records);
      });

      it("round-trips every member of resultantAppStateDetail, negative values included", async () => {
        const records = APP_STATE_DETAILS.map((name, i) => deviceStatus(`d${pad(i)}`, { installStateDetail: name }));
        for (const record of records) await store.createDeviceStatus("app-1", "s1", record);
        const read = await Promise.all(records.map((record) => store.getDeviceStatus("app-1", "s1", record.id)));
        expect(read).toEqual(records);
      });

      it("answers parentNotFound for an unknown user status or app, and stores nothing", async () => {
        expect(await store.createDeviceStatus("app-1", "missing", deviceStatus("d1"))).toBe("parentNotFound");
        expect(await store.createDeviceStatus("missing", "s1", deviceStatus("d1"))).toBe("parentNotFound");
        expect(await store.getDeviceStatus("app-1", "missing", "d1")).toBeUndefined();
        expect(await store.getDeviceStatus("missing", "s1", "d1")).toBeUndefined();
        expect(await store.countDeviceStatuses("app-1", "s1", undefined)).toBe(0);
      });

      it("answers duplicateId for an id the user status already has, keeping the first record", async () => {
        await store.createDeviceStatus("app-1", "s1", deviceStatus("d1"));
        const second = deviceStatus("d1", { deviceName: "Second" });
        expect(await store.createDeviceStatus("app-1", "s1", second)).toBe("duplicateId");
        expect(await store.getDeviceStatus("app-1", "s1", "d1")).toEqual(deviceStatus("d1"));
      });

      it("scopes ids to their user status: the same id under two user statuses, or two apps, is three records", async () => {
        await store.createMobileApp(mobileApp("app-2"));
        await store.createUserStatus("app-1", userStatus("s2"));
        await store.createUserStatus("app-2", userStatus("s1"));
        const keys = [
          ["app-1", "s1"],
          ["app-1", "s2"],
          ["app-2", "s1"],
        ] as const;
        for (const [appId, userStatusId] of keys) {
          const record = deviceStatus("d1", { deviceName: `${appId}/${userStatusId}` });
          expect(await store.createDeviceStatus(appId, userStatusId, record)).toBe("created");
        }
        await store.updateDeviceStatus("app-1", "s2", "d1", { errorCode: 7 });
        expect(await store.deleteDeviceStatus("app-2", "s1", "d1")).toBe(true);
        expect(await store.getDeviceStatus("app-1", "s1", "d1")).toEqual(
          deviceStatus("d1", { deviceName: "app-1/s1" }),
        );
        expect(await store.getDeviceStatus("app-1", "s2", "d1")).toEqual(
          deviceStatus("d1", { deviceName: "app-1/s2", errorCode: 7 }),
        );
      });
    });

    describe("updateDeviceStatus", () => {
      beforeEach(async () => {
        await store.createMobileApp(mobileApp("app-1"));
        await store.createUserStatus("app-1", userStatus("s1"));
        await store.createDeviceStatus("app-1", "s1", deviceStatus("d1"));
      });

      it("merges the given properties and returns the record, as getDeviceStatus then reads it", async () => {
        const changes = {
          installState: "failed",
          installStateDetail: "minimumOsVersionNotMet",
          lastSyncDateTime: "2024-06-30T23:59:59.001Z",
          deviceName: null,
          errorCode: -2016330712,
        } as const;
        const updated = await store.updateDeviceStatus("app-1", "s1", "d1", changes);
        expect(updated).toEqual(deviceStatus("d1", changes));
        expect(await store.getDeviceStatus("app-1", "s1", "d1")).toEqual(updated);
      });

      it("returns the record unchanged for no changes", async () => {
        expect(await store.updateDeviceStatus("app-1", "s1", "d1", {})).toEqual(deviceStatus("d1"));
      });

      it("answers undefined for an unknown device status, user status or app, and creates nothing", async () => {
        expect(await store.updateDeviceStatus("app-1", "s1", "missing", { errorCode: 1 })).toBeUndefined();
        expect(await store.updateDeviceStatus("app-1", "missing", "d1", { errorCode: 1 })).toBeUndefined();
        expect(await store.updateDeviceStatus("missing", "s1", "d1", { errorCode: 1 })).toBeUndefined();
        expect(await store.countDeviceStatuses("app-1", "s1", undefined)).toBe(1);
        expect(await store.getDeviceStatus("app-1", "s1", "d1")).toEqual(deviceStatus("d1"));
      });
    });

    describe("deleteDeviceStatus", () => {
      beforeEach(async () => {
        await store.createMobileApp(mobileApp("app-1"));
        await store.createUserStatus("app-1", userStatus("s1"));
        await store.createDeviceStatus("app-1", "s1", deviceStatus("d1"));
        await store.createDeviceStatus("app-1", "s1", deviceStatus("d2"));
      });

      it("answers true and removes the device status, leaving the others", async () => {
        expect(await store.deleteDeviceStatus("app-1", "s1", "d1")).toBe(true);
        expect(await store.getDeviceStatus("app-1", "s1", "d1")).toBeUndefined();
        const page = await store.listDeviceStatuses("app-1", "s1", listQuery(mobileAppInstallStatusModel));
        expect(page?.items).toEqual([deviceStatus("d2")]);
      });

      it("answers false when it is absent: never created, already deleted, or under an unknown parent", async () => {
        expect(await store.deleteDeviceStatus("app-1", "s1", "missing")).toBe(false);
        await store.deleteDeviceStatus("app-1", "s1", "d1");
        expect(await store.deleteDeviceStatus("app-1", "s1", "d1")).toBe(false);
        expect(await store.deleteDeviceStatus("app-1", "missing", "d2")).toBe(false);
        expect(await store.deleteDeviceStatus("missing", "s1", "d2")).toBe(false);
        expect(await store.countDeviceStatuses("app-1", "s1", undefined)).toBe(1);
      });
    });

    describe("deviceStatusesOf", () => {
      beforeEach(async () => {
        await store.createMobileApp(mobileApp("app-1"));
        await store.createMobileApp(mobileApp("app-2"));
        for (const id of ["s1", "s2", "s3"]) await store.createUserStatus("app-1", userStatus(id));
        await store.createUserStatus("app-2", userStatus("s1"));
        for (const id of ["d3", "d1", "d2"]) await store.createDeviceStatus("app-1", "s1", deviceStatus(id));
        await store.createDeviceStatus("app-1", "s3", deviceStatus("d1", { deviceName: "of s3" }));
        await store.createDeviceStatus("app-2", "s1", deviceStatus("d9"));
      });

      const byId = (records: MobileAppInstallStatusRecord[] | undefined) =>
        [...(records ?? [])].sort((a, b) => compareValues(a.id, b.id));

      it("groups the device statuses of the given user statuses of one app by user status id", async () => {
        const grouped = await store.deviceStatusesOf("app-1", ["s1", "s2", "s3"]);
        expect([...grouped.keys()].sort()).toEqual(["s1", "s2", "s3"]);
        expect(byId(grouped.get("s1"))).toEqual(["d1", "d2", "d3"].map((id) => deviceStatus(id)));
        expect(grouped.get("s2")).toEqual([]);
        expect(grouped.get("s3")).toEqual([deviceStatus("d1", { deviceName: "of s3" })]);
      });

      it("answers only the ids asked for, an empty list for an unknown one, and nothing of other apps", async () => {
        const grouped = await store.deviceStatusesOf("app-1", ["s3", "unknown"]);
        expect([...grouped.keys()].sort()).toEqual(["s3", "unknown"]);
        expect(grouped.get("unknown")).toEqual([]);
        expect(await store.deviceStatusesOf("app-2", ["s1"])).toEqual(new Map([["s1", [deviceStatus("d9")]]]));
        expect(await store.deviceStatusesOf("app-1", [])).toEqual(new Map());
      });
    });
  });
}
