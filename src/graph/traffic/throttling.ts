// THROTTLE=intune: the request limits Intune documents for its app resources (userAppInstallStatus named),
// per calling application in a tenant and per tenant, over 20-second windows. A request over any limit is
// answered 429 TooManyRequests with Retry-After, the seconds until the window that refused it starts over;
// a refused request counts against nothing.
import type { FastifyRequest, onRequestHookHandler } from "fastify";
import { GraphError } from "../errors/error-catalogue.ts";

interface Limit {
  /** What the limit is about, for the 429's message. */
  scope: "application" | "tenant";
  writesOnly: boolean;
  requests: number;
}

export const INTUNE_WINDOW_MS = 20_000;

/** From Microsoft's "Intune service-specific throttling limits" for app resources. */
export const INTUNE_LIMITS: readonly Limit[] = [
  { scope: "application", writesOnly: true, requests: 100 },
  { scope: "tenant", writesOnly: true, requests: 200 },
  { scope: "application", writesOnly: false, requests: 1000 },
  { scope: "tenant", writesOnly: false, requests: 2000 },
];

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** Past this many windows held, the ones already over are dropped (one pass, now and then). */
const SWEEP_AT = 10_000;

interface Window {
  startMs: number;
  count: number;
}

export interface Throttle {
  /** Admits the request (counting it) and answers undefined, or answers the seconds to wait. */
  admit(tenantId: string, appId: string, isWrite: boolean): { limit: Limit; retryAfterSeconds: number } | undefined;
}

export function createThrottle(limits: readonly Limit[], windowMs: number, now: () => number): Throttle {
  const windows = new Map<string, Window>();

  const windowOf = (key: string, at: number): Window => {
    let window = windows.get(key);
    if (!window || at >= window.startMs + windowMs) {
      if (!window && windows.size >= SWEEP_AT) {
        for (const [k, w] of windows) if (at >= w.startMs + windowMs) windows.delete(k);
      }
      window = { startMs: at, count: 0 };
      windows.set(key, window);
    }
    return window;
  };

  return {
    admit(tenantId, appId, isWrite) {
      const at = now();
      const applicable = limits
        .filter((limit) => isWrite || !limit.writesOnly)
        .map((limit) => {
          // JSON keeps the parts apart whatever characters the ids hold.
          const key = JSON.stringify([limit.writesOnly, limit.scope === "tenant" ? [tenantId] : [tenantId, appId]]);
          return { limit, window: windowOf(key, at) };
        });
      const exceeded = applicable.filter(({ limit, window }) => window.count >= limit.requests);
      if (exceeded.length > 0) {
        // The longest wait: every exceeded window must have started over before a retry can pass.
        const waits = exceeded.map(({ limit, window }) => ({
          limit,
          retryAfterSeconds: Math.max(1, Math.ceil((window.startMs + windowMs - at) / 1000)),
        }));
        return waits.reduce((longest, wait) => (wait.retryAfterSeconds > longest.retryAfterSeconds ? wait : longest));
      }
      for (const { window } of applicable) window.count++;
      return undefined;
    },
  };
}

/** An onRequest hook, after authentication: the tenant is the token's `tid`, the application its client id. */
export function intuneThrottling(now: () => number): onRequestHookHandler {
  const throttle = createThrottle(INTUNE_LIMITS, INTUNE_WINDOW_MS, now);
  return async function throttleRequest(request: FastifyRequest) {
    const principal = request.principal;
    if (!principal) return;
    const refused = throttle.admit(principal.tenantId, principal.appId, WRITE_METHODS.has(request.method));
    if (!refused) return;
    const { limit, retryAfterSeconds } = refused;
    const who = limit.scope === "tenant" ? "This tenant is" : "This application is";
    const what = limit.writesOnly ? "write requests" : "requests";
    const reason = `${who} over Intune's limit of ${limit.requests} ${what} per ${INTUNE_WINDOW_MS / 1000} seconds${limit.scope === "application" ? " in this tenant" : ""}.`;
    throw GraphError.of("tooManyRequests", reason, retryAfterSeconds).withHeader(
      "retry-after",
      String(retryAfterSeconds),
    );
  };
}
