// `node scripts/start-server.mjs`: starts the server as every harness does and tells a shell when it is ready by
// printing its base URL (and, with --token, a bearer token) on stdout, then nothing else. It runs until SIGTERM or
// SIGINT, passes the signal on, and exits with the server's code.
import { parseArgs } from "node:util";
import { mintLocalToken } from "../../src/auth/local-tokens.ts";
import { loadOrCreateSigningKey } from "../../src/auth/signing-key.ts";
import { ConfigError, loadAuthConfig } from "../../src/config.ts";
import { isVariableName } from "../../src/environment.ts";
import { type ServerSettings, startServer } from "./start-server.ts";

export const USAGE = `Usage: node scripts/start-server.mjs [options]

Starts the server (node scripts/cli.mjs serve) on any free port of 127.0.0.1 with none of this shell's
server settings, prints its base URL on stdout once it listens, and runs until SIGTERM or SIGINT, which
it passes on; exits with the server's code (1 when it could not start).

Options:
  --env NAME=VALUE  a setting of the server, one of the variables of the README's configuration
                    table (src/environment.ts); repeatable
  --log FILE        append the server's output to FILE (default: this process's stderr)
  --token           then print, on a line of its own, a bearer token (24 h) the server accepts in
                    local mode, signed with its key
  -h, --help        show this help`;

class UsageError extends Error {}

function parse(argv: string[]) {
  let values: { env?: string[]; log?: string; token?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        env: { type: "string", multiple: true },
        log: { type: "string" },
        token: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const settings: ServerSettings = {};
  for (const setting of values.env ?? []) {
    const at = setting.indexOf("=");
    const name = setting.slice(0, Math.max(at, 0));
    if (!isVariableName(name)) {
      throw new UsageError(`--env ${setting}: not NAME=VALUE with a NAME of the server's configuration.`);
    }
    settings[name] = setting.slice(at + 1);
  }
  return { settings, log: values.log, token: values.token === true, help: values.help === true };
}

export async function main(argv: string[]): Promise<number> {
  let options: ReturnType<typeof parse>;
  try {
    options = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }

  let signingKeyPath: string | undefined;
  if (options.token) {
    try {
      const auth = loadAuthConfig(options.settings);
      if (auth.mode === "local") signingKeyPath = auth.signingKeyPath;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
    }
    if (signingKeyPath === undefined) {
      console.error(`--token needs the local mode's settings (no AUTH_JWKS_URI).\n\n${USAGE}`);
      return 2;
    }
  }

  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      env: options.settings,
      output: options.log === undefined ? "stderr" : { file: options.log },
    });
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      stopping = true;
      void server.stop(signal).catch(() => {});
    });
  }
  const lines = [server.baseUrl];
  // The server made the key before it listened (or had it): the token is signed with what it verifies with.
  if (signingKeyPath !== undefined) {
    lines.push(await mintLocalToken(await loadOrCreateSigningKey(signingKeyPath), { expiresInSeconds: 24 * 3600 }));
  }
  process.stdout.write(`${lines.join("\n")}\n`);

  const exit = await server.exited;
  if (!stopping) console.error(`the server exited by itself (code ${exit.code}, signal ${exit.signal})`);
  return exit.code ?? 1;
}
