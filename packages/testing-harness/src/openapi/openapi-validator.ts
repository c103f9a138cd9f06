import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import type { JsonSchema, PreparedDescription, PreparedOperation, PreparedResponse } from './prepare-description';
import { COMPONENTS_ID } from './prepare-description';
import { RouteTable, type RouteMatch } from './route-table';

// ajv-formats is CommonJS; its default export arrives as the module object under some loaders.
const addFormats = ((addFormatsPlugin as unknown as { default?: typeof addFormatsPlugin }).default ?? addFormatsPlugin) as typeof addFormatsPlugin;

export interface ValidatedRequest {
  pathParameters: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  problems: string[];
}

function createAjv(coerceTypes: boolean, components: PreparedDescription['components']): Ajv {
  // strict: false because GitHub's schemas use keywords ajv does not know (OpenAPI extensions); the
  // components document is trusted and large, so it is not validated against the meta-schema.
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, coerceTypes, allowUnionTypes: true });
  addFormats(ajv);
  // Formats GitHub uses that JSON Schema does not define; accepted as any string.
  for (const format of ['repo.nwo', 'timestamp', 'binary']) ajv.addFormat(format, true);
  ajv.addSchema(components);
  return ajv;
}

function describeErrors(where: string, errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).slice(0, 10).map((error) => {
    const at = error.instancePath || '(root)';
    const extra = error.keyword === 'additionalProperties' ? ` "${String(error.params.additionalProperty)}"` : '';
    return `${where} ${at} ${error.message ?? error.keyword}${extra}`;
  });
}

/** Status codes GitHub answers on any operation (auth, rate limits, outages), with its basic-error body. */
const GENERIC_ERROR_SCHEMA: JsonSchema = { $ref: `${COMPONENTS_ID}#/definitions/basic-error` };

/**
 * Validates requests against GitHub's OpenAPI description and responses against the operation's
 * response schema. Validators are compiled on first use of each operation (most of the 1,200
 * operations are never called in a test run).
 */
export class OpenApiValidator {
  readonly routes: RouteTable;
  private readonly ajv: Ajv;
  private readonly coercingAjv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(readonly description: PreparedDescription) {
    this.routes = new RouteTable(description.operations);
    this.ajv = createAjv(false, description.components);
    this.coercingAjv = createAjv(true, description.components);
  }

  private validator(key: string, schema: JsonSchema, coerce = false): ValidateFunction {
    const cacheKey = `${coerce ? 'c' : 'p'}:${key}`;
    let validate = this.compiled.get(cacheKey);
    if (!validate) {
      validate = (coerce ? this.coercingAjv : this.ajv).compile(schema as object);
      this.compiled.set(cacheKey, validate);
    }
    return validate;
  }

  match(method: string, pathname: string): RouteMatch | undefined {
    return this.routes.match(method, pathname);
  }

  validateRequest(
    match: RouteMatch,
    request: { query: URLSearchParams; contentType: string | undefined; rawBody: string },
  ): ValidatedRequest {
    const { operation } = match;
    const problems: string[] = [];

    const pathParameters: Record<string, unknown> = { ...match.pathParameters };
    const validatePath = this.validator(`${operation.operationId}:path`, parameterObjectSchema(operation, 'path'), true);
    if (!validatePath(pathParameters)) problems.push(...describeErrors('path parameter', validatePath.errors));

    const query: Record<string, unknown> = Object.create(null);
    for (const key of new Set(request.query.keys())) {
      const values = request.query.getAll(key);
      query[key] = values.length === 1 ? values[0] : values;
    }
    const validateQuery = this.validator(`${operation.operationId}:query`, parameterObjectSchema(operation, 'query'), true);
    if (!validateQuery(query)) problems.push(...describeErrors('query', validateQuery.errors));

    let body: unknown;
    const declared = operation.requestBody;
    if (request.rawBody.length === 0) {
      if (declared?.required) problems.push('request body is required');
    } else if (!declared) {
      problems.push(`${operation.method} ${operation.pathTemplate} takes no request body`);
    } else if (declared.schema) {
      const mediaType = request.contentType?.split(';')[0]?.trim().toLowerCase();
      if (mediaType !== 'application/json') problems.push(`content-type must be application/json, got ${mediaType ?? 'none'}`);
      try {
        body = JSON.parse(request.rawBody);
      } catch (error) {
        problems.push(`request body is not JSON: ${(error as Error).message}`);
        return { pathParameters, query, body: undefined, problems };
      }
      const validateBody = this.validator(`${operation.operationId}:body`, declared.schema);
      if (!validateBody(body)) problems.push(...describeErrors('body', validateBody.errors));
    } else {
      body = request.rawBody;
    }
    return { pathParameters, query, body, problems };
  }

  /** Problems with a response body the fake is about to send ([] when it is valid for the operation). */
  validateResponse(operation: PreparedOperation, status: number, body: unknown): string[] {
    const declared: PreparedResponse | undefined =
      operation.responses[String(status)] ?? operation.responses[`${String(status)[0]}XX`] ?? operation.responses.default;
    if (!declared) {
      if (status >= 400) return this.check(`generic-error`, GENERIC_ERROR_SCHEMA, body, `${status} response`);
      return [`${operation.operationId} does not declare a ${status} response`];
    }
    if (!declared.schema) {
      if (body === undefined) return [];
      if (status >= 400) return this.check(`generic-error`, GENERIC_ERROR_SCHEMA, body, `${status} response`);
      return [`${operation.operationId} declares no JSON body for ${status}, but one was given`];
    }
    if (body === undefined) return [`${operation.operationId} ${status} response needs a body`];
    return this.check(`${operation.operationId}:response:${status}`, declared.schema, body, `${status} response`);
  }

  private check(key: string, schema: JsonSchema, value: unknown, where: string): string[] {
    const validate = this.validator(key, schema);
    return validate(value) ? [] : describeErrors(where, validate.errors);
  }
}

function parameterObjectSchema(operation: PreparedOperation, location: 'path' | 'query'): JsonSchema {
  const parameters = operation.parameters.filter((p) => p.in === location);
  return {
    type: 'object',
    properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema])),
    required: parameters.filter((p) => p.required).map((p) => p.name),
    additionalProperties: false,
  };
}
