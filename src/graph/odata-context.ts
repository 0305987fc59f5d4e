// OData context URLs, which Graph puts in every answer: <service root>/$metadata#<what this is>.
import type { FastifyRequest } from "fastify";

/** The origin the client sees: PUBLIC_BASE_URL, else the one it called (for a request of a batch, the batch's). */
export function originOf(request: FastifyRequest, publicBaseUrl: string | undefined): string {
  return publicBaseUrl ?? request.batchOrigin ?? `${request.protocol}://${request.host}`;
}

/** The URL of an entity just created in the collection the request was sent to: its Location. */
export function locationOf(request: FastifyRequest, publicBaseUrl: string | undefined, id: string): string {
  const collection = (request.url.split("?", 1)[0] ?? "").replace(/\/+$/, "");
  return `${originOf(request, publicBaseUrl)}${collection}/${encodeURIComponent(id)}`;
}

/** An OData key segment: ('id') with quotes doubled. */
export const keySegment = (id: string): string => `('${id.replaceAll("'", "''")}')`;

/** `fragment`, narrowed to the selected properties when $select chose some: userStatuses(userName,id). */
export function contextUrl(
  request: FastifyRequest,
  publicBaseUrl: string | undefined,
  fragment: string,
  select?: string[],
): string {
  const isEntity = fragment.endsWith("/$entity");
  const set = isEntity ? fragment.slice(0, -"/$entity".length) : fragment;
  const selected = select ? `(${select.join(",")})` : "";
  return `${originOf(request, publicBaseUrl)}/beta/$metadata#${set}${selected}${isEntity ? "/$entity" : ""}`;
}
