// Both adapters hand out one view per tenant, made on first use and kept: a request then costs a map
// look-up rather than a fresh set of closures.
import type { TenantStore } from "./store.ts";

/** Views kept at once; past that the memory starts over (a cheap bound for test runs minting many tenants). */
const VIEWS_KEPT = 10_000;

export function tenantViews(make: (tenantId: string) => TenantStore): (tenantId: string) => TenantStore {
  const views = new Map<string, TenantStore>();
  return (tenantId) => {
    let view = views.get(tenantId);
    if (!view) {
      if (views.size >= VIEWS_KEPT) views.clear();
      view = make(tenantId);
      views.set(tenantId, view);
    }
    return view;
  };
}
