import { createHash, randomBytes } from 'node:crypto';
import { zipArchive } from '../fake-artifact-service/zip-archive';
import type { FakeGitHub } from './fake-github';
import { GITHUB_ACTIONS_BOT, githubTimestamp, type StoredComment, type StoredIssue, type StoredLabel, type UserSpec } from './github-objects';

export interface SarifUpload {
  id: string;
  commitSha: string;
  ref: string;
  /** The SARIF document, decoded from its gzip + base64 transport form. */
  sarif: unknown;
  gzippedBytes: number;
  toolName?: string;
  checkoutUri?: string;
  /** Status polls answered so far. */
  polls: number;
}

/** An artifact of a workflow run of the repository, as the REST API lists it (GET /repos/{owner}/{repo}/actions/artifacts). */
export interface StoredRepositoryArtifact {
  id: number;
  name: string;
  /** The zip GitHub serves for it. */
  content: Buffer;
  digest: string;
  createdAt: Date;
  expiresAt: Date;
  expired: boolean;
  workflowRun: { id: number; repositoryId: number; headRepositoryId: number; headBranch: string; headSha: string };
}

export interface RepositoryArtifactOptions {
  /** The branch the run ran on (workflow_run.head_branch); "main" by default. */
  branch?: string;
  /** The repository the run's head commit came from; a fork's id for fork pull requests. The fake's own by default. */
  headRepositoryId?: number;
  runId?: number;
  headSha?: string;
  createdAt?: Date;
  expired?: boolean;
  /** The zip as stored, instead of one made from `files` (for hostile archives). */
  zip?: Buffer;
}

/** A file served from the fake's blob store (what artifact downloads redirect to). */
export interface StoredBlob {
  content: Buffer;
  /** Every URL handed out stays valid (as a real storage SAS does until it expires): two concurrent downloads of one artifact must not revoke each other's. */
  signatures: Set<string>;
  contentType: string;
}

export interface StoredFile {
  content: Buffer;
  sha: string;
}

/**
 * What the default handlers remember between requests, and what tests arrange and inspect:
 * comments per issue or PR number, issues, labels, SARIF uploads, and files per git ref.
 */
export class FakeGitHubState {
  readonly comments: StoredComment[] = [];
  readonly issues: StoredIssue[] = [];
  readonly labels: StoredLabel[] = [];
  readonly sarifUploads: SarifUpload[] = [];
  /** Files by git ref (branch name, "refs/heads/x", or commit SHA), then by path. */
  readonly files = new Map<string, Map<string, StoredFile>>();
  /** Artifacts of the repository's workflow runs (other runs than the one under test). */
  readonly repositoryArtifacts: StoredRepositoryArtifact[] = [];
  /** Blob storage behind signed download URLs, by path. */
  readonly blobs = new Map<string, StoredBlob>();
  /** The repository's id (GITHUB_REPOSITORY_ID as the runner harness sets it). */
  readonly repositoryId = 123_456_789;

  /** False makes SARIF uploads answer 403 as a repository without code scanning does. */
  codeScanningEnabled = true;
  /** Status polls a SARIF upload stays "pending" before it is "complete". */
  sarifPendingPolls = 1;
  /** "failed" makes processed uploads report errors. */
  sarifOutcome: 'complete' | 'failed' = 'complete';

  private nextId = 1_000_001;
  private nextIssueNumber = 101;

  constructor(private readonly fake: FakeGitHub) {}

  id(): number {
    const id = this.nextId;
    this.nextId += 1;
    return id;
  }

  issueNumber(): number {
    const number = this.nextIssueNumber;
    this.nextIssueNumber += 1;
    return number;
  }

  /** Arranges an existing comment (e.g. the sticky comment of an earlier run). */
  addComment(issueNumber: number, body: string, author: UserSpec = GITHUB_ACTIONS_BOT): StoredComment {
    const now = githubTimestamp();
    const comment: StoredComment = { id: this.id(), issueNumber, body, author, createdAt: now, updatedAt: now };
    this.comments.push(comment);
    return comment;
  }

  /** Arranges an existing issue (one a person opened, or one of an earlier run). */
  addIssue(spec: { title: string; body?: string | null; labels?: string[]; author?: UserSpec; state?: 'open' | 'closed' }): StoredIssue {
    const now = githubTimestamp();
    const closed = spec.state === 'closed';
    const stored: StoredIssue = {
      id: this.id(),
      number: this.issueNumber(),
      title: spec.title,
      body: spec.body ?? null,
      state: closed ? 'closed' : 'open',
      stateReason: closed ? 'completed' : null,
      labels: (spec.labels ?? []).map((name) => this.ensureLabel(name)),
      assignees: [],
      author: spec.author ?? GITHUB_ACTIONS_BOT,
      comments: 0,
      createdAt: now,
      updatedAt: now,
      closedAt: closed ? now : null,
    };
    this.issues.push(stored);
    return stored;
  }

  commentsOn(issueNumber: number): StoredComment[] {
    return this.comments.filter((c) => c.issueNumber === issueNumber);
  }

  /** Arranges a file at a git ref, as the contents API will serve it. */
  setFile(gitRef: string, path: string, content: string | Buffer): void {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    const sha = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
    const files = this.files.get(gitRef) ?? new Map<string, StoredFile>();
    files.set(path, { content: bytes, sha });
    this.files.set(gitRef, files);
  }

  file(gitRef: string, path: string): StoredFile | undefined {
    const candidates = [gitRef, gitRef.replace(/^refs\/(heads|tags)\//, '')];
    for (const candidate of candidates) {
      const found = this.files.get(candidate)?.get(path);
      if (found) return found;
    }
    return undefined;
  }

  /** Arranges an artifact of an earlier workflow run (a zip of `files`), newest last. */
  addRepositoryArtifact(name: string, files: Readonly<Record<string, string | Buffer>>, options: RepositoryArtifactOptions = {}): StoredRepositoryArtifact {
    const content = options.zip ?? zipArchive(files);
    const createdAt = options.createdAt ?? new Date();
    const runId = options.runId ?? 7_000_000_000 + this.repositoryArtifacts.length;
    const artifact: StoredRepositoryArtifact = {
      id: this.id(),
      name,
      content,
      digest: `sha256:${createHash('sha256').update(content).digest('hex')}`,
      createdAt,
      expiresAt: new Date(createdAt.getTime() + 90 * 24 * 3600 * 1000),
      expired: options.expired ?? false,
      workflowRun: {
        id: runId,
        repositoryId: this.repositoryId,
        headRepositoryId: options.headRepositoryId ?? this.repositoryId,
        headBranch: options.branch ?? 'main',
        headSha: options.headSha ?? createHash('sha1').update(`run:${runId}`).digest('hex'),
      },
    };
    this.repositoryArtifacts.push(artifact);
    return artifact;
  }

  /** Puts `content` in the blob store and returns its signed URL (on the fake's own origin, under /_blobs/). */
  signedBlobUrl(path: string, content: Buffer, contentType = 'application/zip'): string {
    const signature = randomBytes(18).toString('base64url');
    const blobPath = `/_blobs/${path}`;
    const signatures = this.blobs.get(blobPath)?.signatures ?? new Set<string>();
    signatures.add(signature);
    this.blobs.set(blobPath, { content, signatures, contentType });
    return `${this.fake.url}${blobPath}?sig=${signature}&se=2099-01-01T00%3A00%3A00Z&sp=r`;
  }

  label(name: string): StoredLabel | undefined {
    return this.labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
  }

  /** A label by name, created (grey, no description) when the repository does not have it, as GitHub does. */
  ensureLabel(name: string): StoredLabel {
    const existing = this.label(name);
    if (existing) return existing;
    const created: StoredLabel = { id: this.id(), name, color: 'ededed', description: null };
    this.labels.push(created);
    return created;
  }

  get repository() {
    return this.fake.repository;
  }
}
