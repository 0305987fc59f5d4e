// `cert`: makes (once) and reuses a local CA and a server certificate for localhost, 127.0.0.1 and ::1, and
// prints where they are as one JSON line, so that scripts can read it.
import { parseArgs } from "node:util";
import { dataDirectory } from "../config.ts";
import { ensureLocalCertificates } from "../tls/local-ca.ts";
import { type Command, HELP_OPTION, PROGRAM, parseCommandLine } from "./command.ts";

const help = `Usage: npm run cert
       ${PROGRAM} cert

Creates, the first time, a local certificate authority and a server certificate it signed for
localhost, 127.0.0.1 and ::1, under $DATA_DIR/tls (default ./data/tls); later runs reuse them (the
server certificate is remade when it has less than 30 days left). Prints one JSON line:
  {"ca": "<CA certificate>", "cert": "<server certificate>", "key": "<server key>"}   (file paths)

Serve HTTPS with them:
  TLS_CERT=<cert> TLS_KEY=<key> npm start

Then let clients trust the CA (not the server certificate):
  Node.js                 NODE_EXTRA_CA_CERTS=<ca> (read when the process starts)
  Python (requests, azure-identity, msgraph SDKs over httpx)
                          REQUESTS_CA_BUNDLE=<ca> and SSL_CERT_FILE=<ca>; both replace the default
                          bundle, so concatenate it with certifi's when other hosts are called too
  PowerShell, curl, the rest of the system
                          the system store: Debian/Ubuntu: sudo cp <ca> /usr/local/share/ca-certificates/graph-intune.crt
                          && sudo update-ca-certificates; macOS: sudo security add-trusted-cert -d -r trustRoot
                          -k /Library/Keychains/System.keychain <ca>; Windows: Import-Certificate -FilePath <ca>
                          -CertStoreLocation Cert:\\LocalMachine\\Root; curl alone: curl --cacert <ca>

Options:
  -h, --help    show this help`;

export const certCommand: Command = {
  name: "cert",
  summary: "make or reuse a local CA and an HTTPS certificate; print their paths (npm run cert)",
  help,
  async run(args) {
    const { values } = parseCommandLine(() => parseArgs({ args, options: { help: HELP_OPTION }, strict: true }));
    if (values.help) {
      console.log(help);
      return 0;
    }
    const files = await ensureLocalCertificates(dataDirectory(process.env));
    process.stdout.write(`${JSON.stringify(files)}\n`);
    return 0;
  },
};
