/**
 * The 2024 CWE Top 25 Most Dangerous Software Weaknesses (MITRE/CISA, November 2024; CWE view 1430),
 * in rank order. Names as CWE writes them.
 */
export interface CweTopEntry {
  rank: number;
  cwe: number;
  name: string;
}

export const CWE_TOP25_2024: readonly CweTopEntry[] = [
  { rank: 1, cwe: 79, name: "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')" },
  { rank: 2, cwe: 787, name: 'Out-of-bounds Write' },
  { rank: 3, cwe: 89, name: "Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')" },
  { rank: 4, cwe: 352, name: 'Cross-Site Request Forgery (CSRF)' },
  { rank: 5, cwe: 22, name: "Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')" },
  { rank: 6, cwe: 125, name: 'Out-of-bounds Read' },
  { rank: 7, cwe: 78, name: "Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')" },
  { rank: 8, cwe: 416, name: 'Use After Free' },
  { rank: 9, cwe: 862, name: 'Missing Authorization' },
  { rank: 10, cwe: 434, name: 'Unrestricted Upload of File with Dangerous Type' },
  { rank: 11, cwe: 94, name: "Improper Control of Generation of Code ('Code Injection')" },
  { rank: 12, cwe: 20, name: 'Improper Input Validation' },
  { rank: 13, cwe: 77, name: "Improper Neutralization of Special Elements used in a Command ('Command Injection')" },
  { rank: 14, cwe: 287, name: 'Improper Authentication' },
  { rank: 15, cwe: 269, name: 'Improper Privilege Management' },
  { rank: 16, cwe: 502, name: 'Deserialization of Untrusted Data' },
  { rank: 17, cwe: 200, name: 'Exposure of Sensitive Information to an Unauthorized Actor' },
  { rank: 18, cwe: 863, name: 'Incorrect Authorization' },
  { rank: 19, cwe: 918, name: 'Server-Side Request Forgery (SSRF)' },
  { rank: 20, cwe: 119, name: 'Improper Restriction of Operations within the Bounds of a Memory Buffer' },
  { rank: 21, cwe: 476, name: 'NULL Pointer Dereference' },
  { rank: 22, cwe: 798, name: 'Use of Hard-coded Credentials' },
  { rank: 23, cwe: 190, name: 'Integer Overflow or Wraparound' },
  { rank: 24, cwe: 400, name: 'Uncontrolled Resource Consumption' },
  { rank: 25, cwe: 306, name: 'Missing Authentication for Critical Function' },
];

/** Where a person reads about a CWE; built from the number alone. */
export function cweUrl(cwe: number): string {
  return `https://cwe.mitre.org/data/definitions/${cwe}.html`;
}
