// Graph's correlation headers: every answer carries `request-id` (a GUID the server issues) and
// `client-request-id` (the client's own id when it sent a usable one, else the request-id).
import { randomUUID } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";

/** Graph's JSON media type, with the OData parameters the real service sends. */
export const GRAPH_JSON_CONTENT_TYPE =
  "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

const USABLE_CLIENT_REQUEST_ID = /^[\x21-\x7E]{1,128}$/;

export const newRequestId = (): string => randomUUID();

export function clientRequestIdOf(request: FastifyRequest): string {
  const sent = request.headers["client-request-id"];
  return typeof sent === "string" && USABLE_CLIENT_REQUEST_ID.test(sent) ? sent : request.id;
}

/** onRequest hook: the headers every answer carries, errors included. */
export function setGraphResponseHeaders(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  // One header at a time: reply.headers({...}) would build an object and its key list for every request.
  reply.header("request-id", request.id);
  reply.header("client-request-id", clientRequestIdOf(request));
  reply.header("cache-control", "no-store");
  reply.header("odata-version", "4.0");
  done();
}
