// Starts the service (the CLI's `serve`): store → signing key → app → listen; closes
// gracefully on SIGTERM / SIGINT (stop accepting, finish in-flight requests, close the store, exit 0).
import { buildApp } from "./app.ts";
import { loadOrCreateSigningKey } from "./auth/signing-key.ts";
import { createTokenVerifier } from "./auth/token-verifier.ts";
import { type Config, ConfigError } from "./config.ts";
import { openStore } from "./store/open-store.ts";
import type { Store } from "./store/store.ts";

const SHUTDOWN_GRACE_MS = 10_000;

/** A database URL without its password, for messages. */
export function redacted(databaseUrl: string): string {
  return databaseUrl.replace(/^(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/, "$1:***@");
}

/** The store DATABASE_URL names (migrated as it opens); failing to open it is a configuration error. */
export function openConfiguredStore(config: Config): Promise<Store> {
  return openStore(config).catch((error: unknown) => {
    throw new ConfigError(
      `cannot open the store named by DATABASE_URL (${redacted(config.databaseUrl)}): ${String(error)}`,
    );
  });
}

export async function serve(config: Config): Promise<void> {
  const store = await openConfiguredStore(config);
  const signingKey =
    config.auth.mode === "local" ? await loadOrCreateSigningKey(config.auth.signingKeyPath) : undefined;
  const app = await buildApp({ config, store, signingKey, verifyToken: createTokenVerifier(config.auth, signingKey) });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "closing: finishing in-flight requests");
    // A client that never finishes its request must not hold the process forever.
    setTimeout(() => {
      app.log.error({ graceMs: SHUTDOWN_GRACE_MS }, "in-flight requests did not finish in time; exiting");
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));

  await app.listen({ host: config.host, port: config.port });
}
