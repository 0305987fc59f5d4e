import { describe, expect, it } from "vitest";
import { batchedCalls } from "../../src/store/postgres/batched-calls.ts";

/** A batched doubling that records the inputs of each batch it ran. */
function recordingDoubler(maxBatchSize: number) {
  const batches: number[][] = [];
  const double = batchedCalls<number, number>(async (inputs) => {
    batches.push(inputs);
    return inputs.map((input) => input * 2);
  }, maxBatchSize);
  return { batches, double };
}

describe("batchedCalls", () => {
  it("runs the calls of one turn as one batch and answers each with its own output", async () => {
    const { batches, double } = recordingDoubler(100);
    expect(await Promise.all([1, 2, 3].map(double))).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it("starts a new batch for calls made after the batch was sent", async () => {
    const { batches, double } = recordingDoubler(100);
    const first = double(1);
    await new Promise((resolve) => setImmediate(resolve));
    const second = double(2);
    expect(await Promise.all([first, second])).toEqual([2, 4]);
    expect(batches).toEqual([[1], [2]]);
  });

  it("sends a batch as soon as it is full", async () => {
    const { batches, double } = recordingDoubler(2);
    expect(await Promise.all([1, 2, 3, 4, 5].map(double))).toEqual([2, 4, 6, 8, 10]);
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it("fails every call of a batch whose run fails, and only those", async () => {
    let runs = 0;
    const failFirst = batchedCalls<number, number>(async (inputs) => {
      runs++;
      if (runs === 1) throw new Error("connection lost");
      return inputs;
    }, 100);
    const failed = await Promise.allSettled([failFirst(1), failFirst(2)]);
    expect(failed.map((outcome) => outcome.status)).toEqual(["rejected", "rejected"]);
    expect(failed.map((outcome) => (outcome as PromiseRejectedResult).reason.message)).toEqual([
      "connection lost",
      "connection lost",
    ]);
    expect(await failFirst(3)).toBe(3);
  });
});
