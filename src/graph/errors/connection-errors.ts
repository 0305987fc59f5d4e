// Answers what fails before fastify sees a request — a request line or headers over Node's limit, a
// request that does not arrive in time (slow loris), bytes that are not HTTP — in Graph's envelope,
// then closes the connection. Written on the raw socket: there is no request or reply object yet.
import http from "node:http";
import type { Socket } from "node:net";
import { GRAPH_JSON_CONTENT_TYPE, newRequestId } from "../request-ids.ts";
import { GraphError } from "./error-catalogue.ts";
import { errorEnvelope } from "./error-envelope.ts";

function graphErrorOf(error: NodeJS.ErrnoException): GraphError {
  switch (error.code) {
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return GraphError.of("requestTimeout");
    case "HPE_HEADER_OVERFLOW":
      return GraphError.of("headersTooLarge", http.maxHeaderSize);
    default:
      return GraphError.of("badRequest", "The request is not valid HTTP/1.1.");
  }
}

/** fastify's clientErrorHandler (Node's 'clientError' event). */
export function handleConnectionError(error: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has no one to answer, and a response already under way cannot be replaced.
  const response = (socket as Socket & { _httpMessage?: http.ServerResponse })._httpMessage;
  if (error.code === "ECONNRESET" || !socket.writable || response?.headersSent) {
    socket.destroy();
    return;
  }
  const graphError = graphErrorOf(error);
  const requestId = newRequestId();
  const body = JSON.stringify(errorEnvelope(graphError, { requestId, clientRequestId: requestId }));
  socket.write(
    `HTTP/1.1 ${graphError.status} ${http.STATUS_CODES[graphError.status]}\r\n` +
      `Content-Type: ${GRAPH_JSON_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `request-id: ${requestId}\r\nclient-request-id: ${requestId}\r\n` +
      "Cache-Control: no-store\r\nOData-Version: 4.0\r\nConnection: close\r\n\r\n" +
      body,
  );
  socket.destroySoon(); // closes the connection once the answer is written
}
