import { setOutputs } from '@gatehouse/action-kit';
import type { FindingsDocument } from '@gatehouse/findings';

export interface RunOutputPaths {
  findingsFile: string;
  sarifFile: string;
  reportDir: string;
}

/** The outputs every Gatehouse action sets: verdict, blocking-count, counts (JSON), and where the files are. */
export function setRunOutputs(document: FindingsDocument, paths: RunOutputPaths): void {
  setOutputs({
    verdict: document.decision.verdict,
    'blocking-count': document.decision.counts.blocking,
    counts: document.decision.counts,
    'findings-file': paths.findingsFile,
    'sarif-file': paths.sarifFile,
    'report-dir': paths.reportDir,
  });
}
