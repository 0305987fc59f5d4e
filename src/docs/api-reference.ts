// The API reference at GET /docs: Swagger UI (its assets ship in @fastify/swagger-ui, nothing comes
// from a CDN) over the very document the routes are built from. "Authorize" takes a bearer token and
// "Try it out" calls this server: the document's `servers` is replaced by the origin the page was
// loaded from (or PUBLIC_BASE_URL), whatever the port or scheme.
import fastifySwagger, { type StaticDocumentSpec } from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { originOf } from "../graph/odata/odata-context.ts";
import type { OpenApiDocument } from "../spec.ts";

export const API_REFERENCE_PATH = "/docs";

export async function registerApiReference(
  app: FastifyInstance,
  spec: OpenApiDocument,
  publicBaseUrl: string | undefined,
): Promise<void> {
  await app.register(fastifySwagger, {
    mode: "static",
    specification: { document: structuredClone(spec) as unknown as StaticDocumentSpec["document"] },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: API_REFERENCE_PATH,
    theme: { title: "Intune userAppInstallStatus API reference" },
    uiConfig: {
      deepLinking: true,
      displayOperationId: true,
      displayRequestDuration: true,
      docExpansion: "list",
      defaultModelsExpandDepth: 0,
      tryItOutEnabled: true,
    },
    transformSpecification: (document: Readonly<Record<string, unknown>>, request: FastifyRequest) => ({
      ...document,
      servers: [{ url: originOf(request, publicBaseUrl), description: "This server" }],
    }),
  });
}
