// The local mode's RS256 key: a PKCS#8 PEM file, created on first use (server start or `npm run token`)
// and read by both, so tokens minted by the CLI verify on the server.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { calculateJwkThumbprint, exportJWK } from "jose";

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The `kid` of tokens signed with it: the public key's JWK thumbprint. */
  keyId: string;
}

function createKeyFile(keyPath: string): void {
  mkdirSync(path.dirname(keyPath), { recursive: true });
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }) as string;
  // Write aside, then link into place: a second process starting at the same moment either wins
  // the link or reads the winner's key, never a half-written file.
  const pending = `${keyPath}.${process.pid}.tmp`;
  writeFileSync(pending, pem, { mode: 0o600 });
  try {
    linkSync(pending, keyPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    rmSync(pending, { force: true });
  }
}

export async function loadOrCreateSigningKey(keyPath: string): Promise<SigningKey> {
  let pem: string;
  try {
    pem = readFileSync(keyPath, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    createKeyFile(keyPath);
    pem = readFileSync(keyPath, "utf8");
  }
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== "rsa") throw new Error(`${keyPath} does not hold an RSA private key.`);
  const publicKey = createPublicKey(privateKey);
  const keyId = await calculateJwkThumbprint(await exportJWK(publicKey));
  return { privateKey, publicKey, keyId };
}
