// RFC 7523 client assertions, as MSAL's and azure-identity's certificate credentials send them: a JWT whose
// iss and sub are the client id, whose aud is the token endpoint, signed with the key of the certificate
// registered for the client and naming it by thumbprint (x5t: SHA-1, x5t#S256: SHA-256, base64url).
import { createHash, X509Certificate } from "node:crypto";
import { decodeProtectedHeader, errors as joseErrors, jwtVerify } from "jose";
import { EntraError } from "./entra-errors.ts";

export const JWT_BEARER_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const ALGORITHMS = ["RS256", "PS256", "ES256", "ES384"];
const CLOCK_SKEW_SECONDS = 300;

export async function verifyClientAssertion(
  assertion: string,
  options: { clientId: string; certificate: string | null; audiences: string[] },
): Promise<void> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    throw EntraError.of("malformedAssertion", "The client assertion is not a JWS.");
  }
  if (options.certificate === null) throw EntraError.of("assertionKeyNotRegistered", options.clientId);
  const certificate = new X509Certificate(options.certificate);
  const thumbprints = {
    x5t: createHash("sha1").update(certificate.raw).digest("base64url"),
    "x5t#S256": createHash("sha256").update(certificate.raw).digest("base64url"),
  };
  const named = (["x5t", "x5t#S256"] as const).filter((name) => typeof header[name] === "string");
  if (named.some((name) => header[name] !== thumbprints[name])) {
    throw EntraError.of("assertionKeyNotRegistered", options.clientId);
  }
  try {
    await jwtVerify(assertion, certificate.publicKey, {
      algorithms: ALGORITHMS,
      audience: options.audiences,
      issuer: options.clientId,
      subject: options.clientId,
      clockTolerance: CLOCK_SKEW_SECONDS,
      requiredClaims: ["exp"],
    });
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw EntraError.of("assertionExpired");
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      if (error.claim === "nbf") throw EntraError.of("assertionExpired");
      throw EntraError.of("assertionInvalid", `The '${error.claim}' claim is not valid: ${error.reason}.`);
    }
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) throw EntraError.of("assertionInvalid", "");
    throw EntraError.of("malformedAssertion", (error as Error).message);
  }
}
