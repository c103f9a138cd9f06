/**
 * Turns GitHub's OpenAPI 3.0 description (npm @octokit/openapi, api.github.com) into what the fake
 * needs: one entry per operation (method, path template, resolved parameters, request and response
 * schemas) and the component schemas as JSON Schema that ajv understands. Done once: the 13 MB
 * document takes a few hundred milliseconds to parse and convert, so the result is cached on disk
 * (see `load-description.ts`).
 *
 * Why not fully dereference: component schemas refer to each other (and some cycles exist), so
 * inlining every $ref multiplies the size (the package's own deref file is 70 MB). Keeping $refs
 * and letting ajv resolve them lazily, per operation actually used, is both smaller and faster.
 */

export type JsonSchema = Record<string, unknown> | boolean;

export interface PreparedParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  /** Spans several path segments (GitHub marks `contents/{path}` and a few others). */
  multiSegment: boolean;
  schema: JsonSchema;
}

export interface PreparedResponse {
  /** JSON Schema of an application/json body; absent when the status has no JSON body. */
  schema?: JsonSchema;
  contentTypes: string[];
}

export interface PreparedOperation {
  operationId: string;
  method: string;
  pathTemplate: string;
  /** GitHub's documentation page of the operation, used in error bodies as GitHub does. */
  documentationUrl?: string;
  parameters: PreparedParameter[];
  requestBody?: { required: boolean; contentTypes: string[]; schema?: JsonSchema };
  responses: Record<string, PreparedResponse>;
}

export interface PreparedDescription {
  /** The @octokit/openapi package version it was made from. */
  packageVersion: string;
  operations: PreparedOperation[];
  /** `{ $id, definitions }`: every component schema, converted. */
  components: { $id: string; definitions: Record<string, JsonSchema> };
}

/** $id of the components document; operation schemas refer into it. */
export const COMPONENTS_ID = 'https://gatehouse.invalid/github-components.json';

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** Documentation-only keywords, dropped to keep the cache small and ajv quiet. */
const DROPPED_KEYWORDS = new Set([
  'description',
  'summary',
  'example',
  'examples',
  'externalDocs',
  'deprecated',
  'readOnly',
  'writeOnly',
  'xml',
  'discriminator',
  'title',
]);

type OpenApiObject = Record<string, unknown>;

function isObject(value: unknown): value is OpenApiObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rewriteRef(ref: string): string {
  const prefix = '#/components/schemas/';
  if (!ref.startsWith(prefix)) throw new Error(`unsupported $ref ${ref}`);
  return `${COMPONENTS_ID}#/definitions/${ref.slice(prefix.length)}`;
}

/**
 * One OpenAPI 3.0 schema object as JSON Schema (draft-07): `nullable` becomes a null type (or an
 * anyOf with null), refs point into the components document, documentation keywords are dropped.
 * Property names are data, never keywords: a property called "description" is kept.
 */
export function toJsonSchema(schema: unknown): JsonSchema {
  if (typeof schema === 'boolean') return schema;
  if (!isObject(schema)) throw new Error(`not a schema: ${JSON.stringify(schema).slice(0, 100)}`);
  if (typeof schema.$ref === 'string') return { $ref: rewriteRef(schema.$ref) };

  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED_KEYWORDS.has(key) || key.startsWith('x-') || key === 'nullable') continue;
    if (key === 'properties' || key === 'patternProperties') {
      const converted: Record<string, JsonSchema> = {};
      for (const [name, child] of Object.entries(value as OpenApiObject)) converted[name] = toJsonSchema(child);
      out[key] = converted;
    } else if (key === 'items' || key === 'not' || (key === 'additionalProperties' && typeof value === 'object')) {
      out[key] = toJsonSchema(value);
    } else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf') {
      out[key] = (value as unknown[]).map(toJsonSchema);
    } else {
      out[key] = value;
    }
  }
  if (schema.nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  if (Object.keys(out).length === 0) return true;
  return { anyOf: [{ type: 'null' }, out] };
}

function resolveComponent(document: OpenApiObject, value: unknown, kind: 'parameters' | 'responses' | 'requestBodies'): OpenApiObject {
  if (isObject(value) && typeof value.$ref === 'string') {
    const name = value.$ref.slice(`#/components/${kind}/`.length);
    const components = document.components as Record<string, Record<string, unknown>>;
    const resolved = components[kind]?.[name];
    if (!isObject(resolved)) throw new Error(`unresolved ${value.$ref}`);
    return resolved;
  }
  if (!isObject(value)) throw new Error(`not an object in ${kind}`);
  return value;
}

function jsonSchemaOf(content: unknown): { schema?: JsonSchema; contentTypes: string[] } {
  if (!isObject(content)) return { contentTypes: [] };
  const contentTypes = Object.keys(content);
  const json = content['application/json'] ?? Object.entries(content).find(([type]) => type.endsWith('+json'))?.[1];
  if (isObject(json) && json.schema !== undefined) return { schema: toJsonSchema(json.schema), contentTypes };
  return { contentTypes };
}

function prepareParameters(document: OpenApiObject, pathLevel: unknown, operationLevel: unknown): PreparedParameter[] {
  const byKey = new Map<string, PreparedParameter>();
  for (const raw of [...((pathLevel as unknown[]) ?? []), ...((operationLevel as unknown[]) ?? [])]) {
    const parameter = resolveComponent(document, raw, 'parameters');
    const prepared: PreparedParameter = {
      name: String(parameter.name),
      in: parameter.in as PreparedParameter['in'],
      required: parameter.required === true || parameter.in === 'path',
      multiSegment: parameter['x-multi-segment'] === true,
      schema: parameter.schema === undefined ? true : toJsonSchema(parameter.schema),
    };
    byKey.set(`${prepared.in}:${prepared.name}`, prepared);
  }
  return [...byKey.values()];
}

export function prepareDescription(document: OpenApiObject, packageVersion: string): PreparedDescription {
  const operations: PreparedOperation[] = [];
  for (const [pathTemplate, pathItem] of Object.entries(document.paths as Record<string, OpenApiObject>)) {
    for (const [method, operation] of Object.entries(pathItem)) {
      if (!HTTP_METHODS.has(method) || !isObject(operation)) continue;
      const responses: Record<string, PreparedResponse> = {};
      for (const [status, response] of Object.entries((operation.responses as OpenApiObject) ?? {})) {
        responses[status] = jsonSchemaOf(resolveComponent(document, response, 'responses').content);
      }
      let requestBody: PreparedOperation['requestBody'];
      if (operation.requestBody !== undefined) {
        const body = resolveComponent(document, operation.requestBody, 'requestBodies');
        requestBody = { required: body.required === true, ...jsonSchemaOf(body.content) };
      }
      const docs = operation.externalDocs;
      operations.push({
        operationId: String(operation.operationId),
        method: method.toUpperCase(),
        pathTemplate,
        documentationUrl: isObject(docs) && typeof docs.url === 'string' ? docs.url : undefined,
        parameters: prepareParameters(document, pathItem.parameters, operation.parameters),
        requestBody,
        responses,
      });
    }
  }
  const definitions: Record<string, JsonSchema> = {};
  const schemas = (document.components as Record<string, Record<string, unknown>>).schemas ?? {};
  for (const [name, schema] of Object.entries(schemas)) definitions[name] = toJsonSchema(schema);
  return { packageVersion, operations, components: { $id: COMPONENTS_ID, definitions } };
}
