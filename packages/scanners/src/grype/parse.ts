import type { z } from 'zod';
import { ParseError, type DraftWithHints, type Suppression } from '@gatehouse/findings';
import type { ParseContext, ParseResult } from '../adapter';
import { endOfLifeOsDraft } from '../container-image/os-end-of-life';
import { isJsonObject, readJsonReport } from '../json-document';
import { RatedSeverityCache } from '../rated-severity-cache';
import { describeIssues } from '../zod-issues';
import { groupMatches } from './match-groups';
import { groupToDraft } from './match-draft';
import {
  GrypeDescriptorSchema,
  GrypeDistroSchema,
  GrypeIgnoredMatchSchema,
  GrypeMatchSchema,
  GrypePackageAlertsSchema,
  GrypeSourceSchema,
  type GrypeIgnoredMatch,
  type GrypeMatch,
} from './schema';
import { scannedOf, type GrypeScanned } from './source';

const MAX_REASONS = 20;

/** grype's report is an object with a `matches` array and its `descriptor` (or at least its `source`). */
function checkSignature(doc: unknown, file: string): Record<string, unknown> & { matches: unknown[] } {
  if (!isJsonObject(doc)) {
    throw new ParseError(`not a grype JSON report: expected an object with "matches", found ${Array.isArray(doc) ? 'an array' : doc === null ? 'null' : typeof doc}`, file);
  }
  if (Object.hasOwn(doc, 'bomFormat') || Object.hasOwn(doc, 'spdxVersion')) {
    throw new ParseError('this is an SBOM, not a grype JSON report: read it with --from cyclonedx or --from spdx', file);
  }
  if (!Array.isArray(doc.matches)) throw new ParseError('not a grype JSON report: no "matches" array (is this another tool\'s report?)', file);
  if (!Object.hasOwn(doc, 'descriptor') && !Object.hasOwn(doc, 'source')) {
    throw new ParseError('not a grype JSON report: no "descriptor" or "source" next to "matches"', file);
  }
  const name = isJsonObject(doc.descriptor) ? doc.descriptor.name : undefined;
  if (typeof name === 'string' && name !== 'grype') throw new ParseError(`not a grype JSON report: written by ${JSON.stringify(name.slice(0, 50))}`, file);
  return doc as Record<string, unknown> & { matches: unknown[] };
}

/** A version grype printed, unless it is a placeholder such as "[not provided]". */
function versionOf(descriptor: { version?: string | undefined } | undefined): string | undefined {
  const v = descriptor?.version?.trim();
  return v && /\d/.test(v) && !v.startsWith('[') ? v.slice(0, 100) : undefined;
}

/** What the report says about the vulnerability database: an error or an invalid database is an incomplete scan. */
function databaseProblems(descriptor: unknown): string[] {
  const parsed = GrypeDescriptorSchema.safeParse(descriptor ?? {});
  if (!parsed.success) return [];
  const db = parsed.data.db;
  const status = db?.status ?? db;
  if (!status) return [];
  if (typeof status.error === 'string' && status.error.trim() !== '') return [`grype: the vulnerability database could not be used: ${status.error.replace(/\s+/g, ' ').slice(0, 300)}`];
  if (status.valid === false) return ['grype: the vulnerability database is not valid (descriptor.db.valid: false)'];
  return [];
}

function suppressionOf(match: GrypeIgnoredMatch): Suppression {
  const rules = match.appliedIgnoreRules ?? [];
  const vex = rules.find((r) => r['vex-status']);
  if (vex) {
    const why = [vex['vex-status'], vex['vex-justification']].filter(Boolean).join(': ');
    return { kind: 'vex', reason: `grype applied a VEX statement (${why})`.slice(0, 2_000), ref: 'grype --vex' };
  }
  const reasons = rules.map((r) => r.reason || [r.vulnerability, r['fix-state'] && `fix-state ${r['fix-state']}`, r.namespace].filter(Boolean).join(' ')).filter(Boolean);
  return { kind: 'inline', reason: `ignored by a grype ignore rule${reasons.length ? ` (${reasons.join('; ')})` : ''}`.slice(0, 2_000), ref: 'grype configuration: ignore' };
}

/** Matches validated one by one: a bad entry is skipped and counted, the others still count. */
function validated<T>(entries: unknown[], schema: z.ZodType<T>, at: string, out: ParseResult): { match: T; index: number }[] {
  const good: { match: T; index: number }[] = [];
  entries.forEach((entry, index) => {
    const parsed = schema.safeParse(entry);
    if (parsed.success) good.push({ match: parsed.data, index });
    else {
      out.nativeCount++;
      out.skipped.push({ at: `${at}[${index}]`, reason: describeIssues(parsed.error) });
    }
  });
  return good;
}

/** End-of-life and disabled-distro alerts (grype ≥ 0.105): the first is a finding, the second an incomplete scan. */
function readAlerts(doc: Record<string, unknown>, scanned: GrypeScanned, engineVersion: string | undefined, out: ParseResult): void {
  if (doc.alertsByPackage === undefined || doc.alertsByPackage === null) return;
  if (!Array.isArray(doc.alertsByPackage)) {
    out.incomplete.push('grype: "alertsByPackage" is not an array, so whether the OS is end-of-life is unknown');
    return;
  }
  const distro = GrypeDistroSchema.safeParse(doc.distro ?? {});
  const eol = new Map<string, { family: string; release: string; packages: number; at: string }>();
  const disabled = new Map<string, number>();
  const other = new Set<string>();
  doc.alertsByPackage.forEach((entry, p) => {
    const parsed = GrypePackageAlertsSchema.safeParse(entry);
    if (!parsed.success) {
      out.incomplete.push(`grype: alertsByPackage[${p}] could not be read (${describeIssues(parsed.error)})`);
      return;
    }
    (parsed.data.alerts ?? []).forEach((alert, a) => {
      const family = alert.metadata?.name || (distro.success ? distro.data.name : undefined) || 'unknown-os';
      const release = alert.metadata?.version || (distro.success ? distro.data.version : undefined) || '';
      const key = `${family}\u0000${release}`;
      if (alert.type === 'distro-eol') {
        const seen = eol.get(key);
        if (seen) seen.packages++;
        else eol.set(key, { family, release, packages: 1, at: `alertsByPackage[${p}].alerts[${a}]` });
      } else if (alert.type === 'distro-disabled') disabled.set(key, (disabled.get(key) ?? 0) + 1);
      else other.add(alert.type.slice(0, 100));
    });
  });
  for (const { family, release, packages, at } of eol.values()) {
    out.nativeCount++;
    out.findings.push(endOfLifeOsDraft({ engine: 'grype', ...(engineVersion ? { engineVersion } : {}), nativeId: at, family, release, packages, ...(scanned.image ? { image: scanned.image } : {}) }));
  }
  for (const [key, count] of disabled) {
    const [family, release] = key.split('\u0000');
    out.incomplete.push(`grype: matching is disabled for ${family} ${release}, so ${count} of its packages were not checked for vulnerabilities`.replace(/\s+/g, ' '));
  }
  if (other.size > 0) out.notes!.push(`grype alerts not read by Gatehouse: ${[...other].join(', ')}`);
}

export function parseGrype(content: string, ctx: ParseContext): ParseResult {
  const doc = checkSignature(readJsonReport(content, ctx.file), ctx.file);
  const out: ParseResult = { findings: [], skipped: [], incomplete: [], nativeCount: 0, notes: [] };
  const descriptor = GrypeDescriptorSchema.safeParse(doc.descriptor ?? {});
  const engineVersion = descriptor.success ? versionOf(descriptor.data) : undefined;
  if (engineVersion) out.engineVersion = engineVersion;
  const source = GrypeSourceSchema.safeParse(doc.source ?? { type: 'unknown' });
  if (!source.success) out.notes!.push(`grype: the report's "source" could not be read (${describeIssues(source.error)}); findings are not placed in an image`);
  const scanned = scannedOf(source.success ? source.data : undefined, ctx);
  const ratings = new RatedSeverityCache();

  const matches = validated<GrypeMatch>(doc.matches, GrypeMatchSchema, 'matches', out);
  const groups = groupMatches(matches);
  for (const group of groups) {
    out.nativeCount++;
    out.findings.push(groupToDraft(group, scanned, ctx, engineVersion, ratings));
  }
  if (matches.length > groups.length) out.notes!.push(`grype: ${matches.length} matches are ${groups.length} vulnerabilities (records of one vulnerability on one package counted once)`);

  if (doc.ignoredMatches !== undefined && doc.ignoredMatches !== null) {
    if (!Array.isArray(doc.ignoredMatches)) out.incomplete.push('grype: "ignoredMatches" is not an array, so what grype set aside is unknown');
    else {
      const ignored = validated<GrypeIgnoredMatch>(doc.ignoredMatches, GrypeIgnoredMatchSchema, 'ignoredMatches', out);
      for (const group of groupMatches(ignored)) {
        out.nativeCount++;
        const draft: DraftWithHints = groupToDraft(group, scanned, ctx, engineVersion, ratings, suppressionOf(group.matches[0] as GrypeIgnoredMatch));
        out.findings.push(draft);
      }
    }
  }

  readAlerts(doc, scanned, engineVersion, out);
  out.incomplete.push(...databaseProblems(doc.descriptor).slice(0, MAX_REASONS));
  return out;
}
