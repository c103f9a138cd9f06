/**
 * trivy's misconfiguration check ids changed spelling across versions: `DS002` with
 * `AVDID: AVD-DS-0002` (≤ 0.5x), `AVD-AWS-0089` for cloud checks, and `DS-0002` / `AWS-0089` in
 * trivy-checks v2. All of them become the current spelling, `<PREFIX>-<4 digits>`, so findings
 * from any trivy version (and container-hardening's rules that mirror trivy checks) share one id.
 */
export function canonicalCheckId(id: string, avdId?: string): string {
  for (const candidate of [avdId, id]) {
    if (!candidate) continue;
    const match = /^(?:AVD-)?([A-Z][A-Z0-9]*?)-?(\d{1,4})$/i.exec(candidate.trim());
    if (match) return `${match[1]!.toUpperCase()}-${match[2]!.padStart(4, '0')}`;
  }
  return id.trim();
}
