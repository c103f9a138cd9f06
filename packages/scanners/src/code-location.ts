import { toRepoPath, type Location } from '@gatehouse/findings';
import type { ParseContext } from './adapter';

export interface RawCodePosition {
  path: string;
  startLine?: number | null;
  endLine?: number | null;
  startColumn?: number | null;
  endColumn?: number | null;
  commit?: string;
}

const positive = (n: number | null | undefined): number | undefined =>
  typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : undefined;

/**
 * A code location from whatever the report wrote. A path outside the workspace is refused (never read,
 * never shown as if it were in the repository): the finding is kept at repository level and `refused`
 * says why, so the caller can add it to the message.
 */
export function codeLocation(raw: RawCodePosition, ctx: ParseContext): { location: Location; refused?: string } {
  const resolved = toRepoPath(raw.path, ctx.workspace);
  if (!resolved.ok) return { location: { kind: 'repository' }, refused: resolved.reason };
  const startLine = positive(raw.startLine);
  const endLine = positive(raw.endLine);
  const startColumn = positive(raw.startColumn);
  const endColumn = positive(raw.endColumn);
  return {
    location: {
      kind: 'code',
      path: resolved.path,
      ...(startLine ? { startLine } : {}),
      ...(endLine && startLine && endLine >= startLine ? { endLine } : {}),
      ...(startColumn ? { startColumn } : {}),
      ...(endColumn ? { endColumn } : {}),
      ...(raw.commit ? { commit: raw.commit } : {}),
    },
  };
}
