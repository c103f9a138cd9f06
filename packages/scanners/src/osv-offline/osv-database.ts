import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { normalisePypiName, normaliseVulnId } from '@gatehouse/findings';
import { describeIssues } from '../zod-issues';
import { packageKey } from '../manifests/package-ref';
import { OsvRecordSchema, type OsvRecord } from './osv-record';
import { DEFAULT_ZIP_LIMITS, forEachJsonEntry, type ZipLimits } from './zip-entries';

export interface OsvDatabaseStats {
  /** What was read: the folder or zip given. */
  source: string;
  /** Records looked at (every JSON record of the export). */
  recordsSeen: number;
  /** Records kept because they name a package (or id) this scan needs. */
  recordsKept: number;
  /** Kept records that are withdrawn: ignored. */
  withdrawn: number;
  /** Records that could not be read: each makes the scan incomplete (it might have named a package of ours). */
  invalid: { where: string; reason: string }[];
  /** Ecosystems the export has records for (or a `<Ecosystem>/all.zip` of). */
  ecosystems: string[];
  /** The latest `modified` date of any record: how current the export is. */
  latestRecordModified?: string;
}

export interface DatabaseWants {
  /** Packages the scan has: only records naming one of them are kept in memory. */
  packages?: Iterable<{ ecosystem: string; name: string }>;
  /** Record ids or aliases wanted whatever package they name (severity enrichment). */
  ids?: Iterable<string>;
}

export interface LoadOptions {
  signal?: AbortSignal;
  zipLimits?: ZipLimits;
  /** A JSON record file larger than this is refused. */
  maxRecordBytes?: number;
}

const NAME_FIELD = /"name"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
const ECOSYSTEM_FIELD = /"ecosystem"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
const MODIFIED_FIELD = /"modified"\s*:\s*"([^"]{1,64})"/;

/** Lenient spelling used only to pre-select records cheaply before they are parsed and checked exactly. */
const loose = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');

function unescapeJsonString(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/** An in-memory slice of an OSV export: the records that name the scan's packages, indexed by package. */
export class OsvDatabase {
  private readonly byPackage = new Map<string, OsvRecord[]>();
  private readonly byVulnId = new Map<string, OsvRecord[]>();

  constructor(readonly stats: OsvDatabaseStats) {}

  add(record: OsvRecord): void {
    for (const id of new Set([record.id, ...(record.aliases ?? [])].map(normaliseVulnId))) {
      const list = this.byVulnId.get(id);
      if (list) list.push(record);
      else this.byVulnId.set(id, [record]);
    }
    const seen = new Set<string>();
    for (const affected of record.affected ?? []) {
      if (!affected.package) continue;
      const key = packageKey(affected.package.ecosystem.split(':')[0]!, affected.package.name);
      if (seen.has(key)) continue;
      seen.add(key);
      const list = this.byPackage.get(key);
      if (list) list.push(record);
      else this.byPackage.set(key, [record]);
    }
  }

  /** Non-withdrawn records naming the package (ecosystem and name, PyPI names PEP 503-normalised). */
  recordsFor(ecosystem: string, name: string): OsvRecord[] {
    return (this.byPackage.get(packageKey(ecosystem, name)) ?? []).filter((r) => r.withdrawn === undefined);
  }

  /** Non-withdrawn records whose id or aliases include `id`. */
  recordsById(id: string): OsvRecord[] {
    return (this.byVulnId.get(normaliseVulnId(id)) ?? []).filter((r) => r.withdrawn === undefined);
  }

  coversEcosystem(ecosystem: string): boolean {
    return this.stats.ecosystems.includes(ecosystem);
  }
}

/**
 * Loads the records a scan needs from a local OSV export: a folder of OSV JSON records (any
 * depth), a folder of per-ecosystem zips as osv.dev publishes them (`npm/all.zip`, `PyPI/all.zip`),
 * or one such zip. Every record is looked at (streaming, one at a time); only records naming a
 * wanted package or id are parsed, validated and kept, so memory stays small however large the
 * export. A record that cannot be read is listed in `stats.invalid`.
 */
export async function loadOsvDatabase(source: string, wants: DatabaseWants, options: LoadOptions = {}): Promise<OsvDatabase> {
  const wantedNames = new Set<string>();
  for (const p of wants.packages ?? []) wantedNames.add(loose(p.ecosystem === 'PyPI' ? normalisePypiName(p.name) : p.name));
  const wantedIds = [...new Set([...(wants.ids ?? [])].map(normaliseVulnId))];
  const stats: OsvDatabaseStats = { source, recordsSeen: 0, recordsKept: 0, withdrawn: 0, invalid: [], ecosystems: [] };
  const database = new OsvDatabase(stats);
  const ecosystems = new Set<string>();
  const maxRecordBytes = options.maxRecordBytes ?? 16 * 1024 * 1024;

  const consider = (where: string, text: string) => {
    stats.recordsSeen += 1;
    for (const m of text.matchAll(ECOSYSTEM_FIELD)) ecosystems.add(unescapeJsonString(m[1]!).split(':')[0]!);
    const modified = MODIFIED_FIELD.exec(text)?.[1];
    if (modified && (stats.latestRecordModified === undefined || modified > stats.latestRecordModified)) stats.latestRecordModified = modified;
    let wanted = false;
    for (const m of text.matchAll(NAME_FIELD)) {
      if (wantedNames.has(loose(unescapeJsonString(m[1]!)))) {
        wanted = true;
        break;
      }
    }
    if (!wanted && wantedIds.length > 0) {
      const upper = text.toUpperCase();
      wanted = wantedIds.some((id) => upper.includes(id.toUpperCase()));
    }
    if (!wanted) return;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      stats.invalid.push({ where, reason: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    const parsed = OsvRecordSchema.safeParse(json);
    if (!parsed.success) {
      stats.invalid.push({ where, reason: describeIssues(parsed.error) });
      return;
    }
    stats.recordsKept += 1;
    if (parsed.data.withdrawn !== undefined) stats.withdrawn += 1;
    database.add(parsed.data);
  };

  // Places are named relative to the export, so messages read the same on every machine.
  const shown = (path: string) => relative(source, path).split('\\').join('/') || basename(path);
  const readZip = async (file: string) => {
    // osv.dev's layout: <Ecosystem>/all.zip. The folder name says which ecosystem the zip covers,
    // even when no record in it names a package of ours.
    if (basename(file) === 'all.zip') ecosystems.add(basename(dirname(file)));
    try {
      await forEachJsonEntry(
        file,
        options.zipLimits ?? DEFAULT_ZIP_LIMITS,
        (name, bytes) => consider(`${shown(file)}!${name}`, bytes.toString('utf8')),
        (name, reason) => stats.invalid.push({ where: `${shown(file)}!${name}`, reason: `not read: ${reason}` }),
        options.signal,
      );
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new Error(`the OSV export ${file} could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const info = await stat(source).catch(() => undefined);
  if (!info) throw new Error(`the OSV export ${source} does not exist`);
  if (info.isFile()) {
    if (!source.toLowerCase().endsWith('.zip')) throw new Error(`the OSV export ${source} is neither a folder nor a .zip`);
    await readZip(source);
  } else {
    const pending = [source];
    while (pending.length) {
      if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
      const dir = pending.pop()!;
      const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) pending.push(path);
        else if (!entry.isFile()) continue; // links are not followed
        else if (entry.name.toLowerCase().endsWith('.zip')) await readZip(path);
        else if (entry.name.toLowerCase().endsWith('.json')) {
          const size = (await lstat(path)).size;
          if (size > maxRecordBytes) stats.invalid.push({ where: shown(path), reason: `${size} bytes, more than ${maxRecordBytes}` });
          else consider(shown(path), await readFile(path, 'utf8'));
        }
      }
    }
  }
  stats.ecosystems = [...ecosystems].sort();
  return database;
}
