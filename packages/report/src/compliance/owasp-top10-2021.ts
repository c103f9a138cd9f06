/**
 * OWASP Top 10 (2021) with the CWEs OWASP mapped to each category, copied from the "List of Mapped
 * CWEs" section of each category page (github.com/OWASP/Top10, 2021/docs/A0x_2021-*.md).
 * The counts are part of the official text (A01: 34, A02: 29, A03: 33, A04: 40, A05: 20, A06: 3,
 * A07: 22, A08: 10, A09: 4, A10: 1); a test holds the table to them.
 */
export interface OwaspCategory {
  /** `A03:2021`, as OWASP writes it. */
  id: string;
  name: string;
  url: string;
  cwes: readonly number[];
}

export const OWASP_TOP10_2021: readonly OwaspCategory[] = [
  {
    id: 'A01:2021',
    name: 'Broken Access Control',
    url: 'https://owasp.org/Top10/A01_2021-Broken_Access_Control/',
    cwes: [22, 23, 35, 59, 200, 201, 219, 264, 275, 276, 284, 285, 352, 359, 377, 402, 425, 441, 497, 538, 540, 548, 552, 566, 601, 639, 651, 668, 706, 862, 863, 913, 922, 1275],
  },
  {
    id: 'A02:2021',
    name: 'Cryptographic Failures',
    url: 'https://owasp.org/Top10/A02_2021-Cryptographic_Failures/',
    cwes: [261, 296, 310, 319, 321, 322, 323, 324, 325, 326, 327, 328, 329, 330, 331, 335, 336, 337, 338, 340, 347, 523, 720, 757, 759, 760, 780, 818, 916],
  },
  {
    id: 'A03:2021',
    name: 'Injection',
    url: 'https://owasp.org/Top10/A03_2021-Injection/',
    cwes: [20, 74, 75, 77, 78, 79, 80, 83, 87, 88, 89, 90, 91, 93, 94, 95, 96, 97, 98, 99, 100, 113, 116, 138, 184, 470, 471, 564, 610, 643, 644, 652, 917],
  },
  {
    id: 'A04:2021',
    name: 'Insecure Design',
    url: 'https://owasp.org/Top10/A04_2021-Insecure_Design/',
    cwes: [
      73, 183, 209, 213, 235, 256, 257, 266, 269, 280, 311, 312, 313, 316, 419, 430, 434, 444, 451, 472, 501, 522, 525, 539, 579, 598, 602, 642, 646, 650,
      653, 656, 657, 799, 807, 840, 841, 927, 1021, 1173,
    ],
  },
  {
    id: 'A05:2021',
    name: 'Security Misconfiguration',
    url: 'https://owasp.org/Top10/A05_2021-Security_Misconfiguration/',
    cwes: [2, 11, 13, 15, 16, 260, 315, 520, 526, 537, 541, 547, 611, 614, 756, 776, 942, 1004, 1032, 1174],
  },
  {
    id: 'A06:2021',
    name: 'Vulnerable and Outdated Components',
    url: 'https://owasp.org/Top10/A06_2021-Vulnerable_and_Outdated_Components/',
    cwes: [937, 1035, 1104],
  },
  {
    id: 'A07:2021',
    name: 'Identification and Authentication Failures',
    url: 'https://owasp.org/Top10/A07_2021-Identification_and_Authentication_Failures/',
    cwes: [255, 259, 287, 288, 290, 294, 295, 297, 300, 302, 304, 306, 307, 346, 384, 521, 613, 620, 640, 798, 940, 1216],
  },
  {
    id: 'A08:2021',
    name: 'Software and Data Integrity Failures',
    url: 'https://owasp.org/Top10/A08_2021-Software_and_Data_Integrity_Failures/',
    cwes: [345, 353, 426, 494, 502, 565, 784, 829, 830, 915],
  },
  {
    id: 'A09:2021',
    name: 'Security Logging and Monitoring Failures',
    url: 'https://owasp.org/Top10/A09_2021-Security_Logging_and_Monitoring_Failures/',
    cwes: [117, 223, 532, 778],
  },
  {
    id: 'A10:2021',
    name: 'Server-Side Request Forgery (SSRF)',
    url: 'https://owasp.org/Top10/A10_2021-Server-Side_Request_Forgery_%28SSRF%29/',
    cwes: [918],
  },
];

/** The category a vulnerable dependency or image package belongs to, whatever its CWE. */
export const OWASP_VULNERABLE_COMPONENTS = 'A06:2021';
/** The category of infrastructure-as-code and image configuration findings. */
export const OWASP_MISCONFIGURATION = 'A05:2021';

const BY_CWE = new Map<number, string[]>();
for (const category of OWASP_TOP10_2021) {
  for (const cwe of category.cwes) {
    const ids = BY_CWE.get(cwe);
    if (ids) ids.push(category.id);
    else BY_CWE.set(cwe, [category.id]);
  }
}

/** The OWASP 2021 categories OWASP maps this CWE to (none for most CWEs). */
export function owaspCategoriesOfCwe(cwe: number): readonly string[] {
  return BY_CWE.get(cwe) ?? [];
}
