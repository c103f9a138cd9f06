import { join } from 'node:path';
import { errorMessage, finalizeFindings, type Logger, type SourceLineReader } from '@gatehouse/findings';
import type { ArtifactFiles, DownloadLimits, RunArtifact } from '@gatehouse/github';
import { normalizeReportFile, readReportBytes } from '@gatehouse/pipeline';
import { sarifAdapter, type ParseContext } from '@gatehouse/scanners';
import { FINDINGS_ARTIFACT_PREFIX } from '../common/gatehouse-actions';
import type { ExpectedArtifact } from './expected-artifacts';
import type { GatheredSource } from './gathered-source';
import { readFindingsDocument } from './read-findings-document';
import type { PatternMatches } from './workspace-globs';

/** This run's artifacts: what RunArtifacts offers, as the gate uses it. */
export interface RunArtifactReader {
  list(options: { prefix?: string }): Promise<RunArtifact[]>;
  download(name: string, limits?: DownloadLimits): Promise<ArtifactFiles>;
}

/**
 * Only findings.json is read from an artifact (its HTML report and SARIF can be as large again);
 * 100k findings make a findings.json of about 115 MB.
 */
const FINDINGS_ONLY: DownloadLimits = {
  include: (name) => name === 'findings.json',
  maxZipBytes: 256 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
};

/**
 * Every `gatehouse-findings-*` artifact of this run, each read through its findings.json. An artifact
 * that cannot be listed, downloaded or read is a source with a problem (incomplete), never skipped.
 */
export async function gatherRunArtifacts(artifacts: RunArtifactReader, logger: Logger): Promise<{ sources: GatheredSource[]; names: string[] }> {
  let listed: RunArtifact[];
  try {
    listed = await artifacts.list({ prefix: FINDINGS_ARTIFACT_PREFIX });
  } catch (error) {
    const problem = `this run's artifacts could not be listed: ${errorMessage(error).split('\n')[0]!.slice(0, 500)}`;
    logger.warning(problem);
    return { sources: [{ kind: 'artifact', name: `${FINDINGS_ARTIFACT_PREFIX}*`, engines: [], findings: [], problems: [problem] }], names: [] };
  }
  const names = [...new Set(listed.map((a) => a.name))].sort();
  const sources: GatheredSource[] = [];
  for (const name of names) {
    const source: GatheredSource = { kind: 'artifact', name, engines: [], findings: [], problems: [] };
    try {
      const files = await artifacts.download(name, FINDINGS_ONLY);
      const findings = files.get('findings.json');
      if (!findings) {
        source.problems.push('it holds no findings.json (the action did not finish?)');
      } else {
        const read = readFindingsDocument(findings, `${name}/findings.json`);
        source.engines = read.engines.map((e) => ({ ...e, reports: [...(e.reports ?? []), `${name}/findings.json`].slice(-1_000) }));
        source.findings = read.findings;
        source.problems.push(...read.problems);
      }
    } catch (error) {
      source.problems.push(`it could not be read: ${errorMessage(error).split('\n')[0]!.slice(0, 500)}`);
    }
    if (source.problems.length) logger.warning(`artifact ${name}: ${source.problems.join('; ')}`);
    else logger.info(`artifact ${name}: ${source.findings.length} finding(s) from ${source.engines.map((e) => `${e.id} (${e.status})`).join(', ') || 'no engines'}`);
    sources.push(source);
  }
  return { sources, names };
}

/** An `expected` entry no artifact of this run answers: an incomplete source named after it. */
export function missingExpectedArtifacts(expected: readonly ExpectedArtifact[], names: readonly string[]): GatheredSource[] {
  return expected
    .filter((entry) => !names.some((name) => entry.matches(name)))
    .map((entry) => ({
      kind: 'expected-artifact' as const,
      name: entry.entry,
      engines: [],
      findings: [],
      problems: [`no ${FINDINGS_ARTIFACT_PREFIX}* artifact of this run is from ${entry.entry}: did that job run, finish, and upload its findings? (add it to the gate job's needs:)`],
    }));
}

/** findings.json files from the `findings` input; a pattern that matches nothing is a problem. */
export function gatherFindingsFiles(workspace: string, matches: readonly PatternMatches[]): GatheredSource[] {
  const sources: GatheredSource[] = [];
  for (const { pattern, files } of matches) {
    if (files.length === 0) {
      sources.push({ kind: 'findings-file', name: pattern, engines: [], findings: [], problems: [`no file matches ${pattern}`] });
      continue;
    }
    for (const file of files) {
      const source: GatheredSource = { kind: 'findings-file', name: file, engines: [], findings: [], problems: [] };
      try {
        const read = readFindingsDocument(readReportBytes(join(workspace, file), file), file);
        source.engines = read.engines.map((e) => ({ ...e, reports: [file] }));
        source.findings = read.findings;
        source.problems.push(...read.problems);
      } catch (error) {
        source.problems.push(errorMessage(error).slice(0, 1_000));
      }
      sources.push(source);
    }
  }
  return sources;
}

/** SARIF files from the `sarif` input (CodeQL's, or any tool's), read by the `sarif` adapter. */
export function gatherSarifFiles(
  workspace: string,
  matches: readonly PatternMatches[],
  parse: Omit<ParseContext, 'file'>,
  readLine: SourceLineReader,
): GatheredSource[] {
  const sources: GatheredSource[] = [];
  for (const { pattern, files } of matches) {
    if (files.length === 0) {
      sources.push({ kind: 'sarif-file', name: pattern, engines: [], findings: [], problems: [`no file matches ${pattern}`] });
      continue;
    }
    for (const file of files) {
      const source: GatheredSource = { kind: 'sarif-file', name: file, engines: [], findings: [], problems: [] };
      try {
        const outcome = normalizeReportFile(sarifAdapter, join(workspace, file), { ...parse, file });
        const { findings, rejected } = finalizeFindings(outcome.drafts, { readLine });
        source.engines = [rejected.length ? { ...outcome.engine, status: 'incomplete', reason: [outcome.engine.reason, `${rejected.length} finding(s) failed validation (first: ${rejected[0]!.ruleId}: ${rejected[0]!.reason})`].filter(Boolean).join('; ').slice(0, 4_000) } : outcome.engine];
        source.findings = findings;
      } catch (error) {
        source.problems.push(errorMessage(error).slice(0, 1_000));
      }
      sources.push(source);
    }
  }
  return sources;
}
