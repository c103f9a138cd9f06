import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody, sendJson, startLoopbackServer, type LoopbackServer } from '../loopback-server';
import { loadGitHubDescription } from '../openapi/load-description';
import { OpenApiValidator } from '../openapi/openapi-validator';
import type { PreparedOperation } from '../openapi/prepare-description';
import { registerDefaultHandlers } from './default-handlers/register-default-handlers';
import { FakeGitHubState } from './fake-github-state';
import type { RepositoryRef, SiteUrls } from './github-objects';
import { READ_ALL, TokenRegistry, WRITE_ALL, tokenFromAuthorization, type FakeToken, type Permissions } from './tokens';

/** "METHOD /path/{template}" exactly as in GitHub's OpenAPI description. */
export type Route = string;

export interface FakeRequest {
  route: Route;
  operationId: string;
  operation: PreparedOperation;
  /** Path parameters, typed per the description (issue_number is a number). */
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  headers: IncomingHttpHeaders;
  token: FakeToken;
  url: URL;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type FakeHandler = (request: FakeRequest, fake: FakeGitHub) => FakeResponse | Promise<FakeResponse>;

export type ViolationKind = 'unknown-route' | 'invalid-request' | 'no-handler' | 'invalid-response' | 'handler-error' | 'credential-leak';

export interface Violation {
  kind: ViolationKind;
  method: string;
  path: string;
  operationId?: string;
  problems: string[];
}

export interface RecordedRequest {
  route: Route | undefined;
  operationId: string | undefined;
  method: string;
  path: string;
  query: Record<string, unknown>;
  body: unknown;
  status: number;
  /** The permissions of the token used, when it was one the fake issued. */
  permissions: Permissions | undefined;
}

export interface Fault {
  status: number;
  message?: string;
  /** Seconds, sent as retry-after (secondary rate limits). */
  retryAfter?: number;
}

export interface FakeGitHubOptions {
  repository?: RepositoryRef;
  /** Register the stateful default handlers (comments, issues, labels, SARIF, contents). Default true. */
  defaults?: boolean;
  /** Requests per hour reported in x-ratelimit-limit (GITHUB_TOKEN: 1,000 per repository). */
  rateLimit?: number;
}

const MAX_REQUEST_BYTES = 40 * 1024 * 1024;
/** Signed blob URLs (artifact downloads redirect there); not part of the REST API. */
const BLOB_PATH_PREFIX = '/_blobs/';
const API_DOCS = 'https://docs.github.com/rest';

/**
 * A loopback stand-in for api.github.com that checks every request against GitHub's OpenAPI
 * description and every answer against the operation's response schema. Problems are recorded as
 * violations (`assertNoViolations()` fails the test) and the request gets a 4xx, as "stubs throw on
 * any call a test did not set up".
 */
export class FakeGitHub {
  readonly validator: OpenApiValidator;
  readonly tokens = new TokenRegistry();
  readonly state: FakeGitHubState;
  readonly requests: RecordedRequest[] = [];
  readonly violations: Violation[] = [];
  /** A token with every permission (a workflow with `permissions: write-all`). */
  readonly writeToken: string;
  /** A read-only token, as pull_request runs from forks get. */
  readonly readOnlyToken: string;

  private readonly handlers = new Map<string, FakeHandler>();
  private readonly defaultHandlers = new Map<string, FakeHandler>();
  private readonly faults = new Map<string, Fault[]>();
  private readonly rateLimit: number;
  private rateLimitUsed = 0;
  private readonly rateLimitReset = Math.floor(Date.now() / 1000) + 3600;

  private constructor(
    private readonly server: LoopbackServer,
    readonly repository: RepositoryRef,
    options: FakeGitHubOptions,
    validator: OpenApiValidator,
  ) {
    this.validator = validator;
    this.rateLimit = options.rateLimit ?? 1_000;
    this.writeToken = this.tokens.create(WRITE_ALL);
    this.readOnlyToken = this.tokens.create(READ_ALL);
    this.state = new FakeGitHubState(this);
  }

  static async start(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
    const validator = sharedValidator();
    let fake: FakeGitHub | undefined;
    const server = await startLoopbackServer((request, response) => fake!.handle(request, response));
    fake = new FakeGitHub(server, options.repository ?? { owner: 'octo-org', repo: 'octo-repo' }, options, validator);
    if (options.defaults !== false) registerDefaultHandlers(fake);
    return fake;
  }

  /** The REST API base URL (GITHUB_API_URL). */
  get url(): string {
    return this.server.url;
  }

  get urls(): SiteUrls {
    return { api: this.server.url, web: this.server.url.replace('127.0.0.1', 'github.localhost') };
  }

  /**
   * Stops the server, then fails like `assertNoViolations` if any violation was left unexamined: a
   * test cannot pass by forgetting to check. Tests that provoke violations on purpose take them first.
   */
  async close(): Promise<void> {
    await this.server.close();
    this.assertNoViolations();
  }

  /** The violations so far, which count as examined (`close` no longer fails on them). */
  takeViolations(): Violation[] {
    return this.violations.splice(0, this.violations.length);
  }

  private operationFor(route: Route): PreparedOperation {
    const operation = this.validator.routes.operation(route);
    if (!operation) throw new Error(`"${route}" is not an operation in GitHub's OpenAPI description`);
    return operation;
  }

  /** Handles a route in this test (replaces a default handler). Throws at once for a route GitHub does not have. */
  on(route: Route, handler: FakeHandler): this {
    const operation = this.operationFor(route);
    this.handlers.set(operation.operationId, handler);
    return this;
  }

  /** Registers a default (stateful) handler; tests use `on` instead. */
  setDefault(route: Route, handler: FakeHandler): this {
    this.defaultHandlers.set(this.operationFor(route).operationId, handler);
    return this;
  }

  /**
   * Answers a route with a fixed response, validated now: a canned body that does not match the
   * operation's response schema throws here, in the test that wrote it.
   */
  reply(route: Route, response: FakeResponse): this {
    const operation = this.operationFor(route);
    const problems = this.validator.validateResponse(operation, response.status, response.body);
    if (problems.length > 0) throw new Error(`canned ${route} ${response.status} response is not valid:\n${problems.join('\n')}`);
    return this.on(route, () => response);
  }

  /** The next `times` requests to `route` (or to any route, with "*") fail with this status before reaching a handler. */
  injectFault(route: Route | '*', fault: Fault, times = 1): this {
    const key = route === '*' ? '*' : this.operationFor(route).operationId;
    const queue = this.faults.get(key) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(fault);
    this.faults.set(key, queue);
    return this;
  }

  /** Requests recorded for an operation ("issues/create-comment"). */
  requestsTo(operationId: string): RecordedRequest[] {
    return this.requests.filter((r) => r.operationId === operationId);
  }

  assertNoViolations(): void {
    if (this.violations.length === 0) return;
    const lines = this.violations.map(
      (v) => `- ${v.kind}: ${v.method} ${v.path}${v.operationId ? ` (${v.operationId})` : ''}\n    ${v.problems.join('\n    ')}`,
    );
    throw new Error(`the fake GitHub API saw ${this.violations.length} violation(s):\n${lines.join('\n')}`);
  }

  /** A GitHub-shaped error body for `request`'s operation. */
  errorResponse(request: Pick<FakeRequest, 'operation'>, status: number, message: string, extra: Record<string, unknown> = {}): FakeResponse {
    return {
      status,
      body: { message, documentation_url: request.operation.documentationUrl ?? API_DOCS, status: String(status), ...extra },
    };
  }

  private rateLimitHeaders(): Record<string, string> {
    return {
      'x-ratelimit-limit': String(this.rateLimit),
      'x-ratelimit-remaining': String(Math.max(0, this.rateLimit - this.rateLimitUsed)),
      'x-ratelimit-reset': String(this.rateLimitReset),
      'x-ratelimit-used': String(this.rateLimitUsed),
      'x-ratelimit-resource': 'core',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': `FAKE:${this.requests.length + 1}`,
    };
  }

  /** Records a violation found by a handler (e.g. an upload whose content is not what GitHub accepts). */
  recordViolation(request: FakeRequest, problems: string[]): void {
    this.violation({ kind: 'invalid-request', method: request.operation.method, path: request.url.pathname, operationId: request.operationId, problems });
  }

  private violation(violation: Violation): void {
    this.violations.push(violation);
  }

  /**
   * Blob storage behind a signed URL, as the storage GitHub redirects artifact downloads to: the
   * signature is the credential. A GitHub token sent along is a leak (the real storage is another
   * host) and recorded as a violation.
   */
  private serveBlob(method: string, url: URL, headers: IncomingHttpHeaders, recorded: RecordedRequest, response: ServerResponse): void {
    const blob = this.state.blobs.get(url.pathname);
    const end = (status: number, body: Buffer, contentType: string) => {
      recorded.status = status;
      response.writeHead(status, { 'content-type': contentType, 'content-length': String(body.length) });
      response.end(body);
    };
    if (headers.authorization) {
      this.violation({ kind: 'credential-leak', method, path: url.pathname, problems: ['a GitHub token was sent to blob storage'] });
    }
    if (method !== 'GET' || !blob || !blob.signatures.has(url.searchParams.get('sig') ?? '')) {
      return end(403, Buffer.from('<Error><Code>AuthenticationFailed</Code></Error>'), 'application/xml');
    }
    end(200, blob.content, blob.contentType);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    const method = (request.method ?? 'GET').toUpperCase();
    const recorded: RecordedRequest = {
      route: undefined,
      operationId: undefined,
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: undefined,
      status: 0,
      permissions: undefined,
    };
    this.requests.push(recorded);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      recorded.status = status;
      sendJson(response, status, body, { ...this.rateLimitHeaders(), ...headers });
    };

    let raw: Buffer;
    try {
      raw = await readBody(request, MAX_REQUEST_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return send(413, { message: 'Payload too large', documentation_url: API_DOCS });
      throw error;
    }

    if (url.pathname.startsWith(BLOB_PATH_PREFIX)) return this.serveBlob(method, url, request.headers, recorded, response);

    const match = this.validator.match(method, url.pathname);
    if (!match) {
      this.violation({ kind: 'unknown-route', method, path: url.pathname, problems: ['no such operation in GitHub’s OpenAPI description'] });
      return send(404, { message: 'Not Found', documentation_url: API_DOCS, status: '404' });
    }
    const { operation } = match;
    recorded.route = `${operation.method} ${operation.pathTemplate}`;
    recorded.operationId = operation.operationId;

    const validated = this.validator.validateRequest(match, {
      query: url.searchParams,
      contentType: request.headers['content-type'],
      rawBody: raw.toString('utf8'),
    });
    recorded.body = validated.body;
    recorded.query = validated.query;
    if (validated.problems.length > 0) {
      this.violation({ kind: 'invalid-request', method, path: url.pathname, operationId: operation.operationId, problems: validated.problems });
      const unparsable = validated.problems.some((p) => p.startsWith('request body is not JSON'));
      return send(unparsable ? 400 : 422, {
        message: unparsable ? 'Problems parsing JSON' : 'Validation Failed',
        documentation_url: operation.documentationUrl ?? API_DOCS,
        status: unparsable ? '400' : '422',
        ...(unparsable ? {} : { errors: validated.problems.map((message) => ({ code: 'invalid', message })) }),
      });
    }

    const token = this.tokens.find(tokenFromAuthorization(request.headers.authorization));
    if (!token) {
      const message = request.headers.authorization ? 'Bad credentials' : 'Requires authentication';
      return send(401, { message, documentation_url: API_DOCS, status: '401' });
    }
    recorded.permissions = token.permissions;
    this.rateLimitUsed += 1;

    const fault = this.faults.get(operation.operationId)?.shift() ?? this.faults.get('*')?.shift();
    if (fault) {
      const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
      const message = fault.message ?? (fault.status === 429 ? 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' : 'Server Error');
      return send(fault.status, { message, documentation_url: API_DOCS, status: String(fault.status) }, headers);
    }

    const handler = this.handlers.get(operation.operationId) ?? this.defaultHandlers.get(operation.operationId);
    if (!handler) {
      this.violation({
        kind: 'no-handler',
        method,
        path: url.pathname,
        operationId: operation.operationId,
        problems: [`the test set up no handler for ${recorded.route}`],
      });
      return send(404, { message: `Not Found (the fake has no handler for ${recorded.route})`, documentation_url: API_DOCS, status: '404' });
    }

    let answer: FakeResponse;
    try {
      answer = await handler(
        {
          route: recorded.route,
          operationId: operation.operationId,
          operation,
          params: validated.pathParameters,
          query: validated.query,
          body: validated.body,
          headers: request.headers,
          token,
          url,
        },
        this,
      );
    } catch (error) {
      this.violation({ kind: 'handler-error', method, path: url.pathname, operationId: operation.operationId, problems: [String((error as Error).stack ?? error)] });
      return send(500, { message: 'Server Error', documentation_url: API_DOCS, status: '500' });
    }
    const problems = this.validator.validateResponse(operation, answer.status, answer.body);
    if (problems.length > 0) {
      this.violation({ kind: 'invalid-response', method, path: url.pathname, operationId: operation.operationId, problems });
      return send(500, { message: 'Server Error (the fake’s response did not match GitHub’s schema)', documentation_url: API_DOCS, status: '500' });
    }
    send(answer.status, answer.body, answer.headers);
  }
}

let validator: OpenApiValidator | undefined;

/** One validator per process: loading and compiling is the slow part, and it is read-only. */
function sharedValidator(): OpenApiValidator {
  validator ??= new OpenApiValidator(loadGitHubDescription().description);
  return validator;
}
