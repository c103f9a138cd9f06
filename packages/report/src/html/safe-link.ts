import { advisoryUrl, classifyVulnId, type Identifier } from '@gatehouse/findings';
import { httpUrlOrUndefined } from '../text/safe-url';

export { httpUrlOrUndefined };

const CWE_ID = /^CWE-0*(\d{1,5})$/i;
const OWASP_2021_PAGES: Record<string, string> = {
  A01: 'A01_2021-Broken_Access_Control',
  A02: 'A02_2021-Cryptographic_Failures',
  A03: 'A03_2021-Injection',
  A04: 'A04_2021-Insecure_Design',
  A05: 'A05_2021-Security_Misconfiguration',
  A06: 'A06_2021-Vulnerable_and_Outdated_Components',
  A07: 'A07_2021-Identification_and_Authentication_Failures',
  A08: 'A08_2021-Software_and_Data_Integrity_Failures',
  A09: 'A09_2021-Security_Logging_and_Monitoring_Failures',
  A10: 'A10_2021-Server-Side_Request_Forgery_%28SSRF%29',
};

/**
 * Where a person reads about an identifier. Links are built from the id itself for the databases we
 * know (NVD, GitHub advisories, OSV, CWE, OWASP); a scanner-provided URL is used only for other ids,
 * and only when it is a plain http(s) URL.
 */
export function identifierLink(identifier: Identifier): string | undefined {
  const value = identifier.value.trim();
  const vulnType = classifyVulnId(value);
  if (vulnType !== 'OTHER') return advisoryUrl(value);
  if (identifier.type === 'CWE') {
    const match = CWE_ID.exec(value) ?? /^0*(\d{1,5})$/.exec(value);
    return match ? `https://cwe.mitre.org/data/definitions/${Number(match[1])}.html` : undefined;
  }
  if (identifier.type === 'OWASP') {
    const match = /^A0?(10|[1-9]):2021\b/i.exec(value);
    const page = match ? OWASP_2021_PAGES[`A${match[1]!.padStart(2, '0')}`] : undefined;
    return page ? `https://owasp.org/Top10/${page}/` : undefined;
  }
  return httpUrlOrUndefined(identifier.url);
}
