// The command line, `graph-intune <command> [options]` (scripts/cli.mjs runs it): one entry for the
// service and the chores around it. Exit codes: 0 done, 1 failed (configuration, store), 2 a mistake
// in the command line (with the usage).
import { certCommand } from "./cli/cert-command.ts";
import { clientCommand } from "./cli/client-command.ts";
import { type Command, PROGRAM, UsageError } from "./cli/command.ts";
import { migrateCommand } from "./cli/migrate-command.ts";
import { seedCommand } from "./cli/seed-command.ts";
import { serveCommand } from "./cli/serve-command.ts";
import { tenantCommand } from "./cli/tenant-command.ts";
import { tokenCommand } from "./cli/token-command.ts";
import { ConfigError } from "./config.ts";

const COMMANDS: Command[] = [
  serveCommand,
  tokenCommand,
  seedCommand,
  migrateCommand,
  tenantCommand,
  certCommand,
  clientCommand,
];

export const HELP = `Usage: ${PROGRAM} <command> [options]

A stand-in for Microsoft Graph's Intune userAppInstallStatus API (beta).

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(9)} ${command.summary}`).join("\n")}

Options:
  -h, --help  show this help; '${PROGRAM} <command> --help' shows a command's options

Settings come from the environment (PORT, DATABASE_URL, TLS_CERT, LOG_LEVEL, ...): see the README.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === "-h" || name === "--help" || name === "help") {
    const topic = COMMANDS.find((command) => command.name === args[0]);
    console.log(topic ? topic.help : HELP);
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    console.error(`${name === undefined ? "A command is required." : `Unknown command '${name}'.`}\n\n${HELP}`);
    return 2;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${PROGRAM} ${command.name}: ${error.message}\n\n${command.help}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      return 1;
    }
    // A system error (EADDRINUSE, EACCES, ENOENT, ...) says enough in its message; others need their stack.
    if (typeof (error as NodeJS.ErrnoException).syscall === "string") {
      console.error(`${PROGRAM} ${command.name}: ${(error as Error).message}`);
    } else {
      console.error(error);
    }
    return 1;
  }
}
