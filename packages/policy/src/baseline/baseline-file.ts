import { z } from 'zod';
import { ParseError, purlWithoutVersion, type Finding } from '@gatehouse/findings';
import { formatKeyPath } from '../load/policy-error';
import { jsonPositionOf, parseJsonText } from '../vex/json-text';

/**
 * The baseline file `gatehouse baseline` writes to onboard a repository with existing findings: the
 * ids that were there, so new-only mode blocks only what comes after. Each entry carries hints
 * (category, rule, where) for the person reviewing the file; only `id` is used for matching.
 */
export const BASELINE_KIND = 'gatehouse-baseline';
export const BASELINE_VERSION = 1;

const BaselineEntrySchema = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{64}$/, { message: 'must be a finding id (64 hex characters)' }),
  category: z.string().max(20).optional(),
  ruleId: z.string().max(500).optional(),
  severity: z.string().max(20).optional(),
  location: z.string().max(4_200).optional(),
});
export type BaselineEntry = z.infer<typeof BaselineEntrySchema>;

export const BaselineFileSchema = z.strictObject({
  kind: z.literal(BASELINE_KIND),
  version: z.literal(BASELINE_VERSION),
  createdAt: z.iso.datetime({ offset: true }),
  target: z.string().max(2_000).optional(),
  tool: z.strictObject({ name: z.literal('gatehouse'), version: z.string().max(100) }).optional(),
  findings: z.array(BaselineEntrySchema).max(5_000_000),
});
export type BaselineFile = z.infer<typeof BaselineFileSchema>;

export interface BaselineMeta {
  createdAt: Date;
  target?: string;
  toolVersion?: string;
}

export interface Baseline {
  file: BaselineFile;
  /** What `evaluate` takes as `context.baseline`. */
  ids: ReadonlySet<string>;
}

/** A baseline of every given finding (whatever its status), one entry per id, sorted for stable diffs. */
export function serializeBaseline(findings: readonly Finding[], meta: BaselineMeta): string {
  const byId = new Map<string, BaselineEntry>();
  for (const finding of findings) {
    if (byId.has(finding.id)) continue;
    byId.set(finding.id, {
      id: finding.id,
      category: finding.category,
      ruleId: finding.ruleId,
      severity: finding.severity,
      location: locationHint(finding),
    });
  }
  const file: BaselineFile = {
    kind: BASELINE_KIND,
    version: BASELINE_VERSION,
    createdAt: meta.createdAt.toISOString(),
    ...(meta.target !== undefined ? { target: meta.target } : {}),
    ...(meta.toolVersion !== undefined ? { tool: { name: 'gatehouse' as const, version: meta.toolVersion } } : {}),
    findings: [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
  return `${JSON.stringify(BaselineFileSchema.parse(file), null, 2)}\n`;
}

export function parseBaseline(text: string, file: string): Baseline {
  const data = parseJsonText(text, file);
  const result = BaselineFileSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
    const position = jsonPositionOf(text, path);
    const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : '';
    throw new ParseError(`not a Gatehouse baseline: ${formatKeyPath(path) || '(document)'}: ${issue.message}${more}`, file, position?.line, position?.column);
  }
  return { file: result.data, ids: new Set(result.data.findings.map((entry) => entry.id)) };
}

/** Where a person finds the finding: `path:line`, a package (with its manifest), or an image. */
function locationHint(finding: Finding): string {
  const location = finding.location;
  switch (location.kind) {
    case 'code':
      return location.startLine === undefined ? location.path : `${location.path}:${location.startLine}`;
    case 'package':
      return location.manifest ? `${purlWithoutVersion(location.purl)} (${location.manifest})` : purlWithoutVersion(location.purl);
    case 'image':
      return location.purl ? `${location.ref} ${purlWithoutVersion(location.purl)}` : location.ref;
    default:
      return 'repository';
  }
}
