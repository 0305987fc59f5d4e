// Validates the bundled contract (openapi/bundled/openapi.json) against the OpenAPI 3.0 schema and resolves every $ref
// (@apidevtools/swagger-parser). The style lint (redocly) runs after it in `npm run lint:spec`.
import SwaggerParser from "@apidevtools/swagger-parser";
import { SPEC_PATH } from "../src/spec.ts";

try {
  const api = await SwaggerParser.validate(SPEC_PATH);
  console.log(
    `${SPEC_PATH}: valid OpenAPI ${"openapi" in api ? api.openapi : "?"} (${api.info.title} ${api.info.version})`,
  );
} catch (error) {
  console.error(`${SPEC_PATH}: invalid: ${(error as Error).message}`);
  process.exit(1);
}
