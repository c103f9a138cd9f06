import type { AdapterRegistry } from '../registry';
import type { EngineId, ReportFormat } from '../adapter';

/** Folders of ../shared/fixtures whose name is not the engine id; null: configs, not reports. */
export const FOLDER_ENGINES: Readonly<Record<string, EngineId | null>> = {
  codeql: 'sarif',
  'gitleaks-config': null,
};

/** Formats read by an adapter of their own, whatever folder the file is in (every *.sarif goes through `sarif`). */
export const FORMAT_ENGINES: Readonly<Partial<Record<ReportFormat, EngineId>>> = {
  sarif: 'sarif',
  cyclonedx: 'cyclonedx',
  spdx: 'spdx',
};

/** The report format a file name says; undefined for what is not a report (README, TOML configs). */
export function formatOfFile(name: string): ReportFormat | undefined {
  if (name.endsWith('.sarif')) return 'sarif';
  if (name.endsWith('.cdx.json')) return 'cyclonedx';
  if (name.endsWith('.spdx.json')) return 'spdx';
  if (name.endsWith('.jsonl')) return 'jsonl';
  if (name.endsWith('.json')) return 'json';
  return undefined;
}

export interface FixtureRoutes {
  file: string;
  format: ReportFormat;
  /** Registered engines that read this file. */
  engines: EngineId[];
  /** The folder's engine, when it is not registered or does not read this format (for the "not yet covered" list). */
  folderEngine?: EngineId;
}

/**
 * Which registered adapters read a fixture file: the folder's engine when it claims the file's
 * format, and the format's own engine (sarif, cyclonedx, spdx) when registered. Undefined for
 * files that are not reports.
 */
export function routesOf(file: string, registry: AdapterRegistry): FixtureRoutes | undefined {
  const [folder, name] = file.split('/') as [string, string];
  const format = formatOfFile(name);
  if (format === undefined) return undefined;
  const folderEngine = Object.hasOwn(FOLDER_ENGINES, folder) ? FOLDER_ENGINES[folder] : folder;
  if (folderEngine === null) return undefined;
  const engines = new Set<EngineId>();
  if (folderEngine !== undefined && registry.has(folderEngine) && registry.get(folderEngine).formats.includes(format)) engines.add(folderEngine);
  const formatEngine = FORMAT_ENGINES[format];
  if (formatEngine && registry.has(formatEngine)) engines.add(formatEngine);
  return { file, format, engines: [...engines], ...(folderEngine !== undefined ? { folderEngine } : {}) };
}
