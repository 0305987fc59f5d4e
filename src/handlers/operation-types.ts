// Handler types derived from the generated contract types: a handler receives its operation's path
// parameters and body, and must answer one of the statuses and bodies its operation declares. A spec
// change that the handlers do not follow fails the typecheck.
import type { FastifyRequest } from "fastify";
import type { operations } from "../../generated/types.ts";

export type OperationId = keyof operations;

type JsonOf<T> = T extends { content: { "application/json": infer Body } } ? Body : undefined;

export type PathParams<K extends OperationId> = operations[K]["parameters"] extends { path: infer P }
  ? P
  : Record<string, never>;

export type QueryOptions<K extends OperationId> = operations[K]["parameters"] extends { query?: infer Q }
  ? NonNullable<Q>
  : Record<string, never>;

export type RequestBody<K extends OperationId> = operations[K] extends { requestBody: infer R } ? JsonOf<R> : undefined;

type Responses<K extends OperationId> = operations[K]["responses"];

/** One of the operation's declared answers (errors are thrown as GraphError, not returned), with the
 * response headers it declares beyond the ones every answer carries (Location on 201). */
export type Answer<K extends OperationId> = {
  [S in keyof Responses<K> & number]: (Responses<K>[S] extends { content: { "application/json": infer Body } }
    ? { status: S; body: Body }
    : Responses<K>[S] extends { content: { "text/plain": infer Text } }
      ? { status: S; body: Text }
      : Responses<K>[S] extends { content: { "application/xml": infer Xml } }
        ? { status: S; body: Xml }
        : { status: S }) & { headers?: Record<string, string> };
}[keyof Responses<K> & number];

export type OperationRequest<K extends OperationId> = FastifyRequest<{
  Params: PathParams<K>;
  Querystring: QueryOptions<K>;
  Body: RequestBody<K>;
}>;

export type OperationHandler<K extends OperationId> = (request: OperationRequest<K>) => Promise<Answer<K>>;

/** Every operation of the spec, each with its handler: a missing one is a type error. */
export type OperationHandlers = { [K in OperationId]: OperationHandler<K> };
