// The contract itself: valid, linted names, complete error responses, and the error catalogue, the
// spec and the README's error table in step.
import { readFileSync } from "node:fs";
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { errorCatalogue } from "../../src/graph/error-catalogue.ts";
import { TEXT_PATTERN } from "../../src/graph/schema-compilers.ts";
import { loadSpec, operationsOf, SPEC_PATH } from "../../src/spec.ts";

const spec = loadSpec();
const operations = [...operationsOf(spec).values()];
// The /beta operations that need a token: all but $metadata, which Graph serves to anyone.
const graphOperations = Object.entries(spec.paths)
  .filter(([path]) => path.startsWith("/beta/"))
  .flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => method !== "parameters")
      .map(([method, operation]) => ({ path, method, operation: operation as unknown as Record<string, unknown> })),
  )
  .filter(({ operation }) => !(Array.isArray(operation.security) && operation.security.length === 0));

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.0 document", async () => {
    const api = await SwaggerParser.validate(SPEC_PATH);
    expect("openapi" in api && api.openapi).toMatch(/^3\.0\./);
  });

  it("names operations and path parameters in camelCase", () => {
    for (const { operationId } of operations) expect(operationId).toMatch(/^[a-z][a-zA-Z]+$/);
    for (const path of Object.keys(spec.paths)) {
      for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) expect(name).toMatch(/^[a-z][a-zA-Z]+$/);
    }
  });

  it("gives every /beta operation its permissions and the Graph error responses", () => {
    for (const { method, path, operation } of graphOperations) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(operation["x-graph-permissions"], where).toMatchObject({
        delegated: expect.any(Array),
        application: expect.any(Array),
      });
      const responses = operation.responses as Record<string, { $ref?: string }>;
      for (const status of ["400", "401", "403", "408", "429", "431", "500", "503", "504"])
        expect(responses[status], `${where} ${status}`).toBeDefined();
      if (operation.requestBody) {
        for (const status of ["413", "415"]) expect(responses[status], `${where} ${status}`).toBeDefined();
      }
      expect(operation.parameters, where).toContainEqual({ $ref: "#/components/parameters/clientRequestId" });
    }
  });

  it("gives every text property and parameter the one text pattern the server words its 400 for", () => {
    const unpatterned: string[] = [];
    const visit = (node: unknown, where: string) => {
      if (node === null || typeof node !== "object") return;
      const schema = node as Record<string, unknown>;
      // Free text has a maxLength; enums, formats and the ASCII client-request-id header are not free text.
      const isText = schema.type === "string" && schema.maxLength !== undefined && schema.format === undefined;
      const isHeader = /clientRequestId/.test(where);
      if (isText && !isHeader && schema.pattern !== TEXT_PATTERN) unpatterned.push(where);
      for (const [key, value] of Object.entries(schema)) visit(value, `${where}/${key}`);
    };
    visit(spec.components, "#/components");
    expect(unpatterned).toEqual([]);
  });

  it("declares one error schema for Graph's errors and one for Entra's, each used by every error response of its kind", () => {
    const components = spec.components as { responses: Record<string, { content: Record<string, unknown> }> };
    for (const [name, response] of Object.entries(components.responses)) {
      const schema = name.startsWith("Entra") ? "entraError" : "microsoft.graph.ODataErrors.ODataError";
      expect(response.content, name).toEqual({
        "application/json": { schema: { $ref: `#/components/schemas/${schema}` } },
      });
    }
  });

  it("answers Entra's error shape, and needs no token, on every identity operation", () => {
    const identity = Object.values(spec.paths).flatMap((item) =>
      Object.values(item).filter((operation) => operation.tags?.includes("identity")),
    );
    expect(identity.map((operation) => operation.operationId).sort()).toEqual([
      "getOpenIdConfiguration",
      "getSigningKeys",
      "requestToken",
    ]);
    for (const operation of identity) {
      expect(operation.security, operation.operationId).toEqual([]);
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (status.startsWith("2")) continue;
        const ref = (response as { $ref?: string }).$ref;
        const schema = (response.content?.["application/json"] as { schema?: { $ref?: string } } | undefined)?.schema;
        expect(ref ?? schema?.$ref, `${operation.operationId} ${status}`).toMatch(/Entra|entraError/);
      }
    }
  });
});

describe("the error catalogue", () => {
  const components = spec.components as { responses: Record<string, unknown> };
  const responseNames: Record<number, string> = {
    400: "BadRequest",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    408: "RequestTimeout",
    409: "Conflict",
    413: "PayloadTooLarge",
    415: "UnsupportedMediaType",
    429: "TooManyRequests",
    431: "RequestHeaderFieldsTooLarge",
    500: "InternalServerError",
    503: "ServiceUnavailable",
    504: "GatewayTimeout",
  };
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

  it.each(Object.entries(errorCatalogue))(
    "%s is a declared response of the spec and a row of the README",
    (_name, entry) => {
      // 405 answers methods the spec does not declare, so it has no operation to be declared on.
      if (entry.status !== 405) expect(components.responses[responseNames[entry.status] ?? "?"]).toBeDefined();
      expect(readme).toContain(`| ${entry.status} | ${entry.code} |`);
    },
  );

  it("has a README row for no status it does not answer", () => {
    const rows = [...readme.matchAll(/^\| (\d{3}) \| (\w+) \|/gm)].map(([, status, code]) => `${status} ${code}`);
    const answered = new Set(Object.values(errorCatalogue).map((entry) => `${entry.status} ${entry.code}`));
    expect(rows.filter((row) => !answered.has(row))).toEqual([]);
  });
});
