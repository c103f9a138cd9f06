import { hexOf, pick, SEVERITY_MIX, writeJsonArray, type ChunkSink } from './variety';

/**
 * A `trivy image --format json` report (schema 2) of a Debian-based Node image: OS package
 * vulnerabilities in one result, npm packages in another, each entry shaped like trivy's own
 * (PkgIdentifier, Layer, DataSource, VendorSeverity, CVSS, References, dates). `compact` entries
 * keep only what trivy always writes (id, package, versions, severity): that is how 1M findings fit
 * in one document under V8's string limit.
 */

const OS_PACKAGES = ['libssl3', 'openssl', 'libc6', 'zlib1g', 'libxml2', 'curl', 'libcurl4', 'perl-base', 'libsqlite3-0', 'tar', 'libgnutls30', 'bash', 'libexpat1', 'libkrb5-3', 'libtiff6'];
const NPM_PACKAGES = ['lodash', 'minimist', 'axios', 'express', 'semver', 'tar', 'ws', 'jsonwebtoken', 'qs', 'follow-redirects', 'undici', 'braces', 'micromatch', 'cookie', 'path-to-regexp'];
const VECTORS: readonly [string, number][] = [
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 7.5],
  ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N', 5.9],
  ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8],
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
  ['CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:L/I:N/A:N', 2.5],
];
const VENDOR_LEVEL: Record<string, number> = { CRITICAL: 4, HIGH: 3, MEDIUM: 2, LOW: 1, UNKNOWN: 0 };

const LAYER = {
  Digest: 'sha256:9cc2ad81d40d54dcae7fa5e8e17d9c34e8bba3b7c2cc7e26fb22734608bda32e',
  DiffID: 'sha256:f73e7e79899a33b4b9b78da62efb71520844f8dd518f3c390e27bc3063bce307',
};

function cveOf(index: number): string {
  return `CVE-${2016 + (index % 9)}-${100000 + index}`;
}

function osEntry(index: number): Record<string, unknown> {
  const name = `${pick(OS_PACKAGES, index)}-${index % 400}`;
  const version = `1.${index % 17}.${index % 5}-${1 + (index % 3)}+deb12u${index % 4}`;
  const severity = pick(SEVERITY_MIX, index);
  const [vector, score] = pick(VECTORS, index, 1);
  const id = cveOf(index);
  const fixed = index % 3 !== 0;
  return {
    VulnerabilityID: id,
    PkgID: `${name}@${version}`,
    PkgName: name,
    PkgIdentifier: { PURL: `pkg:deb/debian/${name}@${version}?arch=amd64&distro=debian-12.5`, UID: hexOf(index, 16) },
    InstalledVersion: version,
    ...(fixed ? { FixedVersion: `1.${index % 17}.${(index % 5) + 1}-1+deb12u${(index % 4) + 1}` } : {}),
    Status: fixed ? 'fixed' : pick(['affected', 'will_not_fix', 'fix_deferred'], index),
    Layer: LAYER,
    SeveritySource: 'debian',
    PrimaryURL: `https://avd.aquasec.com/nvd/${id.toLowerCase()}`,
    DataSource: { ID: 'debian', Name: 'Debian Security Tracker', URL: 'https://salsa.debian.org/security-tracker-team/security-tracker' },
    Fingerprint: `sha256:${hexOf(index, 64, 2)}`,
    Title: `${name}: ${pick(['heap-based buffer overflow in the parser', 'use-after-free when a connection is reused', 'denial of service through crafted input', 'integer overflow in length handling', 'out-of-bounds read in decoder'], index)}`,
    Description: `A flaw was found in ${name} ${version}. ${pick(['A remote attacker could send a crafted request that makes the process read past the end of a buffer, crashing it or disclosing memory.', 'Processing a specially crafted file can trigger memory corruption, which may lead to code execution with the privileges of the user running the application.', 'An attacker able to influence the input can exhaust CPU time, making the service unavailable to other users.'], index, 3)}`,
    Severity: severity,
    CweIDs: [pick(['CWE-787', 'CWE-416', 'CWE-400', 'CWE-190', 'CWE-125'], index)],
    VendorSeverity: { debian: VENDOR_LEVEL[severity], nvd: VENDOR_LEVEL[severity], redhat: VENDOR_LEVEL[pick(SEVERITY_MIX, index, 4)] },
    CVSS: { nvd: { V3Vector: vector, V3Score: score }, redhat: { V3Vector: vector, V3Score: score } },
    References: [
      `https://access.redhat.com/security/cve/${id}`,
      `https://nvd.nist.gov/vuln/detail/${id}`,
      `https://security-tracker.debian.org/tracker/${id}`,
      `https://www.cve.org/CVERecord?id=${id}`,
    ],
    PublishedDate: `20${16 + (index % 9)}-0${1 + (index % 9)}-1${index % 10}T12:15:00Z`,
    LastModifiedDate: '2025-01-14T09:15:00Z',
  };
}

function npmEntry(index: number): Record<string, unknown> {
  const name = `${pick(NPM_PACKAGES, index)}-${index % 300}`;
  const version = `${1 + (index % 6)}.${index % 20}.${index % 9}`;
  const severity = pick(SEVERITY_MIX, index, 5);
  const [vector, score] = pick(VECTORS, index, 6);
  const ghsa = `GHSA-${hexOf(index, 4, 7)}-${hexOf(index, 4, 8)}-${hexOf(index, 4, 9)}`;
  return {
    VulnerabilityID: cveOf(index),
    VendorIDs: [ghsa],
    PkgID: `${name}@${version}`,
    PkgName: name,
    PkgPath: `usr/src/app/node_modules/${name}/package.json`,
    PkgIdentifier: { PURL: `pkg:npm/${name}@${version}`, UID: hexOf(index, 16, 10) },
    InstalledVersion: version,
    FixedVersion: `${1 + (index % 6)}.${(index % 20) + 1}.0`,
    Status: 'fixed',
    Layer: LAYER,
    SeveritySource: 'ghsa',
    PrimaryURL: `https://avd.aquasec.com/nvd/${cveOf(index).toLowerCase()}`,
    DataSource: { ID: 'ghsa', Name: 'GitHub Security Advisory npm', URL: 'https://github.com/advisories?query=type%3Areviewed+ecosystem%3Anpm' },
    Title: `${name}: ${pick(['prototype pollution via merge', 'regular expression denial of service', 'improper input validation of URLs', 'path traversal when extracting archives'], index)}`,
    Description: `Versions of ${name} before ${1 + (index % 6)}.${(index % 20) + 1}.0 are vulnerable: untrusted input reaching the affected function can change the behaviour of the application.`,
    Severity: severity,
    CweIDs: [pick(['CWE-1321', 'CWE-1333', 'CWE-20', 'CWE-22'], index)],
    VendorSeverity: { ghsa: VENDOR_LEVEL[severity], nvd: VENDOR_LEVEL[severity] },
    CVSS: { ghsa: { V3Vector: vector, V3Score: score } },
    References: [`https://github.com/advisories/${ghsa}`, `https://nvd.nist.gov/vuln/detail/${cveOf(index)}`],
    PublishedDate: '2024-03-12T18:15:00Z',
    LastModifiedDate: '2025-02-03T10:00:00Z',
  };
}

function compactEntry(index: number): Record<string, unknown> {
  const name = `${pick(OS_PACKAGES, index)}-${index % 400}`;
  return {
    VulnerabilityID: cveOf(index),
    PkgName: name,
    InstalledVersion: `1.${index % 17}.${index % 5}-1`,
    ...(index % 3 !== 0 ? { FixedVersion: `1.${index % 17}.${(index % 5) + 1}-1` } : {}),
    Severity: pick(SEVERITY_MIX, index),
  };
}

export interface TrivyReportOptions {
  findings: number;
  compact?: boolean;
}

export function writeTrivyImageReport(sink: ChunkSink, options: TrivyReportOptions): void {
  const header = {
    SchemaVersion: 2,
    Trivy: { Version: '0.58.1' },
    CreatedAt: '2025-03-01T10:00:00.000000000Z',
    ArtifactName: 'ghcr.io/example/shop-api:1.4.2',
    ArtifactType: 'container_image',
    Metadata: {
      OS: { Family: 'debian', Name: '12.5' },
      ImageID: 'sha256:f26939cc87ef44a6fc554eedd0a976ab30b5bc2769d65d2e986b6c5f1fd4053d',
      DiffIDs: [LAYER.DiffID],
      RepoTags: ['ghcr.io/example/shop-api:1.4.2'],
      RepoDigests: ['ghcr.io/example/shop-api@sha256:2ce0e924e5d43d66387e476478ce3c857b1eaae74b5c74693ed47b3502bbdc3e'],
    },
  };
  const headerText = JSON.stringify(header, null, 2);
  sink.write(`${headerText.slice(0, -2)},\n  "Results": [`);
  // Six in ten findings are OS packages, the rest npm packages: two results, as trivy writes an image.
  const osCount = options.compact ? options.findings : Math.round(options.findings * 0.6);
  const npmCount = options.findings - osCount;
  sink.write('{"Target":"ghcr.io/example/shop-api:1.4.2 (debian 12.5)","Class":"os-pkgs","Type":"debian","Vulnerabilities":');
  writeJsonArray(sink, osCount, options.compact ? compactEntry : osEntry);
  sink.write('}');
  if (npmCount > 0) {
    sink.write(',{"Target":"Node.js","Class":"lang-pkgs","Type":"node-pkg","Vulnerabilities":');
    writeJsonArray(sink, npmCount, (i) => npmEntry(osCount + i));
    sink.write('}');
  }
  sink.write(']\n}\n');
}
