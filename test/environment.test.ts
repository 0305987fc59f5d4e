// The environment declared once (src/environment.ts): loadConfig reads exactly the declared variables and takes
// their declared defaults and ranges, and the README's configuration table is the declaration, both ways.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";
import { documentationRow, ENVIRONMENT, VARIABLE_NAMES, type Variable, type VariableName } from "../src/environment.ts";

const declared = Object.entries(ENVIRONMENT) as Array<[VariableName, Variable]>;

/** The variables loadConfig reads from env (a Proxy records every name it asks for). */
function variablesRead(env: Record<string, string>): Set<string> {
  const read = new Set<string>();
  const recording = new Proxy(env, {
    get(target, name) {
      if (typeof name === "string") read.add(name);
      return target[name as string];
    },
  });
  loadConfig(recording, false);
  return read;
}

describe("loadConfig", () => {
  it("reads every declared variable and nothing else (local and issuer mode together)", () => {
    const read = new Set([
      ...variablesRead({}),
      ...variablesRead({
        AUTH_JWKS_URI: "https://login.example/keys",
        AUTH_ISSUER: "https://login.example/",
        AUTH_AUDIENCES: "api://x",
      }),
    ]);
    expect([...read].sort()).toEqual([...VARIABLE_NAMES].sort());
  });

  it("applies the declared defaults when nothing is set", () => {
    const config = loadConfig({}, false);
    expect(config).toMatchObject({
      host: ENVIRONMENT.HOST.default,
      port: ENVIRONMENT.PORT.default,
      databasePoolSize: ENVIRONMENT.DATABASE_POOL_SIZE.default,
      databaseSchema: ENVIRONMENT.DATABASE_SCHEMA.default,
      sqliteSynchronous: ENVIRONMENT.SQLITE_SYNCHRONOUS.default,
      logLevel: ENVIRONMENT.LOG_LEVEL.default,
      bodyLimitBytes: ENVIRONMENT.BODY_LIMIT.default,
      headersTimeoutMs: ENVIRONMENT.HEADERS_TIMEOUT_MS.default,
      requestTimeoutMs: ENVIRONMENT.REQUEST_TIMEOUT_MS.default,
      throttle: ENVIRONMENT.THROTTLE.default,
      faults: { rate: ENVIRONMENT.FAULT_RATE.default, statuses: ENVIRONMENT.FAULT_STATUSES.default },
      auth: {
        audiences: ENVIRONMENT.AUTH_AUDIENCES.default,
        clockSkewSeconds: ENVIRONMENT.AUTH_CLOCK_SKEW_SECONDS.default,
      },
    });
  });

  const integers = declared.flatMap(([name, variable]) =>
    variable.type === "integer" ? [[name, variable.min, variable.max] as const] : [],
  );
  it.each(integers)(
    "takes %s from its declared minimum %i to its maximum %i and refuses either side",
    (name, min, max) => {
      // HEADERS_TIMEOUT_MS may not exceed REQUEST_TIMEOUT_MS: each is tried with the other out of its way.
      const others: Record<string, string> =
        name === "HEADERS_TIMEOUT_MS"
          ? { REQUEST_TIMEOUT_MS: String(ENVIRONMENT.REQUEST_TIMEOUT_MS.max) }
          : name === "REQUEST_TIMEOUT_MS"
            ? { HEADERS_TIMEOUT_MS: String(ENVIRONMENT.HEADERS_TIMEOUT_MS.min) }
            : {};
      const withValue = (value: number) => ({ ...others, [name]: String(value) });
      const refusal = `${name} must be a whole number from ${min} to ${max}`;
      expect(() => loadConfig(withValue(min), false)).not.toThrow();
      expect(() => loadConfig(withValue(max), false)).not.toThrow();
      if (min > 0) expect(() => loadConfig(withValue(min - 1), false)).toThrow(refusal);
      expect(() => loadConfig(withValue(max + 1), false)).toThrow(refusal);
    },
  );

  const choices = declared.flatMap(([name, variable]) =>
    variable.type === "choice" ? [[name, variable.choices] as const] : [],
  );
  it.each(choices)("takes each declared choice of %s and refuses another value, naming it", (name, values) => {
    for (const value of values) expect(() => loadConfig({ [name]: value }, false)).not.toThrow();
    expect(() => loadConfig({ [name]: "surely-not-a-choice" }, false)).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: "surely-not-a-choice" }, false)).toThrow(new RegExp(`^${name} `));
  });
});

describe("the README's configuration table", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const section = readme.slice(
    readme.indexOf("## Configuration\n"),
    readme.indexOf("\n## ", readme.indexOf("## Configuration\n") + 1),
  );
  const rows = [...section.matchAll(/^\| `([A-Z_0-9]+)` \|.*$/gm)];

  it.each(VARIABLE_NAMES)("has %s's row: its declared default and description", (name) => {
    expect(rows.find(([, rowName]) => rowName === name)?.[0]).toBe(documentationRow(name));
  });

  it("has no row for a variable that is not declared, and lists them in the declared order", () => {
    expect(rows.map(([, name]) => name)).toEqual(VARIABLE_NAMES);
  });

  it("names every choice but the default (in its own column) in a choice variable's description", () => {
    for (const [name, variable] of declared) {
      if (variable.type !== "choice") continue;
      for (const choice of variable.choices) {
        if (choice !== variable.default) expect(variable.description, name).toContain(`\`${choice}\``);
      }
    }
  });
});
