import { contextHashOfLine, baseIdentityKey, identityFromKey, isPlaceholderSnippet } from './identity';
import { sha256Hex } from './hash';
import type { Finding, FindingDraft } from './schema';
import { findingProblems } from './validate-finding';

/** Reads one line of a workspace file (1-based), or undefined. Supplied by the caller; adapters never read files. */
export type SourceLineReader = (path: string, line: number) => string | undefined;

/** What an adapter knows that identity may fall back on when the source file is not at hand. */
export interface IdentityHints {
  /** The code the report quoted (not for secrets). */
  snippet?: string;
  /** The tool's own stable fingerprint. */
  fingerprint?: string;
}

export type DraftWithHints = FindingDraft & { identityHints?: IdentityHints };

export interface FinalizeOptions {
  readLine?: SourceLineReader;
}

export interface FinalizeResult {
  findings: Finding[];
  /** Drafts that did not validate: a bug in an adapter, reported and never silently dropped. */
  rejected: { index: number; engine: string; ruleId: string; reason: string }[];
}

const TEXT_LIMITS: [keyof FindingDraft, number][] = [
  ['title', 1_000],
  ['message', 20_000],
  ['ruleId', 500],
];

function clampText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The fallback chain for a code finding's context: the source line when the file is present; else
 * the report's snippet unless it is a placeholder; else the tool's fingerprint; else the line number.
 */
function contextHash(draft: DraftWithHints, readLine?: SourceLineReader): string | undefined {
  const loc = draft.location;
  if (loc.kind !== 'code') return undefined;
  if (loc.contextHash) return loc.contextHash;
  if (loc.startLine === undefined) return undefined;
  const line = readLine?.(loc.path, loc.startLine);
  if (line !== undefined) return contextHashOfLine(line);
  const snippet = draft.category === 'secret' ? undefined : draft.identityHints?.snippet;
  if (snippet !== undefined && !isPlaceholderSnippet(snippet)) {
    const first = snippet.split(/\r?\n/).find((l) => l.trim() !== '') ?? snippet;
    return contextHashOfLine(first);
  }
  if (draft.identityHints?.fingerprint) return sha256Hex(`fingerprint:${draft.identityHints.fingerprint}`);
  return sha256Hex(`lineno:${loc.startLine}`);
}

/**
 * Gives drafts their identity and status. Findings that share a base identity (the same rule on two
 * identical lines of one file) are told apart by an occurrence index in line order, so ids stay stable
 * when unrelated lines move.
 */
export function finalizeFindings(drafts: readonly DraftWithHints[], options: FinalizeOptions = {}): FinalizeResult {
  const keyed = drafts.map((draft, index) => {
    const hash = contextHash(draft, options.readLine);
    const location = hash && draft.location.kind === 'code' ? { ...draft.location, contextHash: hash } : draft.location;
    const withContext = { ...draft, location } as DraftWithHints;
    return { draft: withContext, key: baseIdentityKey(withContext), index };
  });
  // Occurrences are counted per engine: one engine reporting the rule on two identical lines gives
  // two findings, while two engines reporting the same thing give one id (and merge unites them).
  const groups = new Map<string, typeof keyed>();
  for (const entry of keyed) {
    const groupKey = `${entry.key}\u0000${entry.draft.sources[0]?.engine ?? ''}`;
    const group = groups.get(groupKey);
    if (group) group.push(entry);
    else groups.set(groupKey, [entry]);
  }
  const ids = new Map<number, string>();
  for (const group of groups.values()) {
    const ordered = [...group].sort((a, b) => lineOf(a.draft) - lineOf(b.draft) || a.index - b.index);
    ordered.forEach((entry, occurrence) => ids.set(entry.index, identityFromKey(entry.key, occurrence)));
  }
  const findings: Finding[] = [];
  const rejected: FinalizeResult['rejected'] = [];
  for (const { draft, index } of keyed) {
    const { identityHints: _hints, ...rest } = draft;
    const candidate: Record<string, unknown> = {
      ...rest,
      id: ids.get(index),
      status: draft.status ?? (draft.suppression ? 'suppressed' : 'open'),
    };
    for (const [field, max] of TEXT_LIMITS) {
      const value = candidate[field];
      if (typeof value === 'string') candidate[field] = clampText(value, max);
    }
    const problems = findingProblems(candidate);
    if (!problems) findings.push(candidate as Finding);
    else
      rejected.push({
        index,
        engine: draft.sources[0]?.engine ?? 'unknown',
        ruleId: String(draft.ruleId),
        reason: problems.join('; '),
      });
  }
  return { findings, rejected };
}

function lineOf(draft: FindingDraft): number {
  return draft.location.kind === 'code' ? (draft.location.startLine ?? 0) : 0;
}
