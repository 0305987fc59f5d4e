// Application registrations (graph-intune client add): kept per tenant on the root store, not a tenant's view.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ClientRegistrationRecord, Store } from "../../../src/store/store.ts";
import { CREATED, type CreateStore, MODIFIED } from "./fixtures.ts";

export function describeClientRegistrations(createStore: CreateStore): void {
  describe("client registrations", () => {
    let opened: Store;
    beforeEach(async () => {
      opened = await createStore();
    });
    afterEach(async () => {
      await opened.close();
    });

    const TENANT_A = "11111111-1111-4111-8111-111111111111";
    const TENANT_B = "22222222-2222-4222-8222-222222222222";
    const registration = (
      tenantId: string,
      clientId: string,
      overrides: Partial<ClientRegistrationRecord> = {},
    ): ClientRegistrationRecord => ({
      tenantId,
      clientId,
      displayName: `App ${clientId}`,
      roles: ["DeviceManagementApps.ReadWrite.All", "DeviceManagementConfiguration.Read.All"],
      secretHash: "n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg",
      certificate: null,
      createdDateTime: CREATED,
      ...overrides,
    });

    it("reads a registration back as it was created, certificate and roles included", async () => {
      const created = registration(TENANT_A, "client-1", {
        certificate: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
        roles: [],
      });
      await opened.createClientRegistration(created);
      expect(await opened.getClientRegistration(TENANT_A, "client-1")).toEqual(created);
      expect(await opened.getClientRegistration(TENANT_B, "client-1")).toBeUndefined();
    });

    it("refuses a second registration with the same client id in a tenant, and keeps the first", async () => {
      await opened.createClientRegistration(registration(TENANT_A, "client-1"));
      await expect(
        opened.createClientRegistration(registration(TENANT_A, "client-1", { displayName: "other" })),
      ).rejects.toThrow();
      expect((await opened.getClientRegistration(TENANT_A, "client-1"))?.displayName).toBe("App client-1");
    });

    it("lists every registration by tenant and creation, or one tenant's", async () => {
      await opened.createClientRegistration(registration(TENANT_B, "client-3"));
      await opened.createClientRegistration(registration(TENANT_A, "client-2", { createdDateTime: MODIFIED }));
      await opened.createClientRegistration(registration(TENANT_A, "client-1"));
      const ids = (list: ClientRegistrationRecord[]) => list.map((r) => `${r.tenantId}/${r.clientId}`);
      expect(ids(await opened.listClientRegistrations())).toEqual([
        `${TENANT_A}/client-1`,
        `${TENANT_A}/client-2`,
        `${TENANT_B}/client-3`,
      ]);
      expect(ids(await opened.listClientRegistrations(TENANT_B))).toEqual([`${TENANT_B}/client-3`]);
      expect(await opened.listClientRegistrations("33333333-3333-4333-8333-333333333333")).toEqual([]);
    });

    it("deletes a registration of its tenant only", async () => {
      await opened.createClientRegistration(registration(TENANT_A, "client-1"));
      expect(await opened.deleteClientRegistration(TENANT_B, "client-1")).toBe(false);
      expect(await opened.deleteClientRegistration(TENANT_A, "client-1")).toBe(true);
      expect(await opened.deleteClientRegistration(TENANT_A, "client-1")).toBe(false);
      expect(await opened.listClientRegistrations()).toEqual([]);
    });
  });
}
