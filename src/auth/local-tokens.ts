// Mints Entra-style (v1) access tokens with the local signing key, for `npm run token` and tests.
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import type { SigningKey } from "./signing-key.ts";

/** The tenant of locally minted tokens unless --tid says otherwise. */
export const LOCAL_TENANT_ID = "a1b2c3d4-0000-4000-8000-00000000c0de";
export const DEFAULT_SCOPE = "DeviceManagementApps.ReadWrite.All";
/** The client id of locally minted tokens unless the request names another. */
export const LOCAL_APP_ID = "00000000-0000-0000-0000-00000000c0de";

export interface TokenRequest {
  /** Delegated permissions (space-separated in `scp`). */
  scopes?: string[];
  /** Application permissions (`roles`); with roles and no scopes the token is app-only. */
  roles?: string[];
  tenantId?: string;
  /** The calling application's client id (`appid`); default LOCAL_APP_ID. */
  appId?: string;
  audience?: string;
  /** Seconds from now; negative gives an already expired token. */
  expiresInSeconds?: number;
  /** Seconds from now before which the token is not valid (nbf); default now. */
  notBeforeSeconds?: number;
  issuer?: string;
  /** The service principal's object id (`oid`, and `sub` of app-only tokens); default a fresh GUID. */
  objectId?: string;
  /** How the application authenticated (`appidacr`): "1" a secret, "2" a certificate. */
  appIdAcr?: "0" | "1" | "2";
}

export async function mintLocalToken(key: SigningKey, request: TokenRequest = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const tenantId = request.tenantId ?? LOCAL_TENANT_ID;
  const expiresIn = request.expiresInSeconds ?? 3600;
  const appOnly = request.roles !== undefined && request.scopes === undefined;
  const claims: Record<string, unknown> = {
    tid: tenantId,
    oid: request.objectId ?? randomUUID(),
    appid: request.appId ?? LOCAL_APP_ID,
    ver: "1.0",
  };
  if (request.appIdAcr !== undefined) claims.appidacr = request.appIdAcr;
  if (appOnly) {
    claims.roles = request.roles;
    claims.idtyp = "app";
    claims.sub = claims.oid;
  } else {
    claims.scp = (request.scopes ?? [DEFAULT_SCOPE]).join(" ");
    claims.upn = "local.user@example.com";
    if (request.roles) claims.roles = request.roles;
  }
  // iat/nbf sit before exp even for expired tokens, so a negative lifetime means "expired", not "malformed".
  const issuedAt = Math.min(now, now + expiresIn - 60);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: key.keyId })
    .setIssuer(request.issuer ?? `https://sts.windows.net/${tenantId}/`)
    .setAudience(request.audience ?? "https://graph.microsoft.com")
    .setIssuedAt(issuedAt)
    .setNotBefore(request.notBeforeSeconds === undefined ? issuedAt : now + request.notBeforeSeconds)
    .setExpirationTime(now + expiresIn)
    .setJti(randomUUID())
    .sign(key.privateKey);
}
