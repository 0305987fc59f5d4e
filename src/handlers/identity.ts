// The Entra-shaped endpoints, without a bearer token: OpenID Connect discovery, the signing keys, and the
// client credentials token endpoint for the app registrations in the store. Errors are EntraErrors, answered
// in Entra's shape by the route's error handler (auth/entra-errors.ts).
import { createHash } from "node:crypto";
import { exportJWK } from "jose";
import type { components } from "../../generated/types.ts";
import { JWT_BEARER_ASSERTION_TYPE, verifyClientAssertion } from "../auth/client-assertion.ts";
import { secretMatches } from "../auth/client-secrets.ts";
import { EntraError } from "../auth/entra-errors.ts";
import { mintLocalToken } from "../auth/local-tokens.ts";
import type { SigningKey } from "../auth/signing-key.ts";
import { originOf } from "../graph/odata-context.ts";
import type { HandlerContext } from "./context.ts";
import type { OperationHandler, OperationRequest } from "./operation-types.ts";

type TokenRequest = components["schemas"]["tokenRequest"];

/** The scopes that name Graph (its application ID URI and its app id), with the suffix client credentials need. */
const GRAPH_RESOURCES = ["https://graph.microsoft.com", "00000003-0000-0000-c000-000000000000"];
const TOKEN_LIFETIME_SECONDS = 3600;
const FORM = "application/x-www-form-urlencoded";

/** A stable object id for the registration's service principal (the tokens' `oid`), derived from its keys. */
function servicePrincipalId(tenantId: string, clientId: string): string {
  const hex = createHash("sha256").update(`${tenantId}/${clientId}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function identityHandlers({ store, publicBaseUrl }: HandlerContext, signingKey: SigningKey | undefined) {
  /** The path's tenant, lower-cased, when the store has a registration in it. */
  async function knownTenant(request: OperationRequest<"getOpenIdConfiguration">): Promise<string> {
    if (!signingKey) throw EntraError.of("issuerMode");
    const tenant = request.params.tenant.toLowerCase();
    if ((await store.listClientRegistrations(tenant)).length === 0) {
      throw EntraError.of("tenantNotFound", request.params.tenant);
    }
    return tenant;
  }

  const getOpenIdConfiguration: OperationHandler<"getOpenIdConfiguration"> = async (request) => {
    const tenant = await knownTenant(request);
    const base = `${originOf(request, publicBaseUrl)}/${tenant}`;
    return {
      status: 200,
      body: {
        token_endpoint: `${base}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt"],
        jwks_uri: `${base}/discovery/v2.0/keys`,
        response_modes_supported: ["query", "fragment", "form_post"],
        subject_types_supported: ["pairwise"],
        id_token_signing_alg_values_supported: ["RS256"],
        response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
        scopes_supported: ["openid", "profile", "email", "offline_access"],
        issuer: `https://login.microsoftonline.com/${tenant}/v2.0`,
        request_uri_parameter_supported: false,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        tenant_region_scope: null,
        cloud_instance_name: "microsoftonline.com",
        cloud_graph_host_name: "graph.windows.net",
        msgraph_host: "graph.microsoft.com",
      },
    };
  };

  const getSigningKeys: OperationHandler<"getSigningKeys"> = async (request) => {
    const tenant = await knownTenant(request);
    const key = signingKey as SigningKey;
    const { n, e } = await exportJWK(key.publicKey);
    return {
      status: 200,
      body: {
        keys: [
          {
            kty: "RSA",
            use: "sig",
            kid: key.keyId,
            alg: "RS256",
            n: n as string,
            e: e as string,
            issuer: `https://login.microsoftonline.com/${tenant}/v2.0`,
          },
        ],
      },
    };
  };

  const requestToken: OperationHandler<"requestToken"> = async (request) => {
    const tenant = await knownTenant(request as unknown as OperationRequest<"getOpenIdConfiguration">);
    // JSON parses too (fastify's own parser), but Entra reads only forms: it finds no grant_type in anything else.
    const contentType = (request.headers["content-type"] ?? "").split(";", 1)[0]?.trim().toLowerCase();
    if (contentType !== FORM) throw EntraError.of("missingParameter", "grant_type");
    const form = (request.body ?? {}) as TokenRequest;

    const grantType = form.grant_type;
    if (!grantType) throw EntraError.of("missingParameter", "grant_type");
    if (grantType !== "client_credentials") throw EntraError.of("unsupportedGrantType", grantType);
    const clientId = form.client_id;
    if (!clientId) throw EntraError.of("missingParameter", "client_id");
    const scope = form.scope;
    if (!scope) throw EntraError.of("missingParameter", "scope");
    const scopes = scope.split(" ").filter((item) => item !== "");
    const resources = scopes.map((item) => (item.endsWith("/.default") ? item.slice(0, -"/.default".length) : ""));
    if (scopes.length !== 1 || resources[0] === "") throw EntraError.of("invalidScope", scope);
    // The service's own origin names Graph too: PowerShell's Connect-MgGraph asks for `{GraphEndpoint}/.default`.
    const graphResources = [...GRAPH_RESOURCES, originOf(request, publicBaseUrl)];
    if (!graphResources.includes((resources[0] as string).replace(/\/$/, ""))) {
      throw EntraError.of("unknownResource", resources[0] as string, tenant);
    }

    const registration = await store.getClientRegistration(tenant, clientId.toLowerCase());
    if (!registration) throw EntraError.of("unknownClient", clientId, tenant);
    let appIdAcr: "1" | "2";
    if (form.client_assertion !== undefined || form.client_assertion_type !== undefined) {
      if (form.client_assertion_type !== JWT_BEARER_ASSERTION_TYPE) {
        throw EntraError.of("invalidParameter", "client_assertion_type");
      }
      if (!form.client_assertion) throw EntraError.of("missingParameter", "client_assertion");
      const endpoint = `/${request.params.tenant}/oauth2/v2.0/token`;
      await verifyClientAssertion(form.client_assertion, {
        clientId: registration.clientId,
        certificate: registration.certificate,
        // This endpoint as the client reached it, and as the discovery document names it.
        audiences: [
          `${originOf(request, publicBaseUrl)}${endpoint}`,
          `${originOf(request, publicBaseUrl)}/${tenant}/oauth2/v2.0/token`,
        ],
      });
      appIdAcr = "2";
    } else if (form.client_secret !== undefined) {
      if (!secretMatches(form.client_secret, registration.secretHash)) throw EntraError.of("wrongSecret", clientId);
      appIdAcr = "1";
    } else {
      throw EntraError.of("noCredential");
    }

    const accessToken = await mintLocalToken(signingKey as SigningKey, {
      roles: registration.roles,
      tenantId: tenant,
      appId: registration.clientId,
      objectId: servicePrincipalId(tenant, registration.clientId),
      appIdAcr,
      expiresInSeconds: TOKEN_LIFETIME_SECONDS,
    });
    return {
      status: 200,
      headers: { "cache-control": "no-store", pragma: "no-cache" },
      body: {
        token_type: "Bearer",
        // Entra reports a second less than the token's life, so a client never uses it past exp.
        expires_in: TOKEN_LIFETIME_SECONDS - 1,
        ext_expires_in: TOKEN_LIFETIME_SECONDS - 1,
        access_token: accessToken,
      },
    };
  };

  return { getOpenIdConfiguration, getSigningKeys, requestToken };
}
