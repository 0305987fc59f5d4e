// `tenant list` and `tenant delete --tid GUID`: what each tenant holds in the store at DATABASE_URL, and
// removing one tenant's data (a test suite's clean-up: one tenant per suite, deleted afterwards).
import { parseArgs } from "node:util";
import { loadConfig } from "../config.ts";
import { openConfiguredStore, redacted } from "../server.ts";
import type { TenantSummary } from "../store/store.ts";
import { type Command, guidOption, HELP_OPTION, PROGRAM, parseCommandLine, UsageError } from "./command.ts";

const help = `Usage: ${PROGRAM} tenant list
       ${PROGRAM} tenant delete --tid GUID

Every mobileApp and install status belongs to the tenant of the token that created it (its 'tid').

Commands:
  list            the tenants that hold data in the store at DATABASE_URL, with their counts
  delete --tid    remove all of one tenant's data (its apps and every status they contain) and
                  print what was removed; a tenant that holds nothing is an error, nothing removed

Options:
  --tid GUID      the tenant to delete
  -h, --help      show this help`;

const COLUMNS = ["tenantId", "mobileApps", "userAppInstallStatuses", "mobileAppInstallStatuses"] as const;

/** A table with a header line, columns padded to their widest cell. */
function table(tenants: TenantSummary[]): string {
  const rows = [COLUMNS.map(String), ...tenants.map((tenant) => COLUMNS.map((column) => String(tenant[column])))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => (row[i] as string).length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] as number))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

const counts = (tenant: TenantSummary) =>
  `${tenant.mobileApps} mobileApps, ${tenant.userAppInstallStatuses} userAppInstallStatuses, ` +
  `${tenant.mobileAppInstallStatuses} mobileAppInstallStatuses`;

export const tenantCommand: Command = {
  name: "tenant",
  summary: "list the tenants that hold data, or delete one tenant's data",
  help,
  async run(args) {
    const { values, positionals } = parseCommandLine(() =>
      parseArgs({
        args,
        options: { tid: { type: "string" }, help: HELP_OPTION },
        allowPositionals: true,
        strict: true,
      }),
    );
    if (values.help) {
      console.log(help);
      return 0;
    }
    const [action, ...rest] = positionals;
    if (rest.length > 0) throw new UsageError(`Unexpected argument '${rest[0]}'.`);
    if (action !== "list" && action !== "delete") {
      throw new UsageError(action === undefined ? "list or delete is required." : `Unknown action '${action}'.`);
    }
    if (action === "list" && values.tid !== undefined) throw new UsageError("list takes no --tid.");
    const tenantId = action === "delete" ? guidOption("tid", values.tid, undefined) : undefined;
    if (action === "delete" && tenantId === undefined) throw new UsageError("delete needs --tid GUID.");

    const config = loadConfig();
    const store = await openConfiguredStore(config);
    try {
      if (tenantId === undefined) {
        const tenants = await store.listTenants();
        console.log(tenants.length === 0 ? `No tenant holds data in ${redacted(config.databaseUrl)}.` : table(tenants));
        return 0;
      }
      const removed = await store.deleteTenant(tenantId);
      if (!removed) {
        console.error(`Tenant ${tenantId} holds no data in ${redacted(config.databaseUrl)}: nothing removed.`);
        return 1;
      }
      console.log(`Deleted tenant ${tenantId}: ${counts(removed)}.`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
