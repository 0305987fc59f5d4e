// Calls that arrive in the same turn of the event loop, sent to PostgreSQL as one statement. Under load the
// requests read from several sockets in one turn each reach the store before the turn ends; batching them
// costs one round trip, one parse and (for writes) one commit instead of one each, while the pool keeps
// several batches in flight: batch n+1 fills while batch n runs. Alone, a call waits only for setImmediate.

interface PendingCall<Input, Output> {
  input: Input;
  resolve: (output: Output) => void;
  reject: (error: unknown) => void;
}

/** `run` answers each input of a batch, in order; if it throws, every call of the batch fails with it. */
export type BatchRunner<Input, Output> = (inputs: Input[]) => Promise<Output[]>;

export function batchedCalls<Input, Output>(
  run: BatchRunner<Input, Output>,
  maxBatchSize: number,
): (input: Input) => Promise<Output> {
  let pending: PendingCall<Input, Output>[] = [];

  function flush(): void {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    run(batch.map((call) => call.input)).then(
      (outputs) => {
        for (const [i, call] of batch.entries()) call.resolve(outputs[i] as Output);
      },
      (error: unknown) => {
        for (const call of batch) call.reject(error);
      },
    );
  }

  return (input) =>
    new Promise<Output>((resolve, reject) => {
      pending.push({ input, resolve, reject });
      // setImmediate runs after this turn's I/O: every request already read joins the batch.
      if (pending.length === 1) setImmediate(flush);
      else if (pending.length >= maxBatchSize) flush();
    });
}
