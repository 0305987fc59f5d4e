// `graph-intune cert`: a local certificate authority and a server certificate it signed, for localhost,
// 127.0.0.1 and ::1, under $DATA_DIR/tls. Made once and reused, so a client that trusts the CA once keeps
// trusting every server certificate made later (the server certificate is remade when it nears its end).
import { X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generate } from "selfsigned";

export interface LocalCertificates {
  /** The CA's certificate: what clients trust (NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE, the system store). */
  ca: string;
  /** The server certificate (TLS_CERT) and its key (TLS_KEY). */
  cert: string;
  key: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const CA_DAYS = 3650;
/** The longest life browsers accept for a server certificate. */
const SERVER_DAYS = 397;
/** A server certificate with less than this left is remade. */
const RENEW_BEFORE_DAYS = 30;

function writeAtomically(file: string, content: string, mode: number): void {
  const pending = `${file}.${process.pid}.tmp`;
  writeFileSync(pending, content, { mode });
  renameSync(pending, file);
}

function validFor(certPem: string, days: number): boolean {
  const certificate = new X509Certificate(certPem);
  return new Date(certificate.validTo).getTime() - Date.now() > days * DAY_MS;
}

/** The server certificate is reused when the CA signed it and it has more than RENEW_BEFORE_DAYS left. */
function usableServerCertificate(caPem: string, certPem: string): boolean {
  const ca = new X509Certificate(caPem);
  const cert = new X509Certificate(certPem);
  return cert.checkIssued(ca) && cert.verify(ca.publicKey) && validFor(certPem, RENEW_BEFORE_DAYS);
}

export async function ensureLocalCertificates(dataDir: string): Promise<LocalCertificates> {
  const dir = path.join(dataDir, "tls");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const files = {
    ca: path.join(dir, "ca.pem"),
    caKey: path.join(dir, "ca-key.pem"),
    cert: path.join(dir, "server.pem"),
    key: path.join(dir, "server-key.pem"),
  };
  const now = new Date();
  if (!existsSync(files.ca) || !existsSync(files.caKey) || !validFor(readFileSync(files.ca, "utf8"), 0)) {
    const ca = await generate([{ name: "commonName", value: "graph-intune local CA" }], {
      keyType: "ec",
      algorithm: "sha256",
      notBeforeDate: now,
      notAfterDate: new Date(now.getTime() + CA_DAYS * DAY_MS),
      extensions: [
        { name: "basicConstraints", cA: true, critical: true },
        { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      ],
    });
    writeAtomically(files.caKey, ca.private, 0o600);
    writeAtomically(files.ca, ca.cert, 0o644);
  }
  const caPem = readFileSync(files.ca, "utf8");
  if (
    !existsSync(files.cert) ||
    !existsSync(files.key) ||
    !usableServerCertificate(caPem, readFileSync(files.cert, "utf8"))
  ) {
    const server = await generate([{ name: "commonName", value: "localhost" }], {
      keyType: "ec",
      algorithm: "sha256",
      notBeforeDate: now,
      notAfterDate: new Date(now.getTime() + SERVER_DAYS * DAY_MS),
      ca: { key: readFileSync(files.caKey, "utf8"), cert: caPem },
      extensions: [
        { name: "basicConstraints", cA: false },
        { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
        { name: "extKeyUsage", serverAuth: true },
        {
          name: "subjectAltName",
          altNames: [
            { type: 2, value: "localhost" },
            { type: 7, ip: "127.0.0.1" },
            { type: 7, ip: "::1" },
          ],
        },
      ],
    });
    writeAtomically(files.key, server.private, 0o600);
    writeAtomically(files.cert, server.cert, 0o644);
  }
  return { ca: files.ca, cert: files.cert, key: files.key };
}
