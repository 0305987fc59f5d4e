// The configuration's new settings: TLS_CERT / TLS_KEY (HTTPS) and LOG_FORMAT, each refused with a message
// naming the variable when it is wrong.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { generate } from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

let dir: string;
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "graph-config-"));
  for (const name of ["one", "other"]) {
    const pems = await generate([{ name: "commonName", value: "localhost" }], { keyType: "ec", algorithm: "sha256" });
    writeFileSync(file(`${name}-cert.pem`), pems.cert);
    writeFileSync(file(`${name}-key.pem`), pems.private);
  }
  writeFileSync(file("empty.pem"), "");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The message of the ConfigError that loadConfig throws for env. */
function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env, false);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("loadConfig accepted the configuration");
}

describe("TLS_CERT and TLS_KEY", () => {
  it("are off by default: plain HTTP", () => {
    expect(loadConfig({}, false).tls).toBeUndefined();
  });

  it("load a certificate and its key", () => {
    const { tls } = loadConfig({ TLS_CERT: file("one-cert.pem"), TLS_KEY: file("one-key.pem") }, false);
    expect(tls?.certPath).toBe(file("one-cert.pem"));
    expect(tls?.keyPath).toBe(file("one-key.pem"));
    expect(tls?.cert.toString()).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(tls?.key.toString()).toMatch(/PRIVATE KEY-----/);
  });

  const refusals: Array<[string, () => Record<string, string>, RegExp]> = [
    ["TLS_CERT without TLS_KEY", () => ({ TLS_CERT: file("one-cert.pem") }), /^TLS_KEY is required/],
    ["TLS_KEY without TLS_CERT", () => ({ TLS_KEY: file("one-key.pem") }), /^TLS_CERT is required/],
    [
      "a TLS_CERT file that does not exist",
      () => ({ TLS_CERT: file("missing.pem"), TLS_KEY: file("one-key.pem") }),
      /^TLS_CERT must name a readable PEM file, got '.*missing\.pem'/,
    ],
    [
      "a TLS_KEY file that does not exist",
      () => ({ TLS_CERT: file("one-cert.pem"), TLS_KEY: file("missing.pem") }),
      /^TLS_KEY must name a readable PEM file/,
    ],
    [
      "a TLS_CERT that holds no certificate",
      () => ({ TLS_CERT: file("one-key.pem"), TLS_KEY: file("one-key.pem") }),
      /^TLS_CERT must hold a PEM certificate/,
    ],
    [
      "a TLS_KEY that holds no key",
      () => ({ TLS_CERT: file("one-cert.pem"), TLS_KEY: file("empty.pem") }),
      /^TLS_KEY must hold an unencrypted PEM private key/,
    ],
    [
      "a TLS_KEY of another certificate",
      () => ({ TLS_CERT: file("one-cert.pem"), TLS_KEY: file("other-key.pem") }),
      /^TLS_KEY '.*other-key\.pem' is not the private key of the certificate in TLS_CERT/,
    ],
  ];
  it.each(refusals)("refuse %s, naming the variable", (_case, env, message) => {
    expect(refusal(env())).toMatch(message);
  });
});

describe("LOG_FORMAT", () => {
  it("defaults to pretty when stdout is a terminal and to json otherwise", () => {
    expect(loadConfig({}, true).logFormat).toBe("pretty");
    expect(loadConfig({}, false).logFormat).toBe("json");
  });

  it("overrides the default either way", () => {
    expect(loadConfig({ LOG_FORMAT: "json" }, true).logFormat).toBe("json");
    expect(loadConfig({ LOG_FORMAT: "pretty" }, false).logFormat).toBe("pretty");
  });

  it("refuses another value, naming LOG_FORMAT", () => {
    expect(refusal({ LOG_FORMAT: "xml" })).toBe("LOG_FORMAT must be one of json, pretty, got 'xml'.");
  });
});

describe("SQLITE_SYNCHRONOUS", () => {
  it("is full by default, and takes normal", () => {
    expect(loadConfig({}, false).sqliteSynchronous).toBe("full");
    expect(loadConfig({ SQLITE_SYNCHRONOUS: "normal" }, false).sqliteSynchronous).toBe("normal");
  });

  it("refuses anything else, naming the variable", () => {
    expect(refusal({ SQLITE_SYNCHRONOUS: "off" })).toBe("SQLITE_SYNCHRONOUS must be 'full' or 'normal', got 'off'.");
  });
});
