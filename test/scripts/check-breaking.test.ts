// The breaking-change gate's semver rules (scripts/check-breaking.ts); the gate itself runs in
// npm run check:static against openapi/released/.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allowsBreaking, compareVersions, releases } from "../../scripts/check-breaking.ts";

describe("compareVersions", () => {
  it("orders by number, not by text", () => {
    expect(["1.10.0", "0.2.0", "1.9.3", "1.9.0"].sort(compareVersions)).toEqual(["0.2.0", "1.9.0", "1.9.3", "1.10.0"]);
  });
});

describe("allowsBreaking", () => {
  it("allows a break in a new major version, or a new minor one while the major is 0", () => {
    expect(allowsBreaking("1.4.2", "2.0.0")).toBe(true);
    expect(allowsBreaking("0.2.0", "0.3.0")).toBe(true);
    expect(allowsBreaking("0.2.0", "1.0.0")).toBe(true);
  });
  it("refuses it in a patch, in a minor of a stable major, and going back", () => {
    expect(allowsBreaking("0.2.0", "0.2.1")).toBe(false);
    expect(allowsBreaking("1.4.2", "1.5.0")).toBe(false);
    expect(allowsBreaking("2.0.0", "1.9.0")).toBe(false);
  });
});

describe("openapi/released/", () => {
  it("holds the released contracts, the current info.version among them or older", () => {
    const versions = releases();
    expect(versions[0]).toBe("0.2.0");
    const bundle = JSON.parse(readFileSync("openapi/bundled/openapi.json", "utf8"));
    expect(compareVersions(bundle.info.version, versions.at(-1) as string)).toBeGreaterThanOrEqual(0);
  });
});
