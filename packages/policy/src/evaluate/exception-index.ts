import picomatch from 'picomatch';
import type { PolicyException } from '../schema/exceptions';
import { expiryInstant, startInstant } from '../schema/policy-date';
import { idKey, type FindingFacts } from './finding-keys';
import { purlKey, purlMatches, type PurlKey } from './purl-key';

const DAY_MS = 86_400_000;
const NONE: CompiledException[] = [];

export type ExceptionState = 'valid' | 'expired' | 'too-long';

export interface CompiledException {
  index: number;
  exception: PolicyException;
  state: ExceptionState;
  expiresAt: number;
  /** Within the warning window before it lapses. */
  expiring: boolean;
  idKey?: string;
  purl?: PurlKey;
  pathPattern?: RegExp;
  /** Marks the exception as already collected for the finding being matched (no Set per finding). */
  visit: number;
}

export interface ExceptionClock {
  now: number;
  warnBeforeExpiryDays: number;
  maxDays: number;
}

/**
 * The policy's exceptions, compiled once per evaluation (globs included) and indexed by id and
 * package so each finding looks at only the exceptions that could match it; the few that match by
 * path alone are tried on every finding.
 */
export class ExceptionIndex {
  readonly all: CompiledException[];
  private readonly byId = new Map<string, CompiledException[]>();
  private readonly byPurl = new Map<string, CompiledException[]>();
  private readonly pathOnly: CompiledException[] = [];
  /** All path-only globs in one pattern: most findings match none, and learn it in one test. */
  private readonly anyPathOnly: RegExp | undefined;
  private visit = 0;

  constructor(exceptions: readonly PolicyException[], clock: ExceptionClock) {
    this.all = exceptions.map((exception, index) => compile(exception, index, clock));
    for (const compiled of this.all) {
      if (compiled.idKey !== undefined) push(this.byId, compiled.idKey, compiled);
      else if (compiled.purl !== undefined) push(this.byPurl, compiled.purl.base, compiled);
      else this.pathOnly.push(compiled);
    }
    this.anyPathOnly = this.pathOnly.length > 1 ? new RegExp(this.pathOnly.map((c) => `(?:${c.pathPattern!.source})`).join('|')) : undefined;
  }

  /** Every exception whose matchers all match the finding, in policy order. */
  matching(facts: FindingFacts): CompiledException[] {
    if (this.all.length === 0) return NONE;
    const visit = ++this.visit;
    let matched: CompiledException[] = NONE;
    for (const key of facts.ids) matched = consider(this.byId.get(key), facts, visit, matched);
    if (facts.purl) matched = consider(this.byPurl.get(facts.purl.base), facts, visit, matched);
    if (this.pathOnly.length > 0 && facts.path !== undefined && (!this.anyPathOnly || this.anyPathOnly.test(facts.path))) {
      matched = consider(this.pathOnly, facts, visit, matched);
    }
    if (matched === NONE) return NONE;
    return matched.length > 1 ? matched.sort((a, b) => a.index - b.index) : matched;
  }
}

/** Adds the candidates that match to `matched` (a fresh array on the first match; NONE stays shared). */
function consider(candidates: readonly CompiledException[] | undefined, facts: FindingFacts, visit: number, matched: CompiledException[]): CompiledException[] {
  if (!candidates) return matched;
  let result = matched;
  for (const candidate of candidates) {
    if (candidate.visit === visit) continue;
    candidate.visit = visit;
    if (!matchesAll(candidate, facts)) continue;
    if (result === NONE) result = [];
    result.push(candidate);
  }
  return result;
}

function compile(exception: PolicyException, index: number, clock: ExceptionClock): CompiledException {
  const expiresAt = expiryInstant(exception.expires);
  // Length runs from `created`, or from now when there is none; a created date in the future
  // does not buy extra time.
  const start = Math.min(exception.created === undefined ? clock.now : startInstant(exception.created), clock.now);
  const state: ExceptionState =
    clock.now >= expiresAt ? 'expired' : expiresAt - start > clock.maxDays * DAY_MS ? 'too-long' : 'valid';
  const expiring = state === 'valid' && clock.warnBeforeExpiryDays > 0 && expiresAt - clock.now <= clock.warnBeforeExpiryDays * DAY_MS;
  const compiled: CompiledException = { index, exception, state, expiresAt, expiring, visit: 0 };
  if (exception.id !== undefined) compiled.idKey = idKey(exception.id);
  if (exception.purl !== undefined) {
    const key = purlKey(exception.purl);
    // The schema only admits pkg:type/name forms, which always reduce to a key; be safe anyway.
    compiled.purl = key ?? { base: `\u0000unmatchable:${exception.purl}` };
  }
  if (exception.path !== undefined) compiled.pathPattern = picomatch.makeRe(exception.path, { dot: true });
  return compiled;
}

function matchesAll(compiled: CompiledException, facts: FindingFacts): boolean {
  const { exception } = compiled;
  if (exception.category !== undefined && exception.category !== facts.finding.category) return false;
  if (compiled.idKey !== undefined && !facts.ids.includes(compiled.idKey)) return false;
  if (compiled.purl !== undefined && (!facts.purl || !purlMatches(compiled.purl, facts.purl))) return false;
  if (compiled.pathPattern !== undefined && (facts.path === undefined || !compiled.pathPattern.test(facts.path))) return false;
  return true;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
