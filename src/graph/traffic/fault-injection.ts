// FAULT_RATE / FAULT_STATUSES: answers that share of /beta requests, at random, with a Graph-shaped 429, 503 or
// 504 before anything else happens to them (nothing is read, authenticated or stored), so that users can
// exercise their clients' retry logic. 429 and 503 carry Retry-After, as Graph's do.
import type { FastifyRequest, onRequestHookHandler } from "fastify";
import type { FaultStatus } from "../../config.ts";
import { GraphError } from "../errors/error-catalogue.ts";

/** Seconds an injected 429 or 503 asks the client to wait: short, so that retrying tests stay quick. */
export const FAULT_RETRY_AFTER_SECONDS = 1;

const REASON = "(Injected by the server's FAULT_RATE setting.)";

function faultOf(status: FaultStatus): GraphError {
  switch (status) {
    case 429:
      return GraphError.of("tooManyRequests", `Too many requests. ${REASON}`, FAULT_RETRY_AFTER_SECONDS).withHeader(
        "retry-after",
        String(FAULT_RETRY_AFTER_SECONDS),
      );
    case 503:
      return GraphError.of("serviceUnavailable", FAULT_RETRY_AFTER_SECONDS).withHeader(
        "retry-after",
        String(FAULT_RETRY_AFTER_SECONDS),
      );
    case 504:
      return GraphError.of("gatewayTimeout", REASON);
  }
}

/** The first onRequest hook of every /beta operation; `random` answers in [0, 1), as Math.random. */
export function faultInjection(
  faults: { rate: number; statuses: readonly FaultStatus[] },
  random: () => number = Math.random,
): onRequestHookHandler {
  return async function injectFault(_request: FastifyRequest) {
    if (random() >= faults.rate) return;
    const status = faults.statuses[Math.floor(random() * faults.statuses.length)] as FaultStatus;
    throw faultOf(status);
  };
}
