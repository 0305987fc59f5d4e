// `seed`: adds plausible mobileApps and userAppInstallStatuses to the store at DATABASE_URL through the
// Store port (createMobileApp, then importUserStatuses in batches), for demos, manual tests and load
// tests. New app ids go to stdout (one a line), progress to stderr.
import { parseArgs } from "node:util";
import { LOCAL_TENANT_ID } from "../auth/local-tokens.ts";
import { loadConfig } from "../config.ts";
import { openConfiguredStore, redacted } from "../server.ts";
import { type Command, guidOption, HELP_OPTION, integerOption, PROGRAM, parseCommandLine } from "./command.ts";
import { seedApp, seedUserStatus } from "./seed-data.ts";

const MAX_APPS = 100_000;
const MAX_STATUSES = 1_000_000;
/** Statuses per importUserStatuses call (one transaction each; the port takes at most 5,000). */
const BATCH = 1_000;

const help = `Usage: npm run seed -- [options]
       ${PROGRAM} seed [options]

Adds mobileApps of every supported type to the store at DATABASE_URL, each with
userAppInstallStatuses of made-up users of contoso.onmicrosoft.com (names, UPNs, device counts).
Prints the new apps' ids on stdout, one a line, and the progress on stderr.

Options:
  --apps N       mobileApps to add, 1 to ${MAX_APPS} (default: 10)
  --statuses M   userAppInstallStatuses per app, 0 to ${MAX_STATUSES} (default: 100)
  --tid GUID     the tenant that owns them (default: ${LOCAL_TENANT_ID}, the tenant of
                 'npm run token' without --tid)
  -h, --help     show this help`;

/** Progress on stderr: one line rewritten in place on a terminal, else a line every 10%. */
function progress(total: number, stream: NodeJS.WriteStream = process.stderr) {
  let shown = -1;
  const line = (done: number, percent: number) => `seed: ${done}/${total} userAppInstallStatuses (${percent}%)`;
  return {
    update(done: number) {
      const percent = total === 0 ? 100 : Math.floor((done * 100) / total);
      if (stream.isTTY) {
        if (percent !== shown) stream.write(`\r${line(done, percent)}`);
        shown = percent;
      } else if (percent >= shown + 10 || (done === total && percent !== shown)) {
        stream.write(`${line(done, percent)}\n`);
        shown = percent - (percent % 10);
      }
    },
    end() {
      if (stream.isTTY) stream.write("\n");
    },
  };
}

export const seedCommand: Command = {
  name: "seed",
  summary: "add realistic mobileApps and userAppInstallStatuses to the store (npm run seed)",
  help,
  async run(args) {
    const { values } = parseCommandLine(() =>
      parseArgs({
        args,
        options: { apps: { type: "string" }, statuses: { type: "string" }, tid: { type: "string" }, help: HELP_OPTION },
        strict: true,
      }),
    );
    if (values.help) {
      console.log(help);
      return 0;
    }
    const apps = integerOption("apps", values.apps, 10, 1, MAX_APPS);
    const statuses = integerOption("statuses", values.statuses, 100, 0, MAX_STATUSES);
    const tenantId = guidOption("tid", values.tid, LOCAL_TENANT_ID);

    const config = loadConfig();
    const opened = await openConfiguredStore(config);
    const store = opened.forTenant(tenantId);
    const bar = progress(apps * statuses);
    try {
      const now = new Date().toISOString();
      let done = 0;
      for (let i = 0; i < apps; i++) {
        const app = seedApp(i, now);
        await store.createMobileApp(app);
        for (let first = 0; first < statuses; first += BATCH) {
          const batch = Array.from({ length: Math.min(BATCH, statuses - first) }, (_, j) => seedUserStatus(first + j));
          await store.importUserStatuses(app.id, batch);
          done += batch.length;
          bar.update(done);
        }
        process.stdout.write(`${app.id}\n`);
      }
    } finally {
      bar.end();
      await opened.close();
    }
    process.stderr.write(
      `seed: added ${apps} mobileApps and ${apps * statuses} userAppInstallStatuses to tenant ${tenantId} at ${redacted(config.databaseUrl)}\n`,
    );
    return 0;
  },
};
