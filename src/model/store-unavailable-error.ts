// The one store failure the Graph layer answers specially (503 with Retry-After): declared here, beside the
// query model, so that stores throw it and the error envelope recognises it without either importing the other.

/** The store cannot answer now (busy, unreachable, closing); the request may be retried. */
export class StoreUnavailableError extends Error {
  override name = "StoreUnavailableError";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
