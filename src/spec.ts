// The contract, loaded once: glue builds the routes from it, auth reads each operation's permissions,
// the unknown-route handler its paths, and GET /openapi.json serves it.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { GraphPermissions } from "./auth/bearer-auth.ts";

/**
 * The contract as one document: openapi/bundled/openapi.json, which `npm run generate` bundles (redocly) from
 * the split sources under openapi/ (the root openapi/openapi.yaml, paths/, components/). Found from src/ and
 * from its compiled copy in dist/src/.
 */
export const SPEC_PATH = findUp(
  path.dirname(fileURLToPath(import.meta.url)),
  path.join("openapi", "bundled", "openapi.json"),
);

function findUp(directory: string, relative: string): string {
  const candidate = path.join(directory, relative);
  if (existsSync(candidate)) return candidate;
  const parent = path.dirname(directory);
  if (parent === directory) throw new Error(`${relative} not found above ${fileURLToPath(import.meta.url)}`);
  return findUp(parent, relative);
}

export interface OperationSpec {
  operationId: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  "x-graph-permissions"?: GraphPermissions;
  requestBody?: { required?: boolean };
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationSpec>>;
  security?: Record<string, string[]>[];
  [key: string]: unknown;
}

export function loadSpec(): OpenApiDocument {
  // Parsed afresh on each call, so every consumer gets its own copy to annotate.
  return JSON.parse(readFileSync(SPEC_PATH, "utf8"));
}

export function operationsOf(spec: OpenApiDocument): Map<string, OperationSpec> {
  const operations = new Map<string, OperationSpec>();
  for (const item of Object.values(spec.paths)) {
    for (const [key, operation] of Object.entries(item)) {
      if (key !== "parameters" && operation.operationId) operations.set(operation.operationId, operation);
    }
  }
  return operations;
}
