// The ids the service gives new entities: GUIDs of UUID version 7, ordered by their time of issue.
import { describe, expect, it } from "vitest";
import { newEntityId } from "../../src/graph/entity-ids.ts";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("newEntityId", () => {
  it("is a version 7 GUID carrying the time of issue in its first 48 bits", () => {
    const now = Date.parse("2026-11-29T10:00:00.123Z");
    const id = newEntityId(now);
    expect(id).toMatch(UUID_V7);
    expect(Number.parseInt(id.replaceAll("-", "").slice(0, 12), 16)).toBe(now);
  });

  it("sorts later ids after earlier ones, bytewise as the stores compare", () => {
    const start = Date.parse("2026-01-01T00:00:00Z");
    const ids = Array.from({ length: 1000 }, (_, i) => newEntityId(start + i * 37));
    expect([...ids].sort()).toEqual(ids);
  });

  it("differs within the same millisecond: 100,000 ids, no repeat, every one well-formed", () => {
    const now = Date.now();
    const ids = Array.from({ length: 100_000 }, () => newEntityId(now));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
  });
});
