import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A shell script standing in for a scanner: it copies `report` (bytes, written next to it) to the
 * report path Gatehouse gave it (the private `gatehouse-<engine>-…` folder's `report`, as an argument
 * or after `=`), or to stdout, prints `stderr`, and exits with `exitCode`.
 */
export function writeReportStub(dir: string, name: string, report: Buffer | string, options: { exitCode: number; toStdout?: boolean; stderr?: string }): string {
  mkdirSync(dir, { recursive: true });
  const reportFile = join(dir, `${name}.recorded-report`);
  writeFileSync(reportFile, report);
  const stderrFile = join(dir, `${name}.recorded-stderr`);
  writeFileSync(stderrFile, options.stderr ?? '');
  const path = join(dir, name);
  writeFileSync(
    path,
    `#!/bin/sh
REPORT=""
for arg in "$@"; do
  case "$arg" in
    *gatehouse-*/report) REPORT="\${arg#*=}" ;;
  esac
done
cat '${stderrFile}' >&2
${options.toStdout ? `cat '${reportFile}'` : `cat '${reportFile}' > "$REPORT"`}
exit ${options.exitCode}
`,
  );
  chmodSync(path, 0o755);
  return path;
}
