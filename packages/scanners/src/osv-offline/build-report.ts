import { isAbsolute, relative } from 'node:path';
import { isJsonObject } from '../json-document';
import { packageKey, type ManifestParseResult, type PackageRef } from '../manifests/package-ref';
import type { MatchedGroup, MatchOutcome } from './match';
import type { OsvDatabase } from './osv-database';
import type { OsvRecord } from './osv-record';
import {
  OSV_OFFLINE_FORMAT,
  OSV_OFFLINE_FORMAT_VERSION,
  type OsvOfflineReport,
  type ReportGroup,
  type ReportResult,
  type ReportVulnerability,
} from './report-schema';

/** Bumped when matching changes in a way a reader of old reports should know. */
export const OSV_OFFLINE_ENGINE_VERSION = '1.0.0';

const LISTED = 10;
const list = (names: string[]) => `${names.slice(0, LISTED).join(', ')}${names.length > LISTED ? `, and ${names.length - LISTED} more` : ''}`;

function cwesOf(record: OsvRecord): string[] | undefined {
  const specific = record.database_specific;
  if (!isJsonObject(specific) || !Array.isArray(specific.cwe_ids)) return undefined;
  const cwes = specific.cwe_ids.filter((c): c is string => typeof c === 'string' && /^CWE-\d{1,6}$/.test(c));
  return cwes.length ? cwes.slice(0, 100) : undefined;
}

function databaseSeverityOf(record: OsvRecord): string | undefined {
  const specific = record.database_specific;
  return isJsonObject(specific) && typeof specific.severity === 'string' ? specific.severity.slice(0, 100) : undefined;
}

function vulnerabilityOf(record: OsvRecord, pkg: PackageRef): ReportVulnerability {
  const severity = [...(record.severity ?? [])];
  // Severity may also sit on the affected entry of this package (the schema allows both places).
  const key = packageKey(pkg.ecosystem, pkg.name);
  for (const affected of record.affected ?? []) {
    if (affected.package && affected.severity && packageKey(affected.package.ecosystem.split(':')[0]!, affected.package.name) === key) severity.push(...affected.severity);
  }
  const databaseSeverity = databaseSeverityOf(record);
  const cwes = cwesOf(record);
  const references = (record.references ?? []).map((r) => r.url).filter((u) => /^https?:\/\//i.test(u)).slice(0, 50);
  const summary = record.summary ?? record.details?.split(/\n/)[0];
  return {
    id: record.id,
    modified: record.modified,
    ...(record.published ? { published: record.published } : {}),
    aliases: [...(record.aliases ?? [])],
    ...(summary ? { summary: summary.slice(0, 2_000) } : {}),
    severity: severity.map((s) => ({ type: s.type, score: s.score })).slice(0, 50),
    ...(databaseSeverity ? { databaseSeverity } : {}),
    ...(cwes ? { cwes } : {}),
    ...(references.length ? { references } : {}),
  };
}

function groupOf(group: MatchedGroup, pkg: PackageRef): ReportGroup {
  return {
    ids: group.ids,
    aliases: group.aliases,
    vulnerabilities: group.records.map((r) => vulnerabilityOf(r, pkg)),
    fixed: group.fixed,
    lastAffected: group.lastAffected,
    ...(group.smallestFix ? { smallestFix: group.smallestFix } : {}),
  };
}

export interface ReportInputs {
  workspace: string;
  manifests: ManifestParseResult[];
  readFailures: { manifest: string; reason: string }[];
  packages: PackageRef[];
  database: OsvDatabase;
  outcome: MatchOutcome;
}

/** The engine's native report, with everything that makes the scan incomplete spelled out. */
export function buildReport(inputs: ReportInputs): OsvOfflineReport {
  const { database, outcome } = inputs;
  const incomplete: string[] = [];
  const notes: string[] = [];

  for (const failure of inputs.readFailures) incomplete.push(`osv-offline could not read ${failure.reason.startsWith(failure.manifest) ? failure.reason : `${failure.manifest}: ${failure.reason}`}`);
  for (const manifest of inputs.manifests) {
    const unreadable = manifest.skipped.filter((s) => s.unreadable);
    if (unreadable.length) incomplete.push(`${manifest.manifest}: ${unreadable.length} entries could not be read (${list(unreadable.map((s) => `${s.at}: ${s.reason}`))})`);
    const foreign = manifest.skipped.filter((s) => !s.unreadable);
    if (foreign.length) notes.push(`${manifest.manifest}: ${foreign.length} entries not checked (not from a registry or not a package): ${list(foreign.map((s) => `${s.name ?? s.at} (${s.reason})`))}`);
    if (manifest.unpinned.length) notes.push(`${manifest.manifest}: ${manifest.unpinned.length} requirements not pinned — cannot be audited exactly: ${list(manifest.unpinned.map((s) => s.name ?? s.at))}`);
  }
  if (database.stats.recordsSeen === 0) incomplete.push(`the OSV export ${displayPath(inputs.workspace, database.stats.source)} holds no records`);
  if (database.stats.invalid.length) {
    incomplete.push(`${database.stats.invalid.length} records of the OSV export could not be read (${list(database.stats.invalid.map((i) => `${displayPath(inputs.workspace, i.where)}: ${i.reason}`))})`);
  }
  const uncovered = new Map<string, string[]>();
  for (const pkg of inputs.packages) {
    if (database.stats.recordsSeen > 0 && !database.coversEcosystem(pkg.ecosystem)) {
      uncovered.set(pkg.ecosystem, [...(uncovered.get(pkg.ecosystem) ?? []), pkg.name]);
    }
  }
  for (const [ecosystem, names] of uncovered) {
    incomplete.push(`the OSV export has no ${ecosystem} records: ${names.length} ${ecosystem} packages were not checked (${list(names)})`);
  }
  for (const u of outcome.undecidable) incomplete.push(`${u.pkg.name} ${u.pkg.version} (${u.pkg.manifest}) against ${u.id}: ${u.reason}`);
  if (database.stats.withdrawn) notes.push(`${database.stats.withdrawn} withdrawn OSV records were ignored`);

  const results: ReportResult[] = outcome.matches.map((m) => ({ package: { ...m.pkg }, groups: m.groups.map((g) => groupOf(g, m.pkg)) }));
  return {
    format: OSV_OFFLINE_FORMAT,
    formatVersion: OSV_OFFLINE_FORMAT_VERSION,
    engineVersion: OSV_OFFLINE_ENGINE_VERSION,
    database: {
      source: displayPath(inputs.workspace, database.stats.source),
      recordsSeen: database.stats.recordsSeen,
      recordsKept: database.stats.recordsKept,
      withdrawnIgnored: database.stats.withdrawn,
      ecosystems: database.stats.ecosystems,
      ...(database.stats.latestRecordModified ? { latestRecordModified: database.stats.latestRecordModified } : {}),
    },
    inputs: inputs.manifests.map((m) => ({
      path: m.manifest,
      kind: m.kind,
      packages: m.packages.length,
      skipped: m.skipped.map((s) => ({ ...s, at: s.at.slice(0, 1_000), reason: s.reason.slice(0, 2_000) })),
      unpinned: m.unpinned,
    })),
    results,
    incomplete: incomplete.map((s) => s.slice(0, 4_000)),
    notes: notes.map((s) => s.slice(0, 4_000)),
  };
}

/** Inside the workspace: repository-relative; elsewhere (a runner's cache): as given. */
function displayPath(workspace: string, path: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(workspace, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : path;
}
