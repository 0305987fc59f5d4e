// `serve`: the service, until SIGTERM / SIGINT. Settings come from the environment; --host and --port
// override HOST and PORT.
import { parseArgs } from "node:util";
import { loadConfig } from "../config.ts";
import { VARIABLE_NAMES } from "../environment.ts";
import { serve } from "../server.ts";
import { type Command, HELP_OPTION, integerOption, PROGRAM, parseCommandLine } from "./command.ts";

/** The declared variables other than the two the options override, wrapped for a terminal. */
const otherVariables = VARIABLE_NAMES.filter((name) => name !== "HOST" && name !== "PORT")
  .join(", ")
  .replace(/(.{1,96})(, |$)/g, (_line, text: string, comma: string) => `${text}${comma.trim()}\n`)
  .trimEnd();

const help = `Usage: npm start -- [options]
       ${PROGRAM} serve [options]

Starts the service and runs until SIGTERM or SIGINT, then finishes the requests in flight and
exits 0. HTTPS when TLS_CERT and TLS_KEY name a PEM certificate and its key.

Options:
  --host HOST   interface to listen on (default: $HOST, else 127.0.0.1)
  --port PORT   port to listen on, 0 for any free one (default: $PORT, else 3000)
  -h, --help    show this help

Everything else comes from the environment (see the README's configuration table):
${otherVariables}`;

export const serveCommand: Command = {
  name: "serve",
  summary: "start the service (npm start)",
  help,
  async run(args) {
    const { values } = parseCommandLine(() =>
      parseArgs({
        args,
        options: { host: { type: "string" }, port: { type: "string" }, help: HELP_OPTION },
        strict: true,
      }),
    );
    if (values.help) {
      console.log(help);
      return 0;
    }
    const port = values.port === undefined ? undefined : integerOption("port", values.port, 0, 0, 65535);
    const config = loadConfig({
      ...process.env,
      ...(values.host === undefined ? {} : { HOST: values.host }),
      ...(port === undefined ? {} : { PORT: String(port) }),
    });
    await serve(config);
    return 0;
  },
};
