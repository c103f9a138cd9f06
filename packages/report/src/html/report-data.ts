import { CATEGORIES, SEVERITIES, severityRank, type Category, type Finding, type FindingsDocument, type Severity } from '@gatehouse/findings';
import { findingFacts, isOverdue, locationSummary } from './finding-facts';
import { identifierLink, httpUrlOrUndefined } from './safe-link';

/** Rows per page of the findings table: 10,000 findings stay quick to filter and to draw. */
export const HTML_REPORT_PAGE_SIZE = 100;
/** A finding's message is cut to this many characters in the HTML (findings.json has it whole). */
export const HTML_MESSAGE_LIMIT = 4_000;
/**
 * At most this many findings are embedded (most urgent first), which bounds the file at about 9 MB;
 * beyond it the page says how many are left out and points to findings.json.
 */
export const HTML_MAX_FINDINGS = 20_000;
const MAX_REFERENCES = 10;

/** Status flags of an encoded finding. */
export const FLAG_SUPPRESSED = 1;
export const FLAG_NEW = 2;
export const FLAG_OVERDUE = 4;
export const FLAG_BLOCKING = 8;
export const FLAG_WARNING = 16;

/** Numbers are indexes into `ReportData.strings` (-1: none), so repeated text is written once. */
export interface EncodedFinding {
  /** Full identity hash (what a policy exception names). */
  k: string;
  /** Index into `severities`. */
  s: number;
  /** Index into `categories`. */
  c: number;
  t: number;
  m: number;
  r: number;
  /** Where, in one line. */
  w: number;
  /** Location details: [label, value] pairs. */
  L: [number, number][];
  /** Fix: summary line and advice. */
  f: [number, number];
  /** Identifiers: [label, link] (link -1 when there is none or it was not a safe http(s) URL). */
  i: [number, number][];
  /** References: [text, link]. */
  g: [number, number][];
  /** Indexes into `engines` of every engine that reported it. */
  e: number[];
  /** Sources: [engine index, native id, native severity, engine version]. */
  x: [number, number, number, number][];
  /** FLAG_* bits. */
  o: number;
  /** SLA due date, first seen, severity basis. */
  d: number;
  n: number;
  b: number;
  /** Suppression: [kind, reason, owner, expires, ref]. */
  p?: [number, number, number, number, number];
  /** Secret: [masked preview, verified: 1 yes, 0 no, -1 unknown]. */
  z?: [number, number];
}

export interface ReportData {
  v: 1;
  generatedAt: string;
  pageSize: number;
  severities: readonly Severity[];
  categories: readonly Category[];
  engines: string[];
  strings: string[];
  /** Findings in the document; more than `findings.length` when the report was capped. */
  total: number;
  findings: EncodedFinding[];
}

class StringTable {
  readonly strings: string[] = [];
  readonly #index = new Map<string, number>();
  add(text: string | undefined): number {
    if (text === undefined || text === '') return -1;
    let i = this.#index.get(text);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(text);
      this.#index.set(text, i);
    }
    return i;
  }
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

interface SortRow {
  finding: Finding;
  flags: number;
  /** Lower sorts first: open before suppressed, then severity, blocking, overdue. */
  urgency: number;
  where?: string;
}

function urgencyOf(finding: Finding, flags: number): number {
  return (flags & FLAG_SUPPRESSED ? 1_000 : 0) + (5 - severityRank(finding.severity)) * 10 + (flags & FLAG_BLOCKING ? 0 : 2) + (flags & FLAG_OVERDUE ? 0 : 1);
}

function whereOf(row: SortRow): string {
  row.where ??= locationSummary(row.finding);
  return row.where;
}

/** Plain code-unit order: deterministic in every locale and far cheaper than localeCompare on 100k rows. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Most urgent first, then by title and place. */
function displayOrder(a: SortRow, b: SortRow): number {
  return a.urgency - b.urgency || byCodeUnits(a.finding.title, b.finding.title) || byCodeUnits(whereOf(a), whereOf(b));
}

/**
 * The findings of a document in the compact form the report's script reads: the `limit` most urgent
 * (findings.json has them all, and the page says how many were left out).
 */
export function buildReportData(doc: FindingsDocument, limit: number = HTML_MAX_FINDINGS): ReportData {
  const table = new StringTable();
  const engines = new Map<string, number>();
  const engineIndex = (id: string) => {
    let i = engines.get(id);
    if (i === undefined) {
      i = engines.size;
      engines.set(id, i);
    }
    return i;
  };
  for (const engine of doc.engines) engineIndex(engine.id);
  for (const finding of doc.findings) for (const source of finding.sources) engineIndex(source.engine);

  const now = new Date(doc.generatedAt);
  const blocking = new Set(doc.decision.blockingIds);
  const warning = new Set(doc.decision.warningIds);
  const rows: SortRow[] = doc.findings.map((finding) => {
    let flags = 0;
    if (finding.status === 'suppressed') flags |= FLAG_SUPPRESSED;
    if (finding.isNew) flags |= FLAG_NEW;
    if (isOverdue(finding, now)) flags |= FLAG_OVERDUE;
    if (blocking.has(finding.id)) flags |= FLAG_BLOCKING;
    if (warning.has(finding.id)) flags |= FLAG_WARNING;
    return { finding, flags, urgency: urgencyOf(finding, flags) };
  });
  rows.sort(displayOrder);
  const shown = rows.length > limit ? rows.slice(0, limit) : rows;

  const findings = shown.map(({ finding, flags }): EncodedFinding => {
    const facts = findingFacts(finding, now);
    const encoded: EncodedFinding = {
      k: finding.id,
      s: SEVERITIES.indexOf(finding.severity),
      c: CATEGORIES.indexOf(finding.category),
      t: table.add(finding.title || finding.ruleId),
      m: table.add(clip(finding.message, HTML_MESSAGE_LIMIT)),
      r: table.add(finding.ruleId),
      w: table.add(facts.where),
      L: facts.locationDetails.map(([label, value]) => [table.add(label), table.add(value)]),
      f: [table.add(facts.fixSummary), table.add(finding.fix.advice)],
      i: finding.identifiers.map((id) => [table.add(id.value), table.add(identifierLink(id))]),
      g: (finding.references ?? []).slice(0, MAX_REFERENCES).map((ref) => [table.add(clip(ref, 300)), table.add(httpUrlOrUndefined(ref))]),
      e: [...new Set(finding.sources.map((s) => engineIndex(s.engine)))],
      x: finding.sources.map((s) => [engineIndex(s.engine), table.add(s.nativeId), table.add(s.nativeSeverity), table.add(s.engineVersion)]),
      o: flags,
      d: table.add(finding.slaDueAt),
      n: table.add(finding.firstSeen),
      b: table.add(facts.severityBasis),
    };
    if (finding.suppression) {
      const s = finding.suppression;
      encoded.p = [table.add(s.kind), table.add(s.reason), table.add(s.owner), table.add(s.expiresAt), table.add(s.ref)];
    }
    // Only the masked preview of a secret reaches the report; its hash and anything else stay out.
    if (finding.secret) encoded.z = [table.add(finding.secret.preview), finding.secret.verified === undefined ? -1 : finding.secret.verified ? 1 : 0];
    return encoded;
  });

  return {
    v: 1,
    generatedAt: doc.generatedAt,
    pageSize: HTML_REPORT_PAGE_SIZE,
    severities: SEVERITIES,
    categories: CATEGORIES,
    engines: [...engines.keys()],
    strings: table.strings,
    total: doc.findings.length,
    findings,
  };
}
