// `migrate`: opens the store at DATABASE_URL, which creates it or applies the migrations it lacks, and
// closes it; a new version's schema is then in place before any server starts.
import { parseArgs } from "node:util";
import { loadConfig } from "../config.ts";
import { openConfiguredStore, redacted } from "../server.ts";
import { type Command, HELP_OPTION, PROGRAM, parseCommandLine } from "./command.ts";

const help = `Usage: npm run migrate
       ${PROGRAM} migrate

Creates the store at DATABASE_URL (default: sqlite:$DATA_DIR/graph.db) if it does not exist, or
applies the migrations it lacks, then exits. The server does the same at start; run this to
upgrade ahead of a deployment or to create an empty database.

Options:
  -h, --help    show this help`;

export const migrateCommand: Command = {
  name: "migrate",
  summary: "create or upgrade the store's schema, then exit (npm run migrate)",
  help,
  async run(args) {
    const { values } = parseCommandLine(() => parseArgs({ args, options: { help: HELP_OPTION }, strict: true }));
    if (values.help) {
      console.log(help);
      return 0;
    }
    const config = loadConfig();
    const store = await openConfiguredStore(config);
    try {
      await store.ping();
    } finally {
      await store.close();
    }
    console.log(`The store at ${redacted(config.databaseUrl)} has the current schema.`);
    return 0;
  },
};
