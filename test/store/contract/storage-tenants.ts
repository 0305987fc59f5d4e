// Tenants: a view reaches its tenant's rows only; listTenants and deleteTenant.
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ListQuery } from "../../../src/model/list-query.ts";
import type { Store, TenantStore } from "../../../src/store/store.ts";
import { allMobileApps, allUserStatuses, tenantSnapshot } from "../../helpers/store-views.ts";
import type { CreateStore } from "./fixtures.ts";
import { deviceStatus, MODIFIED, mobileApp, TENANT_A, TENANT_B, userStatus } from "./fixtures.ts";

export function describeTenants(createStore: CreateStore): void {
  describe("tenants", () => {
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

    describe("tenants", () => {
      let other: TenantStore;
      beforeEach(async () => {
        other = opened.forTenant(TENANT_B);
        await store.createMobileApp(mobileApp("app-1"));
        await store.createUserStatus("app-1", userStatus("s1"));
        await store.createDeviceStatus("app-1", "s1", deviceStatus("d1"));
      });

      it("another tenant's view reads, counts and changes nothing of the tenant's, and answers as for missing ids", async () => {
        const before = await tenantSnapshot(store);
        const all: ListQuery = { orderBy: [], skip: 0, limit: 100 };
        expect(await other.getMobileApp("app-1")).toBeUndefined();
        expect(await other.listMobileApps(all)).toEqual({ items: [] });
        expect(await other.countMobileApps(undefined)).toBe(0);
        expect(await other.updateMobileApp("app-1", { displayName: "Taken" }, MODIFIED)).toBeUndefined();
        expect(await other.getUserStatus("app-1", "s1")).toBeUndefined();
        expect(await other.listUserStatuses("app-1", all)).toBeUndefined();
        expect(await other.countUserStatuses("app-1", undefined)).toBeUndefined();
        expect(await other.createUserStatus("app-1", userStatus("s2"))).toBe("appNotFound");
        expect(await other.updateUserStatus("app-1", "s1", { failedDeviceCount: 99 })).toBeUndefined();
        expect(await other.getDeviceStatus("app-1", "s1", "d1")).toBeUndefined();
        expect(await other.listDeviceStatuses("app-1", "s1", all)).toBeUndefined();
        expect(await other.countDeviceStatuses("app-1", "s1", undefined)).toBeUndefined();
        expect(await other.deviceStatusesOf("app-1", ["s1"])).toEqual(new Map([["s1", []]]));
        expect(await other.createDeviceStatus("app-1", "s1", deviceStatus("d2"))).toBe("parentNotFound");
        expect(await other.updateDeviceStatus("app-1", "s1", "d1", { errorCode: 5 })).toBeUndefined();
        expect(await other.deleteDeviceStatus("app-1", "s1", "d1")).toBe(false);
        expect(await other.deleteUserStatus("app-1", "s1")).toBe(false);
        expect(await other.deleteMobileApp("app-1")).toBe(false);
        await expect(other.importUserStatuses("app-1", [userStatus("s3")])).rejects.toThrow();
        expect(await tenantSnapshot(store)).toEqual(before);
        expect(await tenantSnapshot(other)).toEqual([]);
      });

      it("ids are unique per tenant: the same ids live side by side, each tenant changing only its own", async () => {
        expect(await other.createUserStatus("app-1", userStatus("s1"))).toBe("appNotFound");
        await other.createMobileApp(mobileApp("app-1", { properties: { displayName: "B's" } }));
        expect(await other.createUserStatus("app-1", userStatus("s1", { failedDeviceCount: 3 }))).toBe("created");
        expect(await other.createDeviceStatus("app-1", "s1", deviceStatus("d1", { errorCode: 7 }))).toBe("created");
        expect(await store.createUserStatus("app-1", userStatus("s1"))).toBe("duplicateId");

        await other.updateUserStatus("app-1", "s1", { userName: "Changed in B" });
        await other.deleteDeviceStatus("app-1", "s1", "d1");
        expect(await store.getUserStatus("app-1", "s1")).toEqual(userStatus("s1"));
        expect(await store.getDeviceStatus("app-1", "s1", "d1")).toEqual(deviceStatus("d1"));
        expect((await other.getMobileApp("app-1"))?.properties).toEqual({ displayName: "B's" });
        expect((await store.getMobileApp("app-1"))?.properties).toEqual(mobileApp("app-1").properties);

        // Deleting B's app cascades through B's rows only.
        expect(await other.deleteMobileApp("app-1")).toBe(true);
        expect(await other.getUserStatus("app-1", "s1")).toBeUndefined();
        expect(await store.getUserStatus("app-1", "s1")).toEqual(userStatus("s1"));
        expect(await store.getDeviceStatus("app-1", "s1", "d1")).toEqual(deviceStatus("d1"));
      });

      it("a page position taken in one tenant yields only the other tenant's rows there", async () => {
        for (const id of ["s2", "s3", "s4"]) await store.createUserStatus("app-1", userStatus(id));
        await other.createMobileApp(mobileApp("app-1"));
        for (const id of ["s0", "s9"]) await other.createUserStatus("app-1", userStatus(id));
        const first = await store.listUserStatuses("app-1", { orderBy: [], skip: 0, limit: 1 });
        expect(first?.nextCursor).toBeDefined();
        const elsewhere = await other.listUserStatuses("app-1", {
          orderBy: [],
          after: first?.nextCursor,
          skip: 0,
          limit: 10,
        });
        expect(elsewhere?.items.map((status) => status.id)).toEqual(["s9"]);
      });

      it("listTenants counts what each tenant holds; deleteTenant removes one tenant's data and says what it was", async () => {
        await other.createMobileApp(mobileApp("app-9"));
        expect(await opened.listTenants()).toEqual([
          { tenantId: TENANT_A, mobileApps: 1, userAppInstallStatuses: 1, mobileAppInstallStatuses: 1 },
          { tenantId: TENANT_B, mobileApps: 1, userAppInstallStatuses: 0, mobileAppInstallStatuses: 0 },
        ]);
        const kept = await tenantSnapshot(other);
        expect(await opened.deleteTenant(TENANT_A)).toEqual({
          tenantId: TENANT_A,
          mobileApps: 1,
          userAppInstallStatuses: 1,
          mobileAppInstallStatuses: 1,
        });
        expect(await tenantSnapshot(store)).toEqual([]);
        expect(await tenantSnapshot(other)).toEqual(kept);
        expect(await opened.deleteTenant(TENANT_A)).toBeUndefined();
        expect((await opened.listTenants()).map((tenant) => tenant.tenantId)).toEqual([TENANT_B]);
      });

      it("keeps each tenant's view equal to its own model, whatever the interleaving of two tenants' writes", async () => {
        let run = 0;
        const apps = ["app-1", "app-2"];
        const statuses = ["s1", "s2"];
        const command = fc.record({
          tenant: fc.constantFrom(0, 1),
          action: fc.constantFrom("createApp", "deleteApp", "createStatus", "updateStatus", "deleteStatus"),
          app: fc.constantFrom(...apps),
          status: fc.constantFrom(...statuses),
          count: fc.integer({ min: 0, max: 1000 }),
        });
        await fc.assert(
          fc.asyncProperty(fc.array(command, { maxLength: 25 }), async (commands) => {
            run++;
            const tenantIds = [`prop-${run}-a`, `prop-${run}-b`];
            const views = tenantIds.map((tenantId) => opened.forTenant(tenantId));
            /** Per tenant: app → status id → installedDeviceCount. */
            const models = tenantIds.map(() => new Map<string, Map<string, number>>());
            for (const { tenant, action, app, status, count } of commands) {
              const view = views[tenant] as TenantStore;
              const model = models[tenant] as Map<string, Map<string, number>>;
              const statusesOf = model.get(app);
              if (action === "createApp") {
                if (statusesOf) continue; // a duplicate app id is the handler's business (server-made ids)
                await view.createMobileApp(mobileApp(app));
                model.set(app, new Map());
              } else if (action === "deleteApp") {
                expect(await view.deleteMobileApp(app)).toBe(statusesOf !== undefined);
                model.delete(app);
              } else if (action === "createStatus") {
                const expected = !statusesOf ? "appNotFound" : statusesOf.has(status) ? "duplicateId" : "created";
                expect(await view.createUserStatus(app, userStatus(status, { installedDeviceCount: count }))).toBe(
                  expected,
                );
                if (expected === "created") statusesOf?.set(status, count);
              } else if (action === "updateStatus") {
                const updated = await view.updateUserStatus(app, status, { installedDeviceCount: count });
                expect(updated?.installedDeviceCount).toBe(statusesOf?.has(status) ? count : undefined);
                if (statusesOf?.has(status)) statusesOf.set(status, count);
              } else {
                expect(await view.deleteUserStatus(app, status)).toBe(statusesOf?.has(status) === true);
                statusesOf?.delete(status);
              }
            }
            for (const [tenant, view] of views.entries()) {
              const model = models[tenant] as Map<string, Map<string, number>>;
              const seen = new Map<string, Map<string, number>>();
              for (const app of await allMobileApps(view)) {
                const rows = (await allUserStatuses(view, app.id)) ?? [];
                seen.set(app.id, new Map(rows.map((row) => [row.id, row.installedDeviceCount])));
              }
              expect(seen).toEqual(model);
            }
            for (const tenantId of tenantIds) await opened.deleteTenant(tenantId);
          }),
          { numRuns: 25 },
        );
      });
    });
  });
}
