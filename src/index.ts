// The package's "." export, for embedding the service in another program: buildApp over a store of your own
// (the Store port and its record types) or one that openStore opens from a DATABASE_URL, with the config and
// token verification the CLI's `serve` uses. The command line is the package's bin, not this module.
export { type AppOptions, buildApp } from "./app.ts";
export { loadOrCreateSigningKey, type SigningKey } from "./auth/signing-key.ts";
export { createTokenVerifier, type Principal, type TokenVerifier } from "./auth/token-verifier.ts";
export { type Config, ConfigError, loadConfig } from "./config.ts";
export type { EntityModel, EnumType, PropertyModel } from "./model/entity-model.ts";
export type * from "./model/filter-tree.ts";
export type * from "./model/list-query.ts";
export { StoreUnavailableError } from "./model/store-unavailable-error.ts";
export { loadSpec, SPEC_PATH } from "./spec.ts";
export { openStore } from "./store/open-store.ts";
export * from "./store/store.ts";
