import type { Finding } from '@gatehouse/findings';
import { OWASP_MISCONFIGURATION, OWASP_TOP10_2021, OWASP_VULNERABLE_COMPONENTS, owaspCategoriesOfCwe } from './owasp-top10-2021';

/** A hard-coded secret in a repository is CWE-798 whatever the engine called it. */
export const HARD_CODED_CREDENTIALS_CWE = 798;

const CWE_IN_TEXT = /\bcwe[-_/: ]*0*(\d{1,5})\b/i;
const BARE_NUMBER = /^\s*0*(\d{1,5})\s*$/;
// `A03:2021`, `A3:2021`, `A03:2021 - Injection`, `owasp-a03:2021`. Ids of other editions are not 2021 ids.
const OWASP_2021 = /\bA0?(10|[1-9]):2021\b/i;
const KNOWN_OWASP = new Set(OWASP_TOP10_2021.map((c) => c.id));

/** CWE numbers of a finding: its CWE identifiers, CWE tags, and 798 for every secret. */
export function cwesOfFinding(finding: Finding): number[] {
  const cwes = new Set<number>();
  for (const identifier of finding.identifiers) {
    if (identifier.type !== 'CWE') continue;
    const match = CWE_IN_TEXT.exec(identifier.value) ?? BARE_NUMBER.exec(identifier.value);
    if (match) cwes.add(Number(match[1]));
  }
  for (const tag of finding.tags ?? []) {
    const match = CWE_IN_TEXT.exec(tag);
    if (match) cwes.add(Number(match[1]));
  }
  if (finding.category === 'secret') cwes.add(HARD_CODED_CREDENTIALS_CWE);
  return [...cwes].sort((a, b) => a - b);
}

/**
 * OWASP Top 10 (2021) categories of a finding. A vulnerable dependency or image package is A06 (using
 * a component with known vulnerabilities), whatever weakness the vulnerability itself has; code and
 * configuration findings map through their CWEs and any explicit 2021 id the engine gave.
 */
export function owaspCategoriesOfFinding(finding: Finding, cwes: readonly number[]): string[] {
  if (finding.category === 'sca' || finding.category === 'container') return [OWASP_VULNERABLE_COMPONENTS];
  const ids = new Set<string>();
  if (finding.category === 'iac') ids.add(OWASP_MISCONFIGURATION);
  for (const identifier of finding.identifiers) {
    if (identifier.type !== 'OWASP') continue;
    const id = owasp2021Id(identifier.value);
    if (id) ids.add(id);
  }
  for (const tag of finding.tags ?? []) {
    const id = owasp2021Id(tag);
    if (id) ids.add(id);
  }
  for (const cwe of cwes) for (const id of owaspCategoriesOfCwe(cwe)) ids.add(id);
  return [...ids].sort();
}

function owasp2021Id(text: string): string | undefined {
  const match = OWASP_2021.exec(text);
  if (!match) return undefined;
  const id = `A${match[1]!.padStart(2, '0')}:2021`;
  return KNOWN_OWASP.has(id) ? id : undefined;
}
