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
  // One copy per draft: the finding as it will be, its id filled in once occurrences are known.
  const candidates: Record<string, unknown>[] = [];
  const keys: string[] = [];
  for (const draft of drafts) {
    const { candidate, key } = candidateOf(draft, options.readLine);
    candidates.push(candidate);
    keys.push(key);
  }
  // Occurrences are counted per engine: one engine reporting the rule on two identical lines gives
  // two findings, while two engines reporting the same thing give one id (and merge unites them).
  const groups = new Map<string, number[]>();
  candidates.forEach((candidate, index) => {
    const groupKey = `${keys[index]!}\u0000${(candidate.sources as FindingDraft['sources'])[0]?.engine ?? ''}`;
    const group = groups.get(groupKey);
    if (group) group.push(index);
    else groups.set(groupKey, [index]);
  });
  for (const group of groups.values()) {
    if (group.length === 1) {
      candidates[group[0]!]!.id = identityFromKey(keys[group[0]!]!, 0);
      continue;
    }
    const line = (index: number) => lineOf(drafts[index]!);
    const ordered = [...group].sort((a, b) => line(a) - line(b) || a - b);
    ordered.forEach((index, occurrence) => {
      candidates[index]!.id = identityFromKey(keys[index]!, occurrence);
    });
  }
  const findings: Finding[] = [];
  const rejected: FinalizeResult['rejected'] = [];
  candidates.forEach((candidate, index) => {
    const problems = findingProblems(candidate);
    if (!problems) findings.push(candidate as Finding);
    else {
      const draft = drafts[index]!;
      rejected.push({
        index,
        engine: draft.sources[0]?.engine ?? 'unknown',
        ruleId: String(draft.ruleId),
        reason: problems.join('; '),
      });
    }
  });
  return { findings, rejected };
}

/**
 * The finding a draft becomes: its own keys in its own order (the identity hints left out, the
 * location given its context hash), then `id` (filled in later) and `status`, text fields clamped.
 * The identity key is taken before clamping, from the full texts, as it always was.
 */
function candidateOf(draft: DraftWithHints, readLine: SourceLineReader | undefined): { candidate: Record<string, unknown>; key: string } {
  const hash = contextHash(draft, readLine);
  const location = hash && draft.location.kind === 'code' ? { ...draft.location, contextHash: hash } : draft.location;
  const status = draft.status ?? (draft.suppression ? 'suppressed' : 'open');
  let candidate: Record<string, unknown>;
  if (!Object.hasOwn(draft, 'identityHints')) {
    candidate = { ...draft, location, id: '', status };
  } else {
    candidate = {};
    for (const key of Object.keys(draft)) {
      if (key !== 'identityHints') candidate[key] = key === 'location' ? location : draft[key as keyof DraftWithHints];
    }
    candidate.id = '';
    candidate.status = status;
  }
  const key = baseIdentityKey(candidate as unknown as FindingDraft);
  for (const [field, max] of TEXT_LIMITS) {
    const value = candidate[field];
    if (typeof value === 'string' && value.length > max) candidate[field] = clampText(value, max);
  }
  return { candidate, key };
}

function lineOf(draft: FindingDraft): number {
  return draft.location.kind === 'code' ? (draft.location.startLine ?? 0) : 0;
}
