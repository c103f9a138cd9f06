import {
  compiledSafeParse,
  FINDINGS_SCHEMA_VERSION,
  FindingSchema,
  FindingsDocumentSchema,
  type Decision,
  type EngineRun,
  type Finding,
  type FindingsDocument,
  type Target,
} from '@gatehouse/findings';
import { schemaKeyOrderer } from './schema-key-order';

export interface FindingsDocumentParts {
  toolVersion: string;
  target: Target;
  engines: EngineRun[];
  decision: Decision;
  findings: Finding[];
  /** When the run ended; a Date or an ISO 8601 time with offset. */
  generatedAt: Date | string;
}

/** The findings.json envelope around a run's parts (not yet validated: `serializeFindingsDocument` does that). */
export function buildFindingsDocument(parts: FindingsDocumentParts): FindingsDocument {
  return {
    schemaVersion: FINDINGS_SCHEMA_VERSION,
    tool: { name: 'gatehouse', version: parts.toolVersion },
    target: parts.target,
    generatedAt: typeof parts.generatedAt === 'string' ? parts.generatedAt : parts.generatedAt.toISOString(),
    engines: parts.engines,
    decision: parts.decision,
    findings: parts.findings,
  };
}

const MAX_REPORTED_ISSUES = 10;
/** Findings per chunk handed to the writer: big enough to keep calls few, small enough to stream. */
const FINDINGS_PER_CHUNK = 500;
const BATCH_HEAD = '{\n  "findings": [\n';
const BATCH_TAIL = '\n  ]\n}';

// Compiled once: validation by a validator compiled from the schema (zod explains a refusal), key order
// from the schema's shape. Both give what zod's parse gave, at a fraction of its cost per finding.
const validateDocument = compiledSafeParse(FindingsDocumentSchema);
const orderDocument = schemaKeyOrderer(FindingsDocumentSchema);
const orderFinding = schemaKeyOrderer(FindingSchema);

/**
 * findings.json text: validated against the schema first (an invalid document is a bug upstream and
 * is never written), keys in the schema's order whatever order the objects were built in, so two runs
 * that found the same things write the same bytes. Findings keep the order they were given.
 */
export function serializeFindingsDocument(doc: FindingsDocument): string {
  const chunks: string[] = [];
  writeFindingsDocument(doc, (chunk) => chunks.push(chunk));
  return chunks.join('');
}

/**
 * The same text as `serializeFindingsDocument`, handed to `write` piece by piece (the envelope, then
 * a few hundred findings at a time), so a document larger than one string can hold (about a million
 * findings) can still be written. Validation happens before the first piece: an invalid document
 * writes nothing.
 */
export function writeFindingsDocument(doc: FindingsDocument, write: (chunk: string) => void): void {
  const parsed = validateDocument(doc, Math.max(1, doc.findings?.length ?? 0));
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const listed = issues
      .slice(0, MAX_REPORTED_ISSUES)
      .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    const more = issues.length > MAX_REPORTED_ISSUES ? ` (and ${issues.length - MAX_REPORTED_ISSUES} more)` : '';
    throw new Error(`findings.json does not match its schema, not written: ${listed}${more}`);
  }
  const valid = parsed.data;
  const envelope = orderDocument ? JSON.stringify(orderDocument({ ...valid, findings: [] }), null, 2) : undefined;
  // findings is the schema's last key: the envelope ends `"findings": []` and the findings go there.
  const tail = '"findings": []\n}';
  if (!envelope || !orderFinding || !envelope.endsWith(tail)) {
    // Not reached with the current schema; kept so a schema change cannot write keys out of order.
    write(`${JSON.stringify(FindingsDocumentSchema.parse(valid), null, 2)}\n`);
    return;
  }
  if (valid.findings.length === 0) {
    write(`${envelope}\n`);
    return;
  }
  write(`${envelope.slice(0, -'[]\n}'.length)}[\n`);
  for (let start = 0; start < valid.findings.length; start += FINDINGS_PER_CHUNK) {
    const batch = valid.findings.slice(start, start + FINDINGS_PER_CHUNK);
    // Stringified as `{"findings": [...]}`, the findings sit at the depth and indent they have in the
    // document; the wrapper's first and last lines are cut off.
    const wrapped = JSON.stringify({ findings: batch.map((finding) => orderFinding(finding)) }, null, 2);
    const text = wrapped.slice(BATCH_HEAD.length, -BATCH_TAIL.length);
    write(start === 0 ? text : `,\n${text}`);
  }
  write('\n  ]\n}\n');
}
