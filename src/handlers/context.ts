import type { FastifyRequest } from "fastify";
import type { Store, TenantStore } from "../store/store.ts";

/** What handlers need from the running service. */
export interface HandlerContext {
  /** The whole store: readiness only. */
  store: Store;
  /** The data of the request's tenant (its token's `tid`): the only store a /beta handler touches. */
  storeOf(request: FastifyRequest): TenantStore;
  publicBaseUrl: string | undefined;
}
