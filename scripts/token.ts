// npm run token -- [--scp "A B"] [--roles A,B] [--tid GUID] [--aud URI] [--expires-in SECONDS]
// Prints only a bearer token, signed with the local key the server verifies (created if missing).
import { parseArgs } from "node:util";
import { DEFAULT_SCOPE, mintLocalToken } from "../src/auth/local-tokens.ts";
import { loadOrCreateSigningKey } from "../src/auth/signing-key.ts";
import { ConfigError, loadAuthConfig } from "../src/config.ts";

const USAGE = `Usage: npm run token -- [options]
  --scp "A B"           delegated permissions (default: ${DEFAULT_SCOPE})
  --roles A,B           application permissions (an app-only token unless --scp is given too)
  --tid GUID            tenant id
  --aud URI             audience (default: https://graph.microsoft.com)
  --expires-in SECONDS  lifetime, negative for an expired token (default: 3600)`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

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

try {
  const { values } = parseArgs({
    args: withNegativeValuesJoined(process.argv.slice(2)),
    options: {
      scp: { type: "string" },
      roles: { type: "string" },
      tid: { type: "string" },
      aud: { type: "string" },
      "expires-in": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const auth = loadAuthConfig(process.env);
  if (auth.mode !== "local") fail("npm run token signs with the local key; AUTH_JWKS_URI is set (issuer mode).");
  const expires = values["expires-in"];
  if (expires !== undefined && !/^-?\d+$/.test(expires)) fail(`--expires-in must be a whole number of seconds.`);
  const tid = values.tid;
  if (tid !== undefined && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(tid)) {
    fail("--tid must be a GUID.");
  }
  const list = (raw: string, separator: RegExp) => raw.split(separator).filter((item) => item !== "");

  const key = await loadOrCreateSigningKey(auth.signingKeyPath);
  const token = await mintLocalToken(key, {
    ...(values.scp === undefined ? {} : { scopes: list(values.scp, /\s+/) }),
    ...(values.roles === undefined ? {} : { roles: list(values.roles, /,/) }),
    ...(tid === undefined ? {} : { tenantId: tid }),
    ...(values.aud === undefined ? {} : { audience: values.aud }),
    ...(expires === undefined ? {} : { expiresInSeconds: Number(expires) }),
  });
  process.stdout.write(`${token}\n`);
} catch (error) {
  if (error instanceof ConfigError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    fail((error as Error).message);
  }
  throw error;
}
