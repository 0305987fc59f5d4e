// Verifies bearer tokens: RS256 only (alg none and HS256 refused), exp/nbf with a small clock skew,
// an accepted audience, and the issuer: the local signing key's own, or a configured issuer's JWKS.
import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey, errors as joseErrors, jwtVerify } from "jose";
import type { AuthConfig } from "../config.ts";
import { GraphError } from "../graph/errors/error-catalogue.ts";
import type { SigningKey } from "./signing-key.ts";

/** The tenant of personal Microsoft accounts, which this API does not serve. */
export const PERSONAL_ACCOUNT_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";

export interface Principal {
  tenantId: string;
  /** The calling application (client id): `appid` in v1 tokens, `azp` in v2; "" when the token names none. */
  appId: string;
  /** delegated: permissions from `scp`; application: from `roles`. */
  kind: "delegated" | "application";
  permissions: ReadonlySet<string>;
}

export interface TokenVerifier {
  (token: string): Promise<Principal>;
  /**
   * The principal of a token this verifier has already verified and which has not expired since, without
   * verifying it again; undefined for any other token. Synchronous, so that the usual request (a client sending
   * the token it sent before) is authenticated without a promise. Optional: a verifier may remember nothing.
   */
  remembered?(token: string): Principal | undefined;
}

const ALGORITHMS = ["RS256"];
/** Verified tokens remembered at once; past that the memory starts over (a cheap bound, not an LRU). */
const VERIFIED_TOKENS_KEPT = 5000;

/** Entra v1 and v2 issuer URLs of the token's own tenant. */
function isEntraIssuerOf(payload: JWTPayload): boolean {
  const tid = payload.tid;
  return (
    typeof tid === "string" &&
    (payload.iss === `https://sts.windows.net/${tid}/` ||
      payload.iss === `https://login.microsoftonline.com/${tid}/v2.0`)
  );
}

function principalOf(payload: JWTPayload): Principal {
  // A tenant id is a GUID: one tenant whatever the case its token writes it in.
  const tenantId = typeof payload.tid === "string" ? payload.tid.toLowerCase() : "";
  const client = payload.appid ?? payload.azp;
  const appId = typeof client === "string" ? client : "";
  if (typeof payload.scp === "string") {
    return { tenantId, appId, kind: "delegated", permissions: new Set(payload.scp.split(" ").filter(Boolean)) };
  }
  const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === "string") : [];
  return { tenantId, appId, kind: "application", permissions: new Set(roles) };
}

/** Seconds a client should wait when the issuer's JWKS cannot be fetched. */
const JWKS_RETRY_AFTER_SECONDS = 5;

function graphErrorOf(error: unknown): GraphError {
  if (error instanceof GraphError) return error;
  // The issuer's keys are out of reach: the token may well be good, so this is not the caller's fault.
  if (error instanceof joseErrors.JWKSTimeout || error instanceof TypeError) {
    return GraphError.of("serviceUnavailable", JWKS_RETRY_AFTER_SECONDS).withHeader(
      "retry-after",
      String(JWKS_RETRY_AFTER_SECONDS),
    );
  }
  if (error instanceof joseErrors.JWTExpired) return GraphError.of("tokenExpired");
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === "nbf") return GraphError.of("tokenExpired");
    if (error.claim === "aud") return GraphError.of("tokenInvalidAudience");
  }
  return GraphError.of("tokenInvalid");
}

export function createTokenVerifier(auth: AuthConfig, localKey: SigningKey | undefined): TokenVerifier {
  let getKey: JWTVerifyGetKey;
  if (auth.mode === "local") {
    if (!localKey) throw new Error("local auth needs the signing key");
    getKey = async (header) => {
      if (header.kid !== localKey.keyId) throw GraphError.of("tokenInvalid");
      return localKey.publicKey;
    };
  } else {
    getKey = createRemoteJWKSet(auth.jwksUri, { timeoutDuration: 5000, cooldownDuration: 30_000 });
  }
  const options = {
    algorithms: ALGORITHMS,
    audience: auth.audiences,
    clockTolerance: auth.clockSkewSeconds,
    requiredClaims: ["exp"],
    ...(auth.mode === "issuer" ? { issuer: auth.issuers } : {}),
  };

  // A client sends the same token with every request: verify its signature once, then trust the
  // verdict until the token expires (with the same clock skew the verification allows). Keyed by the raw
  // token, so each token keeps its own principal and permissions.
  const verified = new Map<string, { principal: Principal; validUntilMs: number }>();

  // The token looked up last, and its verdict: a client's next request usually carries the same token, and
  // comparing it costs less than hashing a kilobyte of token for the map. Only ever a verdict from the map.
  let lastToken = "";
  let lastVerdict: { principal: Principal; validUntilMs: number } | undefined;

  function remembered(token: string): Principal | undefined {
    const cached = token === lastToken ? lastVerdict : verified.get(token);
    if (cached === undefined) return undefined;
    if (Date.now() < cached.validUntilMs) {
      lastToken = token;
      lastVerdict = cached;
      return cached.principal;
    }
    verified.delete(token);
    lastToken = "";
    lastVerdict = undefined;
    return undefined;
  }

  async function verify(token: string): Promise<Principal> {
    const known = remembered(token);
    if (known) return known;

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, getKey, options));
    } catch (error) {
      throw graphErrorOf(error);
    }
    if (auth.mode === "local" && !isEntraIssuerOf(payload)) throw GraphError.of("tokenInvalid");
    const principal = principalOf(payload);
    if (verified.size >= VERIFIED_TOKENS_KEPT) verified.clear();
    verified.set(token, { principal, validUntilMs: ((payload.exp as number) + auth.clockSkewSeconds) * 1000 });
    return principal;
  }
  verify.remembered = remembered;
  return verify;
}
