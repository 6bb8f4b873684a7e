// Validates an OpenAPI document against the specification's schema and resolves every $ref.
import SwaggerParser from "@apidevtools/swagger-parser";
const [file] = process.argv.slice(2);
try {
  const api = await SwaggerParser.validate(file);
  console.log(JSON.stringify({ valid: true, openapi: api.openapi, paths: Object.keys(api.paths).length }));
} catch (e) {
  console.log(JSON.stringify({ valid: false, message: e.message, details: e.details ?? null }));
  process.exit(1);
}
