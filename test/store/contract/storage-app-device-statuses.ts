import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseFilter } from "../../../src/graph/odata/filter-parser.ts";
import { parseOrderBy } from "../../../src/graph/odata/query-options.ts";
import { mobileAppInstallStatusModel } from "../../../src/model/entity-model.ts";
import type { Store, TenantStore } from "../../../src/store/store.ts";
import type { CreateStore } from "./fixtures.ts";
import { deviceStatus, mobileApp, TENANT_A, userStatus } from "./fixtures.ts";

export function describeAppDeviceStatuses(createStore: CreateStore): void {
  describe("app-level device statuses", () => {
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

    describe("the app's own device statuses (a set distinct from its user statuses')", () => {
      beforeEach(async () => {
        await store.createMobileApp(mobileApp("app-1"));
        await store.createMobileApp(mobileApp("app-2"));
        await store.createUserStatus("app-1", userStatus("s1"));
        await store.createDeviceStatus("app-1", "s1", deviceStatus("d1", { deviceName: "user-level" }));
      });

      it("creates, reads, lists, counts, updates and deletes, apart from the user statuses' ones", async () => {
        expect(await store.createAppDeviceStatus("app-1", deviceStatus("d1"))).toBe("created");
        expect(await store.createAppDeviceStatus("app-1", deviceStatus("d2", { installState: "failed" }))).toBe(
          "created",
        );
        expect(await store.createAppDeviceStatus("app-2", deviceStatus("d1"))).toBe("created");
        expect(await store.getAppDeviceStatus("app-1", "d1")).toEqual(deviceStatus("d1"));
        expect((await store.getDeviceStatus("app-1", "s1", "d1"))?.deviceName).toBe("user-level");

        const page = await store.listAppDeviceStatuses("app-1", { orderBy: [], skip: 0, limit: 10 });
        expect(page?.items.map((item) => item.id)).toEqual(["d1", "d2"]);
        const failed = parseFilter("installState eq 'failed'", mobileAppInstallStatusModel);
        expect(await store.countAppDeviceStatuses("app-1", failed)).toBe(1);
        expect(await store.countDeviceStatuses("app-1", "s1", undefined)).toBe(1);

        const updated = await store.updateAppDeviceStatus("app-1", "d1", { errorCode: 7 });
        expect(updated).toEqual(deviceStatus("d1", { errorCode: 7 }));
        expect(await store.getAppDeviceStatus("app-1", "d1")).toEqual(updated);
        expect(await store.deleteAppDeviceStatus("app-1", "d1")).toBe(true);
        expect(await store.deleteAppDeviceStatus("app-1", "d1")).toBe(false);
        expect(await store.getDeviceStatus("app-1", "s1", "d1")).toBeDefined();
      });

      it("answers duplicateId, parentNotFound and undefined as the user statuses' collection does", async () => {
        await store.createAppDeviceStatus("app-1", deviceStatus("d1"));
        expect(await store.createAppDeviceStatus("app-1", deviceStatus("d1"))).toBe("duplicateId");
        expect(await store.createAppDeviceStatus("missing", deviceStatus("d1"))).toBe("parentNotFound");
        expect(await store.listAppDeviceStatuses("missing", { orderBy: [], skip: 0, limit: 10 })).toBeUndefined();
        expect(await store.countAppDeviceStatuses("missing", undefined)).toBeUndefined();
        expect(await store.getAppDeviceStatus("app-2", "d1")).toBeUndefined();
        expect(await store.updateAppDeviceStatus("app-2", "d1", { errorCode: 1 })).toBeUndefined();
      });

      it("are deleted with their app, and only theirs", async () => {
        await store.createAppDeviceStatus("app-1", deviceStatus("d1"));
        await store.createAppDeviceStatus("app-2", deviceStatus("d1"));
        expect(await store.deleteMobileApp("app-1")).toBe(true);
        await store.createMobileApp(mobileApp("app-1"));
        expect(await store.countAppDeviceStatuses("app-1", undefined)).toBe(0);
        expect(await store.countAppDeviceStatuses("app-2", undefined)).toBe(1);
      });

      it("keep lastSyncDateTime to 100 ns and order it as instants, milliseconds and 7 digits alike", async () => {
        await store.createAppDeviceStatus(
          "app-1",
          deviceStatus("late", { lastSyncDateTime: "2024-05-01T10:00:00.3205976Z" }),
        );
        await store.createAppDeviceStatus(
          "app-1",
          deviceStatus("early", { lastSyncDateTime: "2024-05-01T10:00:00.320Z" }),
        );
        expect((await store.getAppDeviceStatus("app-1", "late"))?.lastSyncDateTime).toBe(
          "2024-05-01T10:00:00.3205976Z",
        );
        const byTime = await store.listAppDeviceStatuses("app-1", {
          orderBy: parseOrderBy("lastSyncDateTime desc", mobileAppInstallStatusModel),
          skip: 0,
          limit: 10,
        });
        expect(byTime?.items.map((item) => item.id)).toEqual(["late", "early"]);
        const after = parseFilter("lastSyncDateTime gt 2024-05-01T10:00:00.3205975Z", mobileAppInstallStatusModel);
        expect(await store.countAppDeviceStatuses("app-1", after)).toBe(1);
      });
    });
  });
}
