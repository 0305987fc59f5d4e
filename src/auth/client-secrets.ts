// Client secrets of app registrations: made here, shown once by `graph-intune client add`, stored as a hash.
// A fast hash is enough: each secret is 240 random bits, so no list of likely secrets exists to try, which is
// what slow password hashes (scrypt, bcrypt) defend against; a token request then costs one SHA-256.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** 40 characters, as long as Entra's secrets. */
export function newClientSecret(): string {
  return randomBytes(30).toString("base64url");
}

export function hashClientSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("base64url");
}

export function secretMatches(secret: string, secretHash: string): boolean {
  const given = Buffer.from(hashClientSecret(secret));
  const stored = Buffer.from(secretHash);
  return given.length === stored.length && timingSafeEqual(given, stored);
}
