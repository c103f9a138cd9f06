import { FileSink } from './file-sink';
import { writeGitleaksReport } from './gitleaks-report';
import { writeNpmAuditReport } from './npm-audit-report';
import { writeSemgrepReport } from './semgrep-report';
import { writeTrivyImageReport } from './trivy-image-report';
import type { ChunkSink } from './variety';

/** A report format the throughput bench generates, and the engine (`--from`) that reads it. */
export interface ReportKind {
  name: string;
  engine: string;
  /** Whether the jq gate (`.Results[].Vulnerabilities[]?`) applies to this format. */
  jqGate: boolean;
  write(sink: ChunkSink, findings: number): void;
}

export const REPORT_KINDS: readonly ReportKind[] = [
  { name: 'trivy-image', engine: 'trivy', jqGate: true, write: (sink, findings) => writeTrivyImageReport(sink, { findings }) },
  { name: 'trivy-compact', engine: 'trivy', jqGate: true, write: (sink, findings) => writeTrivyImageReport(sink, { findings, compact: true }) },
  { name: 'semgrep', engine: 'semgrep', jqGate: false, write: (sink, findings) => writeSemgrepReport(sink, { findings }) },
  { name: 'gitleaks', engine: 'gitleaks', jqGate: false, write: (sink, findings) => writeGitleaksReport(sink, { findings }) },
  { name: 'npm-audit', engine: 'npm-audit', jqGate: false, write: (sink, findings) => writeNpmAuditReport(sink, { findings }) },
];

export function reportKind(name: string): ReportKind {
  const kind = REPORT_KINDS.find((k) => k.name === name);
  if (!kind) throw new Error(`unknown report kind ${name} (known: ${REPORT_KINDS.map((k) => k.name).join(', ')})`);
  return kind;
}

/** Writes a generated report to `path`; returns its size in bytes. */
export function generateReport(kind: ReportKind, findings: number, path: string): number {
  const sink = new FileSink(path);
  kind.write(sink, findings);
  sink.close();
  return sink.bytes;
}
