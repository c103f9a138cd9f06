import { CategorySchema, SeveritySchema, severityRank, type Finding, type Location } from '@gatehouse/findings';
import { z } from 'zod';

/**
 * What a notification says about one finding. Deliberately narrow: it has no field for a finding's
 * `message`, snippet, fix advice of a secret, or anything else an adapter could have filled with a
 * plaintext secret by mistake. A secret appears only as the masked preview kept by the finding schema.
 */
export const NotificationFindingSchema = z.strictObject({
  id: z.string().min(1).max(128),
  severity: SeveritySchema,
  category: CategorySchema,
  ruleId: z.string().min(1).max(200),
  title: z.string().max(300),
  /** `path:line`, a package purl, or an image reference. */
  location: z.string().max(500),
  /** e.g. "upgrade to 4.17.21"; fixed wording for secrets. */
  fix: z.string().max(300).optional(),
  /** At most the finding schema's masked preview (`AKIA…`). */
  secretPreview: z.string().max(8).optional(),
  /** SLA due date, for sla-breach notifications. */
  dueAt: z.iso.datetime({ offset: true }).optional(),
});
export type NotificationFinding = z.infer<typeof NotificationFindingSchema>;

const SECRET_FIX = 'Rotate the secret, then remove it from the code and history';

function describeLocation(location: Location): string {
  switch (location.kind) {
    case 'code':
      return location.startLine ? `${location.path}:${location.startLine}` : location.path;
    case 'package':
      return location.manifest ? `${location.purl} (${location.manifest})` : location.purl;
    case 'image':
      return location.purl ? `${location.ref} ${location.purl}` : location.ref;
    case 'repository':
      return 'repository';
  }
}

function describeFix(finding: Finding): string | undefined {
  if (finding.category === 'secret') return SECRET_FIX;
  if (finding.fix.available && finding.fix.versions.length > 0) return `upgrade to ${finding.fix.versions.slice(0, 5).join(', ')}`;
  if (finding.fix.state === 'not_fixed') return 'no fix available yet';
  if (finding.fix.state === 'wont_fix') return 'vendor will not fix';
  return finding.fix.advice;
}

/**
 * The one way from a Finding to a notification: it copies only fields the finding schema keeps free of
 * secrets (identity, severity, rule, title, location, fix, masked preview) and bounds each of them.
 */
export function toNotificationFinding(finding: Finding): NotificationFinding {
  const fix = describeFix(finding);
  const preview = finding.secret?.preview;
  return {
    id: finding.id,
    severity: finding.severity,
    category: finding.category,
    ruleId: finding.ruleId.slice(0, 200),
    title: finding.title.slice(0, 300),
    location: describeLocation(finding.location).slice(0, 500),
    ...(fix ? { fix: fix.slice(0, 300) } : {}),
    ...(preview !== undefined ? { secretPreview: preview.slice(0, 8) } : {}),
    ...(finding.slaDueAt ? { dueAt: finding.slaDueAt } : {}),
  };
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Most severe first, then by rule, location and id, so what a cap keeps is the same every run and on
 * every machine (code-unit order, not locale order, which is also what keeps 100k findings fast).
 */
export function compareNotificationFindings(a: NotificationFinding, b: NotificationFinding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    byCodeUnit(a.ruleId, b.ruleId) ||
    byCodeUnit(a.location, b.location) ||
    byCodeUnit(a.id, b.id)
  );
}
