import { hexOf, pick, type ChunkSink } from './variety';

/**
 * An `npm audit --json` report (auditReportVersion 2): a `vulnerabilities` object keyed by package,
 * each with its advisories in `via` (source id, GHSA url, severity, cwe, cvss, range), node paths and
 * fixAvailable. Findings count one per advisory per package, as the npm-audit engine counts them.
 */

const ADVISORIES_PER_PACKAGE = 4;
const SEVERITIES = ['critical', 'high', 'high', 'moderate', 'moderate', 'moderate', 'low', 'low', 'info'] as const;
const TITLES = ['Prototype Pollution', 'Regular Expression Denial of Service', 'Arbitrary Code Execution', 'Path Traversal', 'Server-Side Request Forgery'];
const CVSS: readonly [string, number][] = [
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 7.5],
  ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N', 5.9],
];

function ghsa(index: number): string {
  return `GHSA-${hexOf(index, 4, 1)}-${hexOf(index, 4, 2)}-${hexOf(index, 4, 3)}`;
}

function packageEntry(pkgIndex: number, advisories: number): [string, Record<string, unknown>] {
  const name = `${pick(['lodash', 'minimist', 'handlebars', 'kind-of', 'mixin-deep', 'axios', 'tar'], pkgIndex)}-${pkgIndex}`;
  const via = Array.from({ length: advisories }, (_, a) => {
    const index = pkgIndex * ADVISORIES_PER_PACKAGE + a;
    const id = ghsa(index);
    const [vectorString, score] = pick(CVSS, index, 4);
    return {
      source: 1_000_000 + index,
      name,
      dependency: name,
      title: pick(TITLES, index),
      url: `https://github.com/advisories/${id}`,
      severity: pick(SEVERITIES, index, 5),
      cwe: [pick(['CWE-1321', 'CWE-1333', 'CWE-94', 'CWE-22', 'CWE-918'], index)],
      cvss: { score, vectorString },
      range: `<${1 + (index % 5)}.${index % 10}.0`,
    };
  });
  return [
    name,
    {
      name,
      severity: 'high',
      isDirect: pkgIndex % 5 === 0,
      via,
      effects: pkgIndex % 4 === 0 ? [`parent-${pkgIndex}`] : [],
      range: '<9.0.0',
      nodes: [`node_modules/${name}`],
      fixAvailable: pkgIndex % 3 === 0 ? { name: `parent-${pkgIndex}`, version: '2.0.0', isSemVerMajor: true } : true,
    },
  ];
}

export function writeNpmAuditReport(sink: ChunkSink, options: { findings: number }): void {
  const packages = Math.ceil(options.findings / ADVISORIES_PER_PACKAGE);
  sink.write('{\n"auditReportVersion": 2,\n"vulnerabilities": {');
  for (let p = 0; p < packages; p++) {
    const advisories = Math.min(ADVISORIES_PER_PACKAGE, options.findings - p * ADVISORIES_PER_PACKAGE);
    const [name, entry] = packageEntry(p, advisories);
    sink.write(`${p ? ',' : ''}\n${JSON.stringify(name)}: ${JSON.stringify(entry)}`);
  }
  sink.write('\n},\n"metadata": {"vulnerabilities": {"info": 0, "low": 0, "moderate": 0, "high": 0, "critical": 0, "total": 0}, "dependencies": {"prod": 1, "dev": 0, "optional": 0, "peer": 0, "peerOptional": 0, "total": 1}}\n}\n');
}

