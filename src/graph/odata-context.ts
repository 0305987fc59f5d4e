// OData context URLs, which Graph puts in every answer: <service root>/$metadata#<what this is>.
import type { FastifyRequest } from "fastify";

/** The service root the client sees: PUBLIC_BASE_URL, else the origin it called. */
export function serviceRoot(request: FastifyRequest, publicBaseUrl: string | undefined): string {
  return `${publicBaseUrl ?? `${request.protocol}://${request.host}`}/beta`;
}

/** An OData key segment: ('id') with quotes doubled. */
export const keySegment = (id: string): string => `('${id.replaceAll("'", "''")}')`;

export function contextUrl(request: FastifyRequest, publicBaseUrl: string | undefined, fragment: string): string {
  return `${serviceRoot(request, publicBaseUrl)}/$metadata#${fragment}`;
}
