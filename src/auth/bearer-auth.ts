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
const EMPTY_BEARER = /^Bearer *$/i;
/** What the usual request's header starts with; what follows it is the token, as BEARER would capture it. */
const BEARER_PREFIX = "Bearer ";

function unauthorized(error: GraphError): GraphError {
  return error.withHeader("www-authenticate", WWW_AUTHENTICATE);
}

/** The refusal of an authenticated principal for an operation that accepts `accepted`; undefined: let in. */
function refusalOf(principal: Principal, permissions: GraphPermissions): GraphError | undefined {
  // Every entity belongs to a tenant: a token that names none has no data to reach.
  if (principal.tenantId === "") return unauthorized(GraphError.of("tokenInvalid"));
  if (principal.tenantId === PERSONAL_ACCOUNT_TENANT_ID) return GraphError.of("personalAccount");
  const accepted = principal.kind === "delegated" ? permissions.delegated : permissions.application;
  for (const permission of accepted) if (principal.permissions.has(permission)) return undefined;
  return GraphError.of("permissionMissing", accepted);
}

/**
 * The hook takes `done` rather than returning a promise: the usual request carries a token verified before,
 * which is recognised synchronously (no regex, no promise, no closure); only a token not seen yet waits for
 * the verifier.
 */
export function bearerAuth(verify: TokenVerifier, permissions: GraphPermissions): onRequestHookHandler {
  const admit = (request: FastifyRequest, principal: Principal, done: (error?: Error) => void) => {
    const refusal = refusalOf(principal, permissions);
    if (refusal === undefined) request.principal = principal;
    done(refusal);
  };

  return function authenticate(request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) {
    const header = request.headers.authorization;
    // A remembered token is one the verifier accepted, which BEARER captured whole: "Bearer " + it is well formed.
    if (verify.remembered && header?.startsWith(BEARER_PREFIX)) {
      const principal = verify.remembered(header.slice(BEARER_PREFIX.length));
      if (principal !== undefined) return admit(request, principal, done);
    }

    if (header === undefined || header.trim() === "" || EMPTY_BEARER.test(header.trim())) {
      return done(unauthorized(GraphError.of("tokenMissing")));
    }
    const token = BEARER.exec(header)?.[1];
    if (token === undefined) return done(unauthorized(GraphError.of("tokenInvalid")));
    verify(token).then(
      (principal) => admit(request, principal, done),
      (error: unknown) =>
        done(error instanceof GraphError && error.status === 401 ? unauthorized(error) : (error as Error)),
    );
  };
}
