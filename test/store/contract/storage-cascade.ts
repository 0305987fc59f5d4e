import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store, TenantStore } from "../../../src/store/store.ts";
import { allUserStatuses } from "../../helpers/store-views.ts";
import type { CreateStore } from "./fixtures.ts";
import { deviceStatus, mobileApp, TENANT_A, userStatus } from "./fixtures.ts";

export function describeCascade(createStore: CreateStore): void {
  describe("cascade", () => {
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

    describe("deleteMobileApp", () => {
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

    describe("device statuses are contained in their user status", () => {
      beforeEach(async () => {
        await store.createMobileApp(mobileApp("app-1"));
        await store.createMobileApp(mobileApp("app-2"));
        for (const [appId, userStatusId] of [
          ["app-1", "s1"],
          ["app-1", "s2"],
          ["app-2", "s1"],
        ] as const) {
          await store.createUserStatus(appId, userStatus(userStatusId));
          await store.createDeviceStatus(appId, userStatusId, deviceStatus("d1"));
          await store.createDeviceStatus(appId, userStatusId, deviceStatus("d2"));
        }
      });

      it("deletes a user status's device statuses with it, and only those", async () => {
        expect(await store.deleteUserStatus("app-1", "s1")).toBe(true);
        expect(await store.getDeviceStatus("app-1", "s1", "d1")).toBeUndefined();
        expect(await store.countDeviceStatuses("app-1", "s1", undefined)).toBeUndefined();
        expect(await store.countDeviceStatuses("app-1", "s2", undefined)).toBe(2);
        expect(await store.countDeviceStatuses("app-2", "s1", undefined)).toBe(2);

        // Gone, not hidden: the user status created again starts without device statuses.
        await store.createUserStatus("app-1", userStatus("s1"));
        expect(await store.countDeviceStatuses("app-1", "s1", undefined)).toBe(0);
        expect(await store.createDeviceStatus("app-1", "s1", deviceStatus("d1"))).toBe("created");
      });

      it("deletes an app's device statuses with its user statuses, and only those", async () => {
        expect(await store.deleteMobileApp("app-1")).toBe(true);
        expect(await store.getDeviceStatus("app-1", "s2", "d2")).toBeUndefined();
        expect(await store.countDeviceStatuses("app-2", "s1", undefined)).toBe(2);

        await store.createMobileApp(mobileApp("app-1"));
        await store.createUserStatus("app-1", userStatus("s1"));
        expect(await store.countDeviceStatuses("app-1", "s1", undefined)).toBe(0);
        expect(await store.deviceStatusesOf("app-1", ["s1", "s2"])).toEqual(
          new Map([
            ["s1", []],
            ["s2", []],
          ]),
        );
      });
    });
  });
}
