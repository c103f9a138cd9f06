/**
 * What a failed trivy run says on stderr, sorted into causes a person can act on. trivy ends with
 * one FATAL line (`FATAL Fatal error init error: DB error: failed to download vulnerability DB: …`);
 * the runner keeps that last line in its CommandError, and this turns it into the reason shown for
 * the `incomplete` engine.
 */
export type TrivyFailureKind = 'database-download' | 'database-missing' | 'image-unavailable' | 'timeout' | 'other';

const CAUSES: [TrivyFailureKind, RegExp, string][] = [
  ['database-missing', /skip-(?:java-)?db-update cannot be specified on the first run|first run cannot skip|(?:vulnerability|java) db (?:is )?(?:not found|does not exist)|failed to open (?:the )?(?:vulnerability )?db|no such file or directory.*(?:trivy\.db|metadata\.json)/i, 'trivy found no usable vulnerability database in its cache'],
  ['database-download', /failed to download (?:vulnerability|java) db|\[(?:vulndb|javadb)\] failed to download|DB error|OCI (?:repository|artifact) error|TOOMANYREQUESTS|failed to download artifact from any source/i, 'trivy could not download its vulnerability database'],
  ['image-unavailable', /unable to find the specified image|no such image|MANIFEST_UNKNOWN|image not found|failed to initialize (?:a )?(?:image )?source|unable to inspect the image|Cannot connect to the Docker daemon/i, 'trivy could not read the image'],
  ['timeout', /context deadline exceeded|timed? ?out/i, 'trivy ran out of time'],
];

export function describeTrivyFailure(stderr: string): { kind: TrivyFailureKind; reason: string } {
  const lines = stderr.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const fatal = [...lines].reverse().find((l) => /\bFATAL\b|\bERROR\b/.test(l)) ?? lines.at(-1) ?? '';
  const detail = fatal.replace(/^\S+\s+(?:FATAL|ERROR)\s+/, '').replace(/\s+/g, ' ').slice(0, 500);
  for (const [kind, pattern, what] of CAUSES) {
    if (pattern.test(stderr)) return { kind, reason: detail ? `${what}: ${detail}` : what };
  }
  return { kind: 'other', reason: detail ? `trivy failed: ${detail}` : 'trivy failed without saying why' };
}
