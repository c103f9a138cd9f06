import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FindingsDocument } from '@gatehouse/findings';
import type { SourceReader } from './source-reader';
import {
  buildComplianceReport,
  buildSarif,
  renderHtmlReport,
  renderSummary,
  serializeFindingsDocument,
  type AuditLog,
  type OmissionReport,
  type OverrideRecord,
  type ScanRecord,
} from '@gatehouse/report';
import { auditDecision } from './run-audit';
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
  html: string;
  complianceJson: string;
  auditJsonl?: string;
}

export interface RenderOptions {
  source?: SourceReader;
  notes?: string[];
  /** The run's audit log; the decision's events are added before it is rendered. */
  audit?: AuditLog;
  /** When each engine ran (compliance evidence); defaults to the document's time for every engine. */
  scans?: ScanRecord[];
  overrides?: OverrideRecord[];
  runUrl?: string;
}

export function renderOutputs(document: FindingsDocument, options: RenderOptions = {}): RenderedOutputs {
  const { json, omitted } = buildSarif(document, {
    ...(options.source ? { readFile: options.source.readFile, readLine: options.source.readLine } : {}),
    toolVersion: document.tool.version,
  });
  const scans: ScanRecord[] =
    options.scans ??
    document.engines.map((e) => ({
      engine: e.id,
      ranAt: document.generatedAt,
      status: e.status,
      ...(e.version ? { version: e.version } : {}),
      ...(e.reason ? { reason: e.reason } : {}),
    }));
  const compliance = buildComplianceReport(document, { scans, overrides: options.overrides ?? [], now: new Date(document.generatedAt) });
  if (options.audit) auditDecision(options.audit, document);
  return {
    findingsJson: serializeFindingsDocument(document),
    sarif: json,
    summary: renderSummary(document, { omitted, ...(options.notes ? { notes: options.notes } : {}), ...(options.runUrl ? { runUrl: options.runUrl } : {}) }),
    omitted,
    html: renderHtmlReport(document, { compliance, generatedBy: `gatehouse ${document.tool.version}`, ...(options.runUrl ? { runUrl: options.runUrl } : {}) }),
    complianceJson: `${JSON.stringify(compliance, null, 2)}\n`,
    ...(options.audit ? { auditJsonl: options.audit.toJsonl() } : {}),
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
  write('report.html', outputs.html);
  write('compliance.json', outputs.complianceJson);
  if (outputs.auditJsonl !== undefined) write('audit.jsonl', outputs.auditJsonl);
  for (const [name, content] of Object.entries(extra)) write(name, content);
  write('findings.json', outputs.findingsJson);
  return written;
}
