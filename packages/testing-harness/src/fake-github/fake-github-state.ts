import { createHash } from 'node:crypto';
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
