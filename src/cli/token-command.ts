// `token`: prints a bearer token signed with the local key the server verifies (created if missing),
// and nothing else on stdout, so that TOKEN=$(npm run token) works.
import { parseArgs } from "node:util";
import { DEFAULT_SCOPE, mintLocalToken } from "../auth/local-tokens.ts";
import { loadOrCreateSigningKey } from "../auth/signing-key.ts";
import { ConfigError, loadAuthConfig } from "../config.ts";
import { type Command, guidOption, HELP_OPTION, PROGRAM, parseCommandLine, UsageError } from "./command.ts";

const help = `Usage: npm run token -- [options]
       ${PROGRAM} token [options]

Prints a bearer token that the server accepts in local mode, signed with the key at
AUTH_SIGNING_KEY_PATH (default: $DATA_DIR/signing-key.pem; created if missing).

Options:
  --scp "A B"           delegated permissions (default: ${DEFAULT_SCOPE})
  --roles A,B           application permissions (an app-only token unless --scp is given too)
  --tid GUID            tenant id
  --aud URI             audience (default: https://graph.microsoft.com)
  --expires-in SECONDS  lifetime, negative for an expired token (default: 3600)
  -h, --help            show this help`;

/** `--expires-in -60` reads as a value, not as an option named 6 (parseArgs would refuse it). */
function withNegativeValuesJoined(args: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const next = args[i + 1];
    if (args[i] === "--expires-in" && next !== undefined && /^-\d+$/.test(next)) {
      joined.push(`--expires-in=${next}`);
      i++;
    } else {
      joined.push(args[i] as string);
    }
  }
  return joined;
}

const list = (raw: string, separator: RegExp) => raw.split(separator).filter((item) => item !== "");

export const tokenCommand: Command = {
  name: "token",
  summary: "print a bearer token the service accepts (npm run token)",
  help,
  async run(args) {
    const { values } = parseCommandLine(() =>
      parseArgs({
        args: withNegativeValuesJoined(args),
        options: {
          scp: { type: "string" },
          roles: { type: "string" },
          tid: { type: "string" },
          aud: { type: "string" },
          "expires-in": { type: "string" },
          help: HELP_OPTION,
        },
        strict: true,
      }),
    );
    if (values.help) {
      console.log(help);
      return 0;
    }
    let auth: ReturnType<typeof loadAuthConfig>;
    try {
      auth = loadAuthConfig(process.env);
    } catch (error) {
      if (error instanceof ConfigError) throw new UsageError(error.message);
      throw error;
    }
    if (auth.mode !== "local") {
      throw new UsageError("token signs with the local key; AUTH_JWKS_URI is set (issuer mode).");
    }
    const expires = values["expires-in"];
    if (expires !== undefined && !/^-?\d+$/.test(expires)) {
      throw new UsageError("--expires-in must be a whole number of seconds.");
    }
    const tid = guidOption("tid", values.tid, undefined);

    const key = await loadOrCreateSigningKey(auth.signingKeyPath);
    const token = await mintLocalToken(key, {
      ...(values.scp === undefined ? {} : { scopes: list(values.scp, /\s+/) }),
      ...(values.roles === undefined ? {} : { roles: list(values.roles, /,/) }),
      ...(tid === undefined ? {} : { tenantId: tid }),
      ...(values.aud === undefined ? {} : { audience: values.aud }),
      ...(expires === undefined ? {} : { expiresInSeconds: Number(expires) }),
    });
    process.stdout.write(`${token}\n`);
    return 0;
  },
};
