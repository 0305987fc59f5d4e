// The store's side of the writer thread (writer-thread.mjs): writes go to the thread in one message per turn of
// the event loop, and each write's promise settles when the thread answers after its batch's COMMIT. The event
// loop never waits for a commit, let alone its fsync. Failures come back as the errors the connection would have
// thrown here: SqliteError with its code, or StoreUnavailableError for what may pass (busy, I/O, a dead thread).
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { StoreUnavailableError } from "../../model/store-unavailable-error.ts";

/** One statement of a write: `run` answers the number of changed rows, `get` the row (or undefined), `all` rows. */
export interface WriteStep {
  sql: string;
  params?: readonly unknown[] | Readonly<Record<string, unknown>>;
  mode?: "run" | "get" | "all";
}

export interface WriterOptions {
  /** The connection's `PRAGMA synchronous`. */
  synchronous: "FULL" | "NORMAL" | "OFF";
}

interface DescribedError {
  name: string;
  code?: string;
  message: string;
}

type Result = { id: number; value: unknown[] } | { id: number; error: DescribedError };

interface Pending {
  resolve: (values: unknown[]) => void;
  reject: (error: unknown) => void;
}

/** SQLite result codes that mean "not now" rather than "never": locked, I/O trouble, disk full. */
export const TRANSIENT_CODES = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN)/;

/** The error the connection threw in the thread, made again here with its class and code. */
function rebuilt({ name, code, message }: DescribedError): Error {
  if (code !== undefined && TRANSIENT_CODES.test(code)) return new StoreUnavailableError(`SQLite: ${code}`, 1);
  if (name === "SqliteError" && code !== undefined) return new Database.SqliteError(message, code);
  const error =
    name === "TypeError"
      ? new TypeError(message)
      : name === "RangeError"
        ? new RangeError(message)
        : new Error(message);
  return error;
}

const THREAD_FILE = new URL("./writer-thread.mjs", import.meta.url);

export class SqliteWriter {
  readonly #location: string;
  readonly #options: WriterOptions;
  #thread: Worker | undefined;
  #closing: Promise<void> | undefined;
  #nextId = 0;
  /** Every write not yet answered, posted or not. */
  readonly #pending = new Map<number, Pending>();
  /** Writes of this turn, not yet posted. */
  #queue: Array<{ id: number; steps: readonly WriteStep[] }> = [];
  #committed = 0;

  constructor(location: string, options: WriterOptions) {
    this.#location = location;
    this.#options = options;
    this.#thread = this.#start();
  }

  /** The database file the thread writes. */
  get location(): string {
    return this.#location;
  }

  /** Batches that committed so far (group commit: fewer than the writes). */
  get commits(): number {
    return this.#committed;
  }

  /** The running thread, if any (tests stop it to see what a crash does). */
  get thread(): Worker | undefined {
    return this.#thread;
  }

  /** Runs the steps as one write in the next batch; resolves with each step's answer once the batch committed. */
  write(steps: readonly WriteStep[]): Promise<unknown[]> {
    if (this.#closing) return Promise.reject(new StoreUnavailableError("the database is closed", 1));
    // A thread that died (and failed its writes) is replaced for the writes that come after.
    this.#thread ??= this.#start();
    const id = ++this.#nextId;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#queue.push({ id, steps });
      if (this.#queue.length === 1) {
        this.#thread?.ref();
        // setImmediate runs after this turn's I/O: every request already read joins the message.
        setImmediate(() => this.#post());
      }
    });
  }

  /** Commits what was written before, then stops the thread. */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    const thread = this.#thread;
    if (!thread) return;
    this.#post();
    thread.ref();
    await new Promise<void>((resolve) => {
      thread.on("message", (message: { closed?: boolean }) => {
        if (message.closed) resolve();
      });
      thread.once("exit", () => resolve());
      thread.postMessage({ close: true });
    });
    await thread.terminate();
  }

  #post(): void {
    if (this.#queue.length === 0) return;
    const writes = this.#queue;
    this.#queue = [];
    this.#thread?.postMessage({ writes });
  }

  #start(): Worker {
    // execArgv: [] keeps a TypeScript loader (tsx) or a profiler of the main thread out of this one.
    const thread = new Worker(THREAD_FILE, {
      workerData: { location: this.#location, synchronous: this.#options.synchronous },
      execArgv: [],
    });
    thread.unref();
    thread.on("message", (message: { committed?: boolean; results?: Result[] }) => {
      if (!message.results) return;
      if (message.committed) this.#committed++;
      for (const result of message.results) {
        const pending = this.#pending.get(result.id);
        if (!pending) continue;
        this.#pending.delete(result.id);
        if ("error" in result) pending.reject(rebuilt(result.error));
        else pending.resolve(result.value);
      }
      if (this.#pending.size === 0) thread.unref();
    });
    let failure: unknown;
    thread.on("error", (error) => {
      failure = error;
    });
    thread.once("exit", (code) => {
      if (this.#thread === thread) this.#thread = undefined;
      this.#queue = [];
      // Whether a write in flight committed is unknown: each fails as "unavailable", to be retried.
      const error = new StoreUnavailableError(`the SQLite writer thread stopped (exit code ${code})`, 1, {
        cause: failure,
      });
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    });
    return thread;
  }
}
