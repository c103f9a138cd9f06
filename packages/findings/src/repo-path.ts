import { posix } from 'node:path';

export type RepoPathResult = { ok: true; path: string } | { ok: false; reason: string };

const DRIVE = /^[A-Za-z]:\//;

/** Forward slashes, no CR/LF or NUL, drive letters lower-cased: the one spelling paths are compared in. */
function canonicalSlashes(raw: string): string {
  let p = raw.replace(/[\r\n\0]/g, '').trim().replace(/\\/g, '/');
  if (DRIVE.test(p)) p = p[0]!.toLowerCase() + p.slice(1);
  return p;
}

function decodeFileUri(raw: string): string {
  if (!/^file:/i.test(raw)) return raw;
  let rest = raw.replace(/^file:(\/\/[^/]*)?/i, '');
  // file:///C:/x -> /C:/x -> C:/x
  if (/^\/[A-Za-z]:\//.test(rest)) rest = rest.slice(1);
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}

/**
 * Turns whatever path a report wrote (`.\app\x.py`, `./x`, `file:///ws/x`, an absolute path under the
 * workspace, CRLF-terminated) into a repository-relative path with forward slashes. A path that
 * leaves the workspace (absolute elsewhere, or `..` traversal) is refused: callers keep the finding
 * but never read that path.
 */
export function toRepoPath(raw: string, workspace: string): RepoPathResult {
  if (typeof raw !== 'string' || raw.trim() === '') return { ok: false, reason: 'empty path' };
  const path = canonicalSlashes(decodeFileUri(raw.trim()));
  const root = canonicalSlashes(workspace).replace(/\/+$/, '');
  const isAbsolute = path.startsWith('/') || DRIVE.test(path);
  let relative: string;
  if (isAbsolute) {
    const normalised = posix.normalize(path);
    if (root === '' || (normalised !== root && !normalised.startsWith(`${root}/`))) {
      return { ok: false, reason: `absolute path outside the workspace: ${truncate(raw)}` };
    }
    relative = normalised.slice(root.length + 1);
  } else {
    relative = posix.normalize(path);
  }
  relative = relative.replace(/^(\.\/)+/, '');
  if (relative === '' || relative === '.') return { ok: false, reason: 'path names the workspace itself' };
  if (relative === '..' || relative.startsWith('../')) {
    return { ok: false, reason: `path leaves the workspace: ${truncate(raw)}` };
  }
  return { ok: true, path: relative.replace(/\/+$/, '') };
}

function truncate(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
