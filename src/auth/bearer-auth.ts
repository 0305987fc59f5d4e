// The `bearerAuth` security scheme of the spec: authenticates the request's bearer token, then checks
// the operation's `x-graph-permissions`. Runs first (onRequest), so nothing about a request is
// looked at, not even its body, before its caller is known.
import type { FastifyReply, FastifyRequest, onRequestHookHandler } from "fastify";
import { GraphError } from "../graph/errors/error-catalogue.ts";
import { PERSONAL_ACCOUNT_TENANT_ID, type Principal, type TokenVerifier } from "./token-verifier.ts";

export interface GraphPermissions {
  delegated: string[];
  application: string[];
}

declare module "fastify" {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/** What Graph sends with a 401. */
export const WWW_AUTHENTICATE =
  'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';

const BEARER = /^Bearer +([A-Za-z0-9\-_.~+/]+=*) *$/i;

function unauthorized(error: GraphError): GraphError {
  return error.withHeader("www-authenticate", WWW_AUTHENTICATE);
}

export function bearerAuth(verify: TokenVerifier, permissions: GraphPermissions): onRequestHookHandler {
  return async function authenticate(request: FastifyRequest, _reply: FastifyReply) {
    const header = request.headers.authorization;
    if (header === undefined || header.trim() === "" || /^Bearer *$/i.test(header.trim())) {
      throw unauthorized(GraphError.of("tokenMissing"));
    }
    const token = BEARER.exec(header)?.[1];
    if (token === undefined) throw unauthorized(GraphError.of("tokenInvalid"));

    let principal: Principal;
    try {
      principal = await verify(token);
    } catch (error) {
      throw error instanceof GraphError && error.status === 401 ? unauthorized(error) : error;
    }

    // Every entity belongs to a tenant: a token that names none has no data to reach.
    if (principal.tenantId === "") throw unauthorized(GraphError.of("tokenInvalid"));
    if (principal.tenantId === PERSONAL_ACCOUNT_TENANT_ID) throw GraphError.of("personalAccount");
    const accepted = principal.kind === "delegated" ? permissions.delegated : permissions.application;
    if (!accepted.some((permission) => principal.permissions.has(permission))) {
      throw GraphError.of("permissionMissing", accepted);
    }
    request.principal = principal;
  };
}
