// `client add | list | remove`: the app registrations the Entra-shaped token endpoint serves, in the store at
// DATABASE_URL. `add` prints the only copy of the secret; the store keeps its hash.
import { randomUUID, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { hashClientSecret, newClientSecret } from "../auth/client-secrets.ts";
import { LOCAL_TENANT_ID } from "../auth/local-tokens.ts";
import { loadConfig } from "../config.ts";
import { openConfiguredStore } from "../server.ts";
import type { ClientRegistrationRecord, Store } from "../store/store.ts";
import { type Command, HELP_OPTION, PROGRAM, parseCommandLine, UsageError } from "./command.ts";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Graph permission names: dot-separated words (DeviceManagementApps.ReadWrite.All). */
const ROLE = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)+$/;
const NAME_MAX = 256;

const help = `Usage: ${PROGRAM} client add --roles R[,R...] [--tid GUID] [--name NAME] [--certificate FILE]
       ${PROGRAM} client list [--tid GUID]
       ${PROGRAM} client remove --client-id ID [--tid GUID]

App registrations for the service's Entra-shaped token endpoint
(POST /{tenant}/oauth2/v2.0/token, client credentials), kept in the store at DATABASE_URL.

  add      registers an application; prints one JSON line
             {"tenantId": ..., "clientId": ..., "clientSecret": ...}
           The secret is shown only here: the store keeps its hash.
  list     prints one JSON line per registration (no secrets)
  remove   deletes a registration; its tokens stay valid until they expire

Options:
  --roles R[,R...]    application permissions of its tokens (roles), e.g. DeviceManagementApps.ReadWrite.All
  --tid GUID          tenant (default: ${LOCAL_TENANT_ID}, the tenant of npm run token)
  --name NAME         display name (default: graph-intune client)
  --certificate FILE  a PEM certificate whose private key may sign client assertions (RFC 7523), as
                      MSAL's and azure-identity's certificate credentials do
  --client-id ID      the registration to remove
  -h, --help          show this help`;

function tenantOption(raw: string | undefined): string {
  if (raw === undefined) return LOCAL_TENANT_ID;
  if (!GUID.test(raw)) throw new UsageError("--tid must be a GUID.");
  return raw.toLowerCase();
}

/** The certificate file's first certificate, as PEM; a UsageError when there is none. */
function certificateOption(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`--certificate: cannot read '${file}' (${(error as Error).message}).`);
  }
  const pem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(text)?.[0];
  try {
    if (pem === undefined) throw new Error("no certificate");
    return `${new X509Certificate(pem).toString().trim()}\n`;
  } catch {
    throw new UsageError(`--certificate: '${file}' holds no PEM certificate.`);
  }
}

function describe(registration: ClientRegistrationRecord) {
  const { tenantId, clientId, displayName, roles, certificate, createdDateTime } = registration;
  return {
    tenantId,
    clientId,
    displayName,
    roles,
    certificateThumbprint: certificate === null ? null : new X509Certificate(certificate).fingerprint256,
    createdDateTime,
  };
}

async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openConfiguredStore(loadConfig());
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

export const clientCommand: Command = {
  name: "client",
  summary: "add, list or remove app registrations of the token endpoint",
  help,
  async run(args) {
    const [action, ...rest] = args;
    const { values } = parseCommandLine(() =>
      parseArgs({
        args: rest,
        options: {
          roles: { type: "string" },
          tid: { type: "string" },
          name: { type: "string" },
          certificate: { type: "string" },
          "client-id": { type: "string" },
          help: HELP_OPTION,
        },
        strict: true,
      }),
    );
    if (values.help || action === "-h" || action === "--help") {
      console.log(help);
      return 0;
    }
    const only = (allowed: string[]) => {
      const extra = Object.keys(values).filter((name) => !allowed.includes(name));
      if (extra.length > 0) throw new UsageError(`'client ${action}' takes no --${extra.join(", --")}.`);
    };

    if (action === "add") {
      only(["roles", "tid", "name", "certificate"]);
      if (values.roles === undefined) throw new UsageError("add needs --roles.");
      const roles = [...new Set(values.roles.split(",").map((role) => role.trim()))].filter((role) => role !== "");
      const bad = roles.find((role) => !ROLE.test(role));
      if (roles.length === 0 || bad !== undefined) {
        throw new UsageError(
          `--roles must list permission names such as DeviceManagementApps.Read.All${bad ? `, got '${bad}'` : ""}.`,
        );
      }
      const name = values.name ?? "graph-intune client";
      if (name.trim() === "" || name.length > NAME_MAX)
        throw new UsageError(`--name must be 1 to ${NAME_MAX} characters.`);
      const certificate = values.certificate === undefined ? null : certificateOption(values.certificate);
      const tenantId = tenantOption(values.tid);
      const clientSecret = newClientSecret();
      const registration: ClientRegistrationRecord = {
        tenantId,
        clientId: randomUUID(),
        displayName: name,
        roles,
        secretHash: hashClientSecret(clientSecret),
        certificate,
        createdDateTime: new Date().toISOString(),
      };
      await withStore((store) => store.createClientRegistration(registration));
      process.stdout.write(`${JSON.stringify({ tenantId, clientId: registration.clientId, clientSecret })}\n`);
      return 0;
    }

    if (action === "list") {
      only(["tid"]);
      const tenantId = values.tid === undefined ? undefined : tenantOption(values.tid);
      const registrations = await withStore((store) => store.listClientRegistrations(tenantId));
      for (const registration of registrations) process.stdout.write(`${JSON.stringify(describe(registration))}\n`);
      return 0;
    }

    if (action === "remove") {
      only(["client-id", "tid"]);
      const clientId = values["client-id"];
      if (clientId === undefined) throw new UsageError("remove needs --client-id.");
      const removed = await withStore(async (store) => {
        const tenants =
          values.tid === undefined
            ? (await store.listClientRegistrations()).filter((r) => r.clientId === clientId).map((r) => r.tenantId)
            : [tenantOption(values.tid)];
        let count = 0;
        for (const tenantId of tenants) if (await store.deleteClientRegistration(tenantId, clientId)) count++;
        return count;
      });
      if (removed === 0) {
        console.error(`${PROGRAM} client remove: no registration has the client id '${clientId}'.`);
        return 1;
      }
      console.error(`Removed the registration '${clientId}'.`);
      return 0;
    }

    throw new UsageError(
      action === undefined ? "An action is required: add, list or remove." : `Unknown action '${action}'.`,
    );
  },
};
