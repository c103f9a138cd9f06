import { FINDINGS_SCHEMA_VERSION, FindingSchema, FindingsDocumentSchema, ParseError, type EngineRun, type Finding, type Target } from '@gatehouse/findings';
import { decodeReport, parseJsonDocument } from '@gatehouse/scanners';
import { z } from 'zod';

/** A findings.json made by another Gatehouse run, as the gate can use it. */
export interface ReadFindings {
  target: Target;
  engines: EngineRun[];
  /** The findings that validate, in document order. */
  findings: Finding[];
  /** Why some findings were not taken (each makes the source incomplete); empty when all were. */
  problems: string[];
}

// The decision is recomputed by the gate with the trusted policy: it is not read, only required to exist.
const Envelope = FindingsDocumentSchema.omit({ decision: true, findings: true }).extend({
  decision: z.unknown(),
  findings: z.array(z.unknown()),
});

const MAX_LISTED_PROBLEMS = 3;

function describeIssue(issue: z.core.$ZodIssue): string {
  return `${issue.path.map(String).join('.') || '(value)'}: ${issue.message}`;
}

/**
 * Reads a findings.json (an artifact's, or a file given in `findings`). The envelope must be a
 * findings document of this schema version, else a ParseError naming the file and position; each
 * finding is validated on its own, so one bad finding is counted (and makes the source incomplete)
 * without losing the others.
 */
export function readFindingsDocument(bytes: Uint8Array, file: string): ReadFindings {
  const data = parseJsonDocument(decodeReport(bytes, file), file);
  if (typeof data === 'object' && data !== null && 'schemaVersion' in data && (data as { schemaVersion: unknown }).schemaVersion !== FINDINGS_SCHEMA_VERSION) {
    throw new ParseError(`findings document schema version ${JSON.stringify((data as { schemaVersion: unknown }).schemaVersion).slice(0, 20)} is not ${FINDINGS_SCHEMA_VERSION}`, file);
  }
  const envelope = Envelope.safeParse(data);
  if (!envelope.success) {
    throw new ParseError(`not a Gatehouse findings document: ${envelope.error.issues.slice(0, MAX_LISTED_PROBLEMS).map(describeIssue).join('; ')}`, file);
  }
  const findings: Finding[] = [];
  const rejected: string[] = [];
  envelope.data.findings.forEach((raw, index) => {
    const parsed = FindingSchema.safeParse(raw);
    if (parsed.success) findings.push(parsed.data);
    else rejected.push(`findings[${index}].${describeIssue(parsed.error.issues[0]!)}`);
  });
  const problems = rejected.length
    ? [`${rejected.length} finding${rejected.length === 1 ? ' did not validate and was' : 's did not validate and were'} not taken (${rejected.slice(0, MAX_LISTED_PROBLEMS).join('; ')})`]
    : [];
  return { target: envelope.data.target, engines: envelope.data.engines, findings, problems };
}
