import {
  FINDINGS_SCHEMA_VERSION,
  FindingsDocumentSchema,
  type Decision,
  type EngineRun,
  type Finding,
  type FindingsDocument,
  type Target,
} from '@gatehouse/findings';

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

/**
 * findings.json text: validated against the schema first (an invalid document is a bug upstream and
 * is never written), keys in the schema's order whatever order the objects were built in, so two runs
 * that found the same things write the same bytes. Findings keep the order they were given.
 */
export function serializeFindingsDocument(doc: FindingsDocument): string {
  const parsed = FindingsDocumentSchema.safeParse(doc);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const listed = issues
      .slice(0, MAX_REPORTED_ISSUES)
      .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    const more = issues.length > MAX_REPORTED_ISSUES ? ` (and ${issues.length - MAX_REPORTED_ISSUES} more)` : '';
    throw new Error(`findings.json does not match its schema, not written: ${listed}${more}`);
  }
  // zod builds its output in schema order: the key order comes from there, not from the input.
  return `${JSON.stringify(parsed.data, null, 2)}\n`;
}
