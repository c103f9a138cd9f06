import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FindingsDocument, SourceLineReader } from '@gatehouse/findings';
import { buildSarif, renderSummary, serializeFindingsDocument, type OmissionReport } from '@gatehouse/report';
import { writeFileAtomic } from './atomic-write';

/** Files of a run that a later failed run must not leave behind looking current. */
export const RUN_OUTPUT_FILES = ['findings.json', 'results.sarif', 'summary.md', 'report.html', 'compliance.json', 'audit.jsonl'] as const;

/** Called before a run starts: a run that then fails leaves no stale findings.json. */
export function clearRunOutputs(outDir: string): void {
  for (const name of RUN_OUTPUT_FILES) rmSync(join(outDir, name), { force: true });
}

export interface RenderedOutputs {
  findingsJson: string;
  sarif: string;
  summary: string;
  omitted: OmissionReport;
}

export function renderOutputs(document: FindingsDocument, options: { readLine?: SourceLineReader; notes?: string[] } = {}): RenderedOutputs {
  const { sarif, omitted } = buildSarif(document, { ...(options.readLine ? { readLine: options.readLine } : {}), toolVersion: document.tool.version });
  return {
    findingsJson: serializeFindingsDocument(document),
    sarif: `${JSON.stringify(sarif, null, 2)}\n`,
    summary: renderSummary(document, { omitted, ...(options.notes ? { notes: options.notes } : {}) }),
    omitted,
  };
}

/** Writes each output atomically; findings.json last, so its presence means the run finished. */
export function writeRunOutputs(outDir: string, outputs: RenderedOutputs, extra: Record<string, string> = {}): string[] {
  const written: string[] = [];
  const write = (name: string, content: string) => {
    writeFileAtomic(join(outDir, name), content);
    written.push(join(outDir, name));
  };
  write('results.sarif', outputs.sarif);
  write('summary.md', outputs.summary);
  for (const [name, content] of Object.entries(extra)) write(name, content);
  write('findings.json', outputs.findingsJson);
  return written;
}
