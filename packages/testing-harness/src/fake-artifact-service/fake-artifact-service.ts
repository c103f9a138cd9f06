import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { readBody, sendJson, startLoopbackServer, type LoopbackServer } from '../loopback-server';
import { runtimeToken } from './runtime-token';
import {
  CreateArtifactRequest,
  DeleteArtifactRequest,
  FinalizeArtifactRequest,
  GetSignedArtifactURLRequest,
  ListArtifactsRequest,
  TWIRP_SERVICE,
  TWIRP_STATUS,
  type TwirpCode,
} from './twirp-messages';
import { zipArchive } from './zip-archive';

export interface StoredArtifact {
  id: number;
  name: string;
  runBackendId: string;
  jobBackendId: string;
  mimeType: string;
  /** The committed blob (a zip, unless uploaded with skipArchive). */
  content: Buffer;
  /** "sha256:<hex>" as the uploader declared it at finalize. */
  digest?: string;
  createdAt: Date;
  finalized: boolean;
}

export interface ArtifactServiceViolation {
  method: string;
  path: string;
  problems: string[];
}

const MAX_BLOB_BYTES = 64 * 1024 * 1024;

function tokenScopes(token: string): { run: string; job: string }[] {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { scp?: string };
    return (payload.scp ?? '')
      .split(' ')
      .map((scope) => scope.split(':'))
      .filter((parts) => parts[0] === 'Actions.Results' && parts.length === 3)
      .map((parts) => ({ run: parts[1]!, job: parts[2]! }));
  } catch {
    return [];
  }
}

class TwirpError extends Error {
  constructor(
    readonly code: TwirpCode,
    message: string,
  ) {
    super(message);
  }
}

interface PendingBlob {
  artifact: StoredArtifact;
  blocks: Map<string, Buffer>;
  signature: string;
}

/**
 * A loopback stand-in for the Actions results service that @actions/artifact v2+ talks to: the Twirp
 * JSON API at ACTIONS_RESULTS_URL (CreateArtifact, FinalizeArtifact, ListArtifacts,
 * GetSignedArtifactURL, DeleteArtifact) and the signed blob URLs it hands out (Azure block blob
 * Put Block / Put Block List / Put Blob for upload, GET for download). Requests that the real
 * service would refuse are recorded as violations.
 */
export class FakeArtifactService {
  readonly artifacts: StoredArtifact[] = [];
  readonly violations: ArtifactServiceViolation[] = [];
  /** The workflow run every token of this fake belongs to. */
  readonly runBackendId = randomUUID();
  /** The job of `runtimeToken` (the job under test). */
  readonly jobBackendId = randomUUID();
  /** ACTIONS_RUNTIME_TOKEN for the job under test. */
  readonly runtimeToken: string;

  private readonly tokens = new Set<string>();
  private readonly pending = new Map<string, PendingBlob>();
  private readonly downloads = new Map<string, { artifact: StoredArtifact; signature: string }>();
  private nextId = 5_001;

  private constructor(private readonly server: LoopbackServer) {
    this.runtimeToken = this.tokenForJob(this.jobBackendId);
  }

  static async start(): Promise<FakeArtifactService> {
    let service: FakeArtifactService | undefined;
    const server = await startLoopbackServer((request, response) => service!.handle(request, response));
    service = new FakeArtifactService(server);
    return service;
  }

  /** ACTIONS_RESULTS_URL */
  get resultsUrl(): string {
    return `${this.server.url}/`;
  }

  /** Stops the server, then fails if any violation was left unexamined (see `takeViolations`). */
  async close(): Promise<void> {
    await this.server.close();
    this.assertNoViolations();
  }

  /** The violations so far, which count as examined (`close` no longer fails on them). */
  takeViolations(): ArtifactServiceViolation[] {
    return this.violations.splice(0, this.violations.length);
  }

  /** A runtime token for another job of the same run (matrix legs, earlier jobs). */
  tokenForJob(jobBackendId: string): string {
    const token = runtimeToken(this.runBackendId, jobBackendId);
    this.tokens.add(token);
    return token;
  }

  /** Adds a finalized artifact as if another job of this run had uploaded it (zipped like upload-artifact does). */
  seedArtifact(name: string, files: Readonly<Record<string, string | Buffer>>, jobBackendId: string = randomUUID()): StoredArtifact {
    const content = zipArchive(files);
    const artifact: StoredArtifact = {
      id: this.nextId++,
      name,
      runBackendId: this.runBackendId,
      jobBackendId,
      mimeType: 'application/zip',
      content,
      digest: `sha256:${createHash('sha256').update(content).digest('hex')}`,
      createdAt: new Date(),
      finalized: true,
    };
    this.artifacts.push(artifact);
    return artifact;
  }

  assertNoViolations(): void {
    if (this.violations.length === 0) return;
    const lines = this.violations.map((v) => `- ${v.method} ${v.path}\n    ${v.problems.join('\n    ')}`);
    throw new Error(`the fake artifact service saw ${this.violations.length} violation(s):\n${lines.join('\n')}`);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.server.url);
    const method = (request.method ?? 'GET').toUpperCase();
    const body = await readBody(request, MAX_BLOB_BYTES);
    try {
      if (url.pathname.startsWith(`/twirp/${TWIRP_SERVICE}/`) && method === 'POST') {
        const result = this.twirp(url.pathname.slice(`/twirp/${TWIRP_SERVICE}/`.length), request, body);
        return sendJson(response, 200, result);
      }
      if (url.pathname.startsWith('/devstoreaccount1/')) return this.blob(method, url, request, body, response);
      throw new TwirpError('bad_route', `no route ${method} ${url.pathname}`);
    } catch (error) {
      if (!(error instanceof TwirpError)) throw error;
      if (error.code !== 'not_found' && error.code !== 'already_exists') {
        this.violations.push({ method, path: url.pathname, problems: [`${error.code}: ${error.message}`] });
      }
      return sendJson(response, TWIRP_STATUS[error.code], { code: error.code, msg: error.message });
    }
  }

  private parse<T extends z.ZodType>(schema: T, request: IncomingMessage, body: Buffer): z.output<T> {
    const authorization = request.headers.authorization ?? '';
    if (!authorization.startsWith('Bearer ') || !this.tokens.has(authorization.slice(7))) {
      throw new TwirpError('unauthenticated', 'missing or unknown ACTIONS_RUNTIME_TOKEN');
    }
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
      throw new TwirpError('invalid_argument', 'content-type must be application/json');
    }
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      throw new TwirpError('invalid_argument', 'body is not JSON');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new TwirpError('invalid_argument', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const ids = parsed.data as { workflow_run_backend_id: string; workflow_job_run_backend_id: string };
    const scopes = tokenScopes(authorization.slice(7));
    if (!scopes.some((scope) => scope.run === ids.workflow_run_backend_id)) {
      throw new TwirpError('permission_denied', 'workflow_run_backend_id is not the run of the runtime token');
    }
    return parsed.data;
  }

  /** Uploads are made by a job for itself: the job id must be the runtime token's. */
  private requireOwnJob(request: IncomingMessage, jobBackendId: string): void {
    const scopes = tokenScopes((request.headers.authorization ?? '').slice(7));
    if (!scopes.some((scope) => scope.job === jobBackendId)) {
      throw new TwirpError('permission_denied', 'workflow_job_run_backend_id is not the job of the runtime token');
    }
  }

  private runArtifacts(): StoredArtifact[] {
    return this.artifacts.filter((a) => a.runBackendId === this.runBackendId && a.finalized);
  }

  private twirp(method: string, request: IncomingMessage, body: Buffer): unknown {
    switch (method) {
      case 'CreateArtifact': {
        const message = this.parse(CreateArtifactRequest, request, body);
        this.requireOwnJob(request, message.workflow_job_run_backend_id);
        if (this.runArtifacts().some((a) => a.name === message.name)) {
          throw new TwirpError('already_exists', `an artifact with this name already exists on the workflow run: ${message.name}`);
        }
        const artifact: StoredArtifact = {
          id: this.nextId++,
          name: message.name,
          runBackendId: message.workflow_run_backend_id,
          jobBackendId: message.workflow_job_run_backend_id,
          mimeType: message.mime_type ?? 'application/zip',
          content: Buffer.alloc(0),
          createdAt: new Date(),
          finalized: false,
        };
        this.artifacts.push(artifact);
        const signature = randomBytes(24).toString('base64url');
        const blobPath = `/devstoreaccount1/actions-results/${artifact.runBackendId}/${artifact.id}`;
        this.pending.set(blobPath, { artifact, blocks: new Map(), signature });
        return { ok: true, signed_upload_url: `${this.server.url}${blobPath}?sig=${signature}&se=2099-01-01T00%3A00%3A00Z&sp=cw&sv=2021-08-06&sr=b` };
      }
      case 'FinalizeArtifact': {
        const message = this.parse(FinalizeArtifactRequest, request, body);
        this.requireOwnJob(request, message.workflow_job_run_backend_id);
        const artifact = this.artifacts.find((a) => !a.finalized && a.name === message.name && a.jobBackendId === message.workflow_job_run_backend_id);
        if (!artifact) throw new TwirpError('not_found', `no artifact ${message.name} being uploaded`);
        const problems: string[] = [];
        if (message.size !== undefined && Number(message.size) !== artifact.content.length) {
          problems.push(`declared size ${message.size} but ${artifact.content.length} bytes were uploaded`);
        }
        const digest = `sha256:${createHash('sha256').update(artifact.content).digest('hex')}`;
        if (message.hash !== undefined && message.hash !== digest) problems.push(`declared ${message.hash} but the upload is ${digest}`);
        if (problems.length) throw new TwirpError('invalid_argument', problems.join('; '));
        artifact.digest = message.hash;
        artifact.finalized = true;
        return { ok: true, artifact_id: String(artifact.id) };
      }
      case 'ListArtifacts': {
        const message = this.parse(ListArtifactsRequest, request, body);
        const artifacts = this.runArtifacts()
          .filter((a) => message.name_filter === undefined || a.name === message.name_filter)
          .filter((a) => message.id_filter === undefined || String(a.id) === message.id_filter)
          .map((a) => ({
            workflow_run_backend_id: a.runBackendId,
            workflow_job_run_backend_id: a.jobBackendId,
            database_id: String(a.id),
            name: a.name,
            size: String(a.content.length),
            created_at: a.createdAt.toISOString(),
            ...(a.digest ? { digest: a.digest } : {}),
          }));
        return { artifacts };
      }
      case 'GetSignedArtifactURL': {
        const message = this.parse(GetSignedArtifactURLRequest, request, body);
        const artifact = this.runArtifacts().find((a) => a.name === message.name);
        if (!artifact) throw new TwirpError('not_found', `artifact ${message.name} not found`);
        const signature = randomBytes(24).toString('base64url');
        const extension = artifact.mimeType === 'application/zip' ? '.zip' : '';
        const path = `/devstoreaccount1/actions-results/${artifact.runBackendId}/download/${artifact.id}/${encodeURIComponent(artifact.name)}${extension}`;
        this.downloads.set(path, { artifact, signature });
        return { signed_url: `${this.server.url}${path}?sig=${signature}&se=2099-01-01T00%3A00%3A00Z&sp=r&sv=2021-08-06&sr=b` };
      }
      case 'DeleteArtifact': {
        const message = this.parse(DeleteArtifactRequest, request, body);
        const index = this.artifacts.findIndex((a) => a.finalized && a.name === message.name);
        if (index < 0) throw new TwirpError('not_found', `artifact ${message.name} not found`);
        const [removed] = this.artifacts.splice(index, 1);
        return { ok: true, artifact_id: String(removed!.id) };
      }
      default:
        throw new TwirpError('bad_route', `no method ${method}`);
    }
  }

  /** Azure block blob operations on the signed URLs this fake issued. */
  private blob(method: string, url: URL, request: IncomingMessage, body: Buffer, response: ServerResponse): void {
    const blobHeaders = {
      etag: `"0x${randomBytes(8).toString('hex').toUpperCase()}"`,
      'last-modified': new Date().toUTCString(),
      'x-ms-request-id': randomUUID(),
      'x-ms-version': '2021-08-06',
      'x-ms-request-server-encrypted': 'true',
      date: new Date().toUTCString(),
    };
    const end = (status: number, headers: Record<string, string> = {}, content?: Buffer) => {
      response.writeHead(status, { ...blobHeaders, 'content-length': String(content?.length ?? 0), ...headers });
      response.end(content);
    };

    if (method === 'GET') {
      const download = this.downloads.get(url.pathname);
      if (!download || url.searchParams.get('sig') !== download.signature) throw new TwirpError('permission_denied', 'bad or missing download signature');
      return end(200, { 'content-type': download.artifact.mimeType }, download.artifact.content);
    }
    if (method !== 'PUT') throw new TwirpError('bad_route', `blob storage does not take ${method}`);
    const upload = this.pending.get(url.pathname);
    if (!upload || url.searchParams.get('sig') !== upload.signature) throw new TwirpError('permission_denied', 'bad or missing upload signature');

    const comp = url.searchParams.get('comp');
    if (comp === 'block') {
      const blockId = url.searchParams.get('blockid');
      if (!blockId) throw new TwirpError('invalid_argument', 'Put Block without blockid');
      upload.blocks.set(blockId, body);
      return end(201);
    }
    if (comp === 'blocklist') {
      const ids = [...body.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]+)<\//g)].map((m) => m[1]!);
      const missing = ids.filter((id) => !upload.blocks.has(id));
      if (missing.length) throw new TwirpError('invalid_argument', `Put Block List names blocks never uploaded: ${missing.join(', ')}`);
      upload.artifact.content = Buffer.concat(ids.map((id) => upload.blocks.get(id)!));
      const type = request.headers['x-ms-blob-content-type'];
      if (typeof type === 'string') upload.artifact.mimeType = type;
      return end(201);
    }
    if (comp === null && request.headers['x-ms-blob-type'] === 'BlockBlob') {
      upload.artifact.content = body;
      const type = request.headers['x-ms-blob-content-type'];
      if (typeof type === 'string') upload.artifact.mimeType = type;
      return end(201);
    }
    throw new TwirpError('invalid_argument', `unsupported blob operation comp=${comp ?? '(none)'}`);
  }
}
