import { createHash } from 'node:crypto';
import { ConfigurationError, ParseError } from '@gatehouse/findings';
import { z } from 'zod';
import { callGitHub } from '../client/classify-error';
import type { GitHubClient } from '../client/create-github-client';
import { NotFound } from '../client/github-api-error';

/** The contents API returns content inline up to 1 MB; bigger files come back without it. */
export const CONTENTS_INLINE_MAX_BYTES = 1024 * 1024;

export type FileAtRef =
  | { found: true; path: string; ref: string; content: Buffer; sha: string }
  | { found: false; path: string; ref: string };

export interface ReadFileAtRefOptions {
  /** Refuse files larger than this (default and upper bound: 1 MiB). */
  maxBytes?: number;
}

const FileContent = z.object({
  type: z.literal('file'),
  encoding: z.string(),
  size: z.number().int().nonnegative(),
  content: z.string(),
  sha: z.string().regex(/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/),
  path: z.string(),
});

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A repository-relative path: forward slashes, no "..", "." or empty segments, nothing absolute. */
export function checkRepositoryPath(path: string): string {
  const problem =
    path.length === 0 || path.length > 4096
      ? 'must be 1 to 4096 characters'
      : path.startsWith('/') || /^[A-Za-z]:/.test(path)
        ? 'must be relative to the repository root'
        : path.includes('\\')
          ? 'must use forward slashes'
          : /[\0-\x1f\x7f]/.test(path)
            ? 'must not contain control characters'
            : path.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')
              ? 'must not contain empty, "." or ".." segments'
              : undefined;
  if (problem) throw new ConfigurationError(`repository path ${JSON.stringify(path).slice(0, 200)} ${problem}`);
  return path;
}

function checkRef(ref: string): string {
  if (ref.length === 0 || ref.length > 1024 || /[\0-\x20\x7f~^:?*[\\]/.test(ref)) {
    throw new ConfigurationError(`git ref ${JSON.stringify(ref).slice(0, 200)} is not a branch, tag or commit`);
  }
  return ref;
}

function gitBlobSha(content: Buffer, algorithm: 'sha1' | 'sha256'): string {
  return createHash(algorithm).update(`blob ${content.length}\0`).update(content).digest('hex');
}

/**
 * A file as it is at `ref` (a commit SHA, branch or tag), through the contents API: how a
 * pull_request run reads the policy and other gate-weakening files from the base commit instead of
 * the PR head (design: tamper resistance). 404 is `found: false`; every other failure throws a typed
 * GitHubApiError — a caller must not carry on with defaults when the base policy could not be read.
 * The content is checked against the git blob SHA GitHub sent.
 */
export async function readFileAtRef(client: GitHubClient, path: string, ref: string, options: ReadFileAtRefOptions = {}): Promise<FileAtRef> {
  checkRepositoryPath(path);
  checkRef(ref);
  const maxBytes = Math.min(options.maxBytes ?? CONTENTS_INLINE_MAX_BYTES, CONTENTS_INLINE_MAX_BYTES);
  const where = `${path} at ${ref}`;
  let data: unknown;
  try {
    ({ data } = await callGitHub('GET /repos/{owner}/{repo}/contents/{path}', () =>
      client.octokit.rest.repos.getContent({ ...client.repository, path, ref }),
    ));
  } catch (error) {
    if (error instanceof NotFound) return { found: false, path, ref };
    throw error;
  }
  if (Array.isArray(data)) throw new ConfigurationError(`${where} is a directory, not a file`);
  const kind = (data as { type?: unknown } | null)?.type;
  if (kind !== 'file') throw new ConfigurationError(`${where} is a ${String(kind)}, not a regular file (symlinks and submodules are not followed)`);
  const parsed = FileContent.safeParse(data);
  if (!parsed.success) throw new ParseError(`the contents API answer is not a file: ${parsed.error.issues[0]?.message}`, where);
  const file = parsed.data;
  if (file.size > maxBytes) throw new ConfigurationError(`${where} is ${file.size} bytes, more than the ${maxBytes} allowed`);
  if (file.encoding !== 'base64') throw new ParseError(`the contents API sent encoding "${file.encoding.slice(0, 20)}", not base64`, where);
  const encoded = file.content.replace(/\s+/g, '');
  if (!BASE64.test(encoded)) throw new ParseError('the contents API sent content that is not base64', where);
  const content = Buffer.from(encoded, 'base64');
  const computed = gitBlobSha(content, file.sha.length === 64 ? 'sha256' : 'sha1');
  if (content.length !== file.size || computed !== file.sha) {
    throw new ParseError(`the content does not match its git blob SHA ${file.sha} (${content.length} bytes received, ${file.size} announced)`, where);
  }
  return { found: true, path, ref, content, sha: file.sha };
}

/** `readFileAtRef` decoded as UTF-8 text (a leading BOM dropped); invalid UTF-8 is a ParseError. */
export async function readTextFileAtRef(
  client: GitHubClient,
  path: string,
  ref: string,
  options: ReadFileAtRefOptions = {},
): Promise<{ found: true; path: string; ref: string; text: string; sha: string } | { found: false; path: string; ref: string }> {
  const file = await readFileAtRef(client, path, ref, options);
  if (!file.found) return file;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(file.content);
  } catch {
    throw new ParseError('not valid UTF-8 text', `${path} at ${ref}`);
  }
  return { found: true, path, ref, text, sha: file.sha };
}
