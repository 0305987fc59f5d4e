// An independent check of every response a test receives against the contract: the status is
// declared for that operation, the declared headers are there, the media type matches and the body
// validates against the declared schema. Its own Ajv over the dereferenced spec, nothing of the
// server's (fastify's serializer drops unknown keys and checks no types, so it proves nothing).

import SwaggerParser from "@apidevtools/swagger-parser";
import { Ajv, type ValidateFunction } from "ajv";
import ajvFormats from "ajv-formats";
import { keySegmentsAsPath } from "../../src/graph/odata/key-segments.ts";
import { SPEC_PATH } from "../../src/spec.ts";

interface MediaType {
  schema?: object;
}
interface ResponseSpec {
  headers?: Record<string, { required?: boolean }>;
  content?: Record<string, MediaType>;
}
interface OperationSpec {
  operationId: string;
  responses: Record<string, ResponseSpec>;
}
interface Template {
  segments: string[];
  operations: Record<string, OperationSpec>;
}

export interface ObservedResponse {
  method: string;
  url: string;
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

export class ContractViolation extends Error {
  override name = "ContractViolation";
}

export interface Contract {
  /** Throws ContractViolation when the response is not what the spec declares. */
  check(response: ObservedResponse): void;
  operationIds: string[];
  document: Record<string, unknown>;
}

let loaded: Promise<Contract> | undefined;

export function loadContract(): Promise<Contract> {
  loaded ??= buildContract();
  return loaded;
}

async function buildContract(): Promise<Contract> {
  const document = (await SwaggerParser.dereference(SPEC_PATH)) as unknown as {
    paths: Record<string, Record<string, OperationSpec>>;
    components: { schemas: Record<string, object> };
  };
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajvFormats.default(ajv);
  ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 31 });
  const validators = new Map<object, ValidateFunction>();
  const validatorFor = (schema: object) => {
    let validate = validators.get(schema);
    if (!validate) {
      validate = ajv.compile(schema);
      validators.set(schema, validate);
    }
    return validate;
  };
  const errorSchema = document.components.schemas["microsoft.graph.ODataErrors.ODataError"] as object;

  const templates: Template[] = Object.entries(document.paths).map(([path, item]) => ({
    segments: path.split("/").filter(Boolean),
    operations: Object.fromEntries(
      Object.entries(item).filter(([method]) => ["get", "post", "patch", "put", "delete"].includes(method)),
    ) as Record<string, OperationSpec>,
  }));
  const findTemplate = (path: string) => {
    let segments: string[];
    try {
      segments = path.split("/").filter(Boolean).map(decodeURIComponent);
    } catch {
      return undefined; // not a valid URL: the server matched no operation either
    }
    return templates.find(
      (t) =>
        t.segments.length === segments.length && t.segments.every((s, i) => s.startsWith("{") || s === segments[i]),
    );
  };

  const fail = (response: ObservedResponse, problem: string): never => {
    throw new ContractViolation(
      `${response.method} ${response.url} → ${response.status}: ${problem}\nbody: ${response.body.slice(0, 500)}`,
    );
  };
  const header = (response: ObservedResponse, name: string) => {
    const value = response.headers[name.toLowerCase()];
    return value === undefined ? undefined : String(value);
  };
  const checkBody = (response: ObservedResponse, schema: object) => {
    let json: unknown;
    try {
      json = JSON.parse(response.body);
    } catch {
      fail(response, "body is not JSON");
    }
    const validate = validatorFor(schema);
    if (!validate(json)) fail(response, `body does not match the schema: ${ajv.errorsText(validate.errors)}`);
  };

  return {
    operationIds: templates.flatMap((t) => Object.values(t.operations).map((op) => op.operationId)),
    document: document as unknown as Record<string, unknown>,
    check(response) {
      for (const name of ["request-id", "client-request-id"]) {
        if (!header(response, name)) fail(response, `missing header ${name}`);
      }
      // The spec's info declares mobileApps('id') the same resource as mobileApps/id.
      const path = keySegmentsAsPath(response.url).split("?")[0] ?? "";
      const operation = findTemplate(path)?.operations[response.method.toLowerCase()];
      if (!operation) {
        // No operation: only Graph's answers for unknown segments, paths and methods are allowed.
        if (![400, 404, 405].includes(response.status)) fail(response, "matches no operation of the spec");
        if (response.status === 405 && !header(response, "allow")) fail(response, "405 without Allow");
        checkBody(response, errorSchema);
        return;
      }
      const declared = operation.responses[String(response.status)];
      if (!declared) fail(response, `status not declared for ${operation.operationId}`);
      for (const [name, spec] of Object.entries(declared?.headers ?? {})) {
        if (spec.required && !header(response, name)) fail(response, `missing declared header ${name}`);
      }
      const content = declared?.content;
      if (!content) {
        if (response.body !== "") fail(response, "body where the spec declares none");
        return;
      }
      const essence = (header(response, "content-type") ?? "").split(";")[0]?.trim() ?? "";
      const media = content[essence];
      if (!media) fail(response, `content-type '${essence}' not declared (${Object.keys(content).join(", ")})`);
      if (!media?.schema) return;
      // Text answers ($count's digits, $metadata's XML) are checked as the strings they are.
      if (essence === "text/plain" || essence === "application/xml") {
        const validate = validatorFor(media.schema);
        if (!validate(response.body)) fail(response, `text body does not match: ${ajv.errorsText(validate.errors)}`);
        return;
      }
      checkBody(response, media.schema);
    },
  };
}
