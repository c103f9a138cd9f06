import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScannerAdapter } from '../../../packages/scanners/src/index';
import type { Fault } from '../catalog/fault-matrix';

/** A report cut off mid-document: valid JSON up to the cut. */
export const TRUNCATED_REPORT = '{"version": "1.0", "results": [{"id": "rule-1", "path": "app/main.py", "line": 3, "message": "something';
export const GARBAGE_REPORT = 'panic: runtime error: index out of range [3] with length 3\n\ngoroutine 1 [running]:\nmain.main()\n\t/src/main.go:42 +0x1d\n';

/** The error line each engine prints when it cannot fetch its database (as the real tools word it). */
const DATABASE_ERRORS: Record<string, string> = {
  trivy: 'FATAL\tFatal error\tinit error: DB error: failed to download vulnerability DB: OCI artifact error: failed to download: GET https://mirror.gcr.io/v2/aquasec/trivy-db/manifests/2: TOOMANYREQUESTS',
  grype: 'failed to load vulnerability db: unable to update vulnerability database: unable to download db: connection reset by peer',
  'osv-scanner': 'unable to fetch OSV database: could not download https://osv-vulnerabilities.storage.googleapis.com/npm/all.zip: 503 Service Unavailable',
};

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function exitCodeFor(adapter: ScannerAdapter, kind: 'findings' | 'clean' | 'failure'): number {
  const table = adapter.exitCodes!;
  if (kind === 'failure') return Number(Object.keys(table.failures ?? {})[0] ?? 1);
  if (kind === 'findings') return table.findings[0] ?? table.clean[0] ?? 0;
  return table.clean[0] ?? 0;
}

/**
 * A shell script standing in for an external engine that misbehaves as `fault` says. It finds the
 * report path Gatehouse gave it (the private `gatehouse-<engine>-…` folder's `report`, as its own argument or
 * after `=`) and writes there, or to stdout for engines whose report goes to stdout.
 */
export function writeFaultStub(dir: string, adapter: ScannerAdapter, fault: Fault): string {
  const toStdout = adapter.reportOn === 'stdout';
  const emit = (content: string) => (toStdout ? `printf '%s' ${quote(content)}` : `printf '%s' ${quote(content)} > "$REPORT"`);
  const body: Record<Exclude<Fault, 'binary-missing' | 'checksum-mismatch'>, string> = {
    'signal-crash': 'kill -SEGV $$\nsleep 5',
    'unexpected-exit': `echo 'stub: internal error' >&2\nexit 77`,
    'empty-output': `${toStdout ? ':' : ': > "$REPORT"'}\nexit ${exitCodeFor(adapter, 'findings')}`,
    'truncated-json': `${emit(TRUNCATED_REPORT)}\nexit ${exitCodeFor(adapter, 'clean')}`,
    garbage: `${emit(GARBAGE_REPORT)}\nexit ${exitCodeFor(adapter, 'clean')}`,
    // A sparse file: 600 MB on paper, nothing on disk. stdout engines print 2 MiB against a 1 MiB cap.
    'over-cap': toStdout ? `head -c 2097152 /dev/zero | tr '\\0' 'x'\nexit ${exitCodeFor(adapter, 'clean')}` : `truncate -s 600M "$REPORT"\nexit ${exitCodeFor(adapter, 'clean')}`,
    hang: 'exec sleep 30',
    'database-download': `echo ${quote(DATABASE_ERRORS[adapter.id] ?? `${adapter.id}: failed to download its vulnerability database`)} >&2\nexit ${exitCodeFor(adapter, 'failure')}`,
  };
  if (fault === 'binary-missing' || fault === 'checksum-mismatch') throw new Error(`${fault} is not a stub behaviour`);
  const script = `#!/bin/sh
REPORT=""
for arg in "$@"; do
  case "$arg" in
    *gatehouse-*/report) REPORT="\${arg#*=}" ;;
  esac
done
${body[fault]}
`;
  mkdirSync(dir, { recursive: true });
  const path = join(dir, adapter.id);
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  return path;
}
