import type { Store } from "../store/store.ts";

/** What handlers need from the running service. */
export interface HandlerContext {
  store: Store;
  publicBaseUrl: string | undefined;
}
