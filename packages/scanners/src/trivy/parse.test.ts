import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contextHashOfLine, finalizeFindings, ParseError, type Finding } from '@gatehouse/findings';
import type { ParseContext } from '../adapter';
import { parseTrivy } from './parse';
import { canonicalCheckId } from './rule-id';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const context = (extra: Partial<ParseContext> = {}): ParseContext => ({ file: 'trivy.json', workspace: '/ws', salt: 'trivy-test-salt-0123456789', ...extra });
const where = (f: Finding) => (f.location.kind === 'code' ? `${f.location.path}${f.location.startLine ? `:${f.location.startLine}` : ''}` : f.location.kind);

describe('trivy check ids', () => {
  it.each([
    ['DS002', 'AVD-DS-0002', 'DS-0002'],
    ['DS-0002', undefined, 'DS-0002'],
    ['KSV001', undefined, 'KSV-0001'],
    ['AVD-AWS-0089', 'AVD-AWS-0089', 'AWS-0089'],
    ['AWS-0089', undefined, 'AWS-0089'],
    ['my_custom_check', undefined, 'my_custom_check'],
  ])('reads %s (AVDID %s) as %s', (id, avd, expected) => {
    expect(canonicalCheckId(id, avd)).toBe(expected);
  });
});

describe('a trivy config report (Dockerfile, Helm archive, exceptions, passes)', () => {
  const r = parseTrivy(fixture('config-dockerfile-helm-exception-pass.json'), context());
  const { findings, rejected } = finalizeFindings(r.findings);
  const [latest, root, healthcheck, privileged, cpu] = findings;

  it('reads every failed and excepted check as an iac finding, in trivy-checks v2 ids, under the scanned directory', () => {
    expect(rejected).toEqual([]);
    expect(r.nativeCount).toBe(5);
    expect(findings.map((f) => [f.ruleId, where(f), f.severity])).toEqual([
      ['DS-0001', 'apps/api/Dockerfile:2', 'medium'],
      ['DS-0002', 'apps/api/Dockerfile', 'high'],
      ['DS-0026', 'apps/api/Dockerfile', 'low'],
      ['KSV-0017', 'apps/chart.tgz', 'high'],
      ['KSV-0011', 'apps/chart.tgz', 'low'],
    ]);
    expect(findings.every((f) => f.category === 'iac')).toBe(true);
    expect(root!.sources[0]).toMatchObject({ engine: 'trivy', nativeId: 'DS002', nativeSeverity: 'HIGH' });
  });

  it('uses the cause line as the identity stand-in, so the same line merges with container-hardening', () => {
    expect(latest!.location).toMatchObject({ contextHash: contextHashOfLine('FROM python:latest') });
    expect(latest!.fix).toMatchObject({ advice: "Add a tag to the image in the 'FROM' statement" });
  });

  it('places a Helm template finding on the chart archive, naming the template and its lines', () => {
    expect(privileged!.message).toContain('in templates/deployment.yaml lines 21-24');
    expect(privileged!.message).toContain('resource Deployment/web');
    expect(privileged!.location).toMatchObject({ kind: 'code', path: 'apps/chart.tgz', contextHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(privileged!.id).not.toBe(cpu!.id);
  });

  it('keeps a check exception as an inline suppression and does not count passes', () => {
    expect(cpu).toMatchObject({ status: 'suppressed', suppression: { kind: 'inline', reason: 'excepted by a trivy check exception' } });
    expect(healthcheck!.status).toBe('open');
    expect(r.notes).toContain('1 trivy checks passed (not findings)');
    expect(r.engineVersion).toBe('0.75.0');
  });

  it('notes when the misconfiguration summary disagrees with the listed failures', () => {
    const doc = JSON.parse(fixture('config-dockerfile-helm-exception-pass.json'));
    doc.Results[0].MisconfSummary.Failures = 7;
    expect(parseTrivy(JSON.stringify(doc), context()).notes).toContain('trivy: api/Dockerfile MisconfSummary counts 7 failures but the report lists 3');
  });

  it('reads a single-file scan without naming the file twice', () => {
    const doc = JSON.parse(fixture('config-dockerfile-helm-exception-pass.json'));
    doc.ArtifactName = 'apps/api/Dockerfile';
    doc.Results[0].Target = 'Dockerfile';
    expect(where(finalizeFindings(parseTrivy(JSON.stringify(doc), context()).findings).findings[0]!)).toBe('apps/api/Dockerfile:2');
  });
});

describe('a trivy image report (EOL OS, OS and language packages, a secret, a duplicate, licenses)', () => {
  const seen: string[] = [];
  const r = parseTrivy(fixture('image-eosl-lang-secret-duplicate.json'), context({ onSecretValue: (v) => seen.push(v) }));
  const { findings, rejected } = finalizeFindings(r.findings);
  const [eol, openssl, libssl, bash, cryptography, secret] = findings;

  it('counts one finding per vulnerability per package per target, plus the end-of-life OS', () => {
    expect(rejected).toEqual([]);
    expect(r.nativeCount).toBe(6);
    expect(findings.map((f) => [f.category, f.ruleId])).toEqual([
      ['container', 'os-end-of-life'],
      ['container', 'CVE-2023-0001'],
      ['container', 'CVE-2023-0001'],
      ['container', 'CVE-2023-0002'],
      ['container', 'GHSA-h4gh-qq45-vh27'],
      ['secret', 'generic-api-key'],
    ]);
    expect(r.notes).toContain('trivy listed 1 vulnerabilities twice for the same package and target (counted once)');
    expect(openssl!.id).not.toBe(libssl!.id);
  });

  it('makes an end-of-life OS a finding of its own on the image, the one grype\'s distro-eol alert gives', () => {
    expect(eol).toMatchObject({
      ruleId: 'os-end-of-life',
      severity: 'high',
      severityBasis: { kind: 'default' },
      location: { kind: 'image', ref: 'registry.example.com/team/api:1.4.2', digest: 'sha256:2222222222222222222222222222222222222222222222222222222222222222', name: 'debian', version: '9.13' },
      fix: { available: true, state: 'fixed' },
      sources: [{ engine: 'trivy', nativeId: 'Metadata.OS.EOSL', engineVersion: '0.75.0' }],
    });
  });

  it('rates from CVSS vectors first (the severity source, else NVD, else any), then the vendor label, then trivy', () => {
    expect(openssl).toMatchObject({ severity: 'critical', severityBasis: { kind: 'cvss', cvss: { version: '3.1', score: 9.8, source: 'nvd' } } });
    expect(libssl).toMatchObject({ severity: 'low', severityBasis: { kind: 'vendor', label: 'LOW', source: 'debian' } });
    expect(bash).toMatchObject({ severity: 'critical', severityBasis: { kind: 'cvss', cvss: { version: '4.0', source: 'ghsa' } } });
    expect(cryptography).toMatchObject({ severity: 'high', severityBasis: { kind: 'vendor', label: 'HIGH', source: 'ghsa' } });
  });

  it('places packages in the image with purl, layer and path, and reads fix states', () => {
    expect(openssl!.location).toMatchObject({ kind: 'image', layer: 'sha256:4444', purl: expect.stringMatching(/^pkg:deb\/debian\/openssl@/) });
    expect(openssl!.fix).toEqual({ available: false, versions: [], state: 'not_fixed' });
    expect(libssl!.fix).toMatchObject({ available: true, versions: ['1.1.0m-1~deb9u1'], state: 'fixed' });
    // No purl in the report: built with the distribution as namespace, as trivy and grype write it.
    expect(bash!.location).toMatchObject({ purl: 'pkg:deb/debian/bash@4.4-5' });
    expect(bash!.fix.state).toBe('wont_fix');
    expect(cryptography!.location).toMatchObject({ target: expect.stringMatching(/^usr\/local\/lib\/python3\.9/) });
    expect(cryptography!.fix.versions).toEqual(['41.0.4', '42.0.0']);
    expect(openssl!.identifiers).toContainEqual({ type: 'CWE', value: 'CWE-787' });
  });

  it('hashes an unmasked secret match, keeps neither it nor the unmasked context lines', () => {
    expect(seen).toEqual(['API_KEY=unmasked-value-for-tests-1234']);
    expect(secret).toMatchObject({ category: 'secret', severity: 'high', secret: { preview: '****', hash: expect.stringMatching(/^[0-9a-f]{64}$/) }, location: { kind: 'image', target: '/app/.env', layer: 'sha256:5555' } });
    const text = JSON.stringify(findings);
    expect(text).not.toContain('unmasked-value-for-tests-1234');
    expect(text).not.toContain('context-line-not-masked');
  });

  it('does not read license entries as findings, and says so', () => {
    expect(r.notes).toContainEqual(expect.stringMatching(/^1 trivy license entries were not read/));
  });

  it('files every image finding under ctx.imageRef (the plan\'s image) over what the report recorded', () => {
    const doc = JSON.parse(fixture('image-eosl-lang-secret-duplicate.json'));
    doc.ArtifactName = 'build/api.tar';
    const named = finalizeFindings(parseTrivy(JSON.stringify(doc), context({ imageRef: 'shop/api:2.0.0' })).findings).findings;
    expect(named.map((f) => f.location.kind === 'image' && f.location.ref)).toEqual(Array(6).fill('shop/api:2.0.0'));
    delete doc.Metadata.RepoTags;
    expect(finalizeFindings(parseTrivy(JSON.stringify(doc), context()).findings).findings[1]!.location).toMatchObject({ ref: 'build/api.tar' });
  });
});

describe('trivy secrets from a repository scan', () => {
  it('keeps no value when trivy masked it, and tells findings apart by the masked line', () => {
    const doc = {
      SchemaVersion: 2,
      ArtifactName: '.',
      ArtifactType: 'repository',
      Results: [{ Target: 'deploy.sh', Class: 'secret', Secrets: [{ RuleID: 'aws-access-key-id', Severity: 'CRITICAL', Title: 'AWS Access Key ID', StartLine: 3, EndLine: 3, Match: 'export AWS_ACCESS_KEY_ID=********************' }] }],
    };
    const seen: string[] = [];
    const [finding] = finalizeFindings(parseTrivy(JSON.stringify(doc), context({ onSecretValue: (v) => seen.push(v) })).findings).findings;
    expect(seen).toEqual([]);
    expect(finding).toMatchObject({ location: { path: 'deploy.sh', startLine: 3, contextHash: contextHashOfLine('export AWS_ACCESS_KEY_ID=********************') }, secret: { preview: '****' } });
    expect(finding!.secret!.hash).toBeUndefined();
  });
});

describe('trivy report signature and edge cases', () => {
  it('reads a report without Results (nothing found, or everything skipped) as zero findings', () => {
    expect(parseTrivy('{"SchemaVersion":2,"ArtifactName":".","ArtifactType":"repository"}', context())).toMatchObject({ findings: [], skipped: [], nativeCount: 0 });
    expect(parseTrivy('{"SchemaVersion":2,"ArtifactName":".","ArtifactType":"repository","Results":null}', context()).nativeCount).toBe(0);
  });

  it.each([
    ['{}', /no "SchemaVersion"/],
    ['[{"Target": "alpine:3.9", "Vulnerabilities": []}]', /schema 1 \(trivy < 0\.20\)/],
    ['{"SchemaVersion": 3, "ArtifactName": "x"}', /unsupported trivy JSON schema 3/],
    ['{"SchemaVersion": 2}', /no "ArtifactName"/],
    ['{"SchemaVersion": 2, "ArtifactName": "x", "Results": {}}', /"Results" is not an array/],
    ['{"bomFormat": "CycloneDX", "specVersion": "1.6"}', /--from cyclonedx/],
  ])('refuses %s with a ParseError naming the file', (text, message) => {
    const error = (() => {
      try {
        parseTrivy(text, context({ file: 'out/trivy.json' }));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ParseError);
    expect((error as Error).message).toMatch(/^out\/trivy\.json/);
    expect((error as Error).message).toMatch(message);
  });

  it('skips and counts an entry it cannot read, and every entry of a result without a target', () => {
    const doc = JSON.parse(fixture('image-eosl-lang-secret-duplicate.json'));
    doc.Results[1].Vulnerabilities[0].PkgName = 42;
    doc.Results.push({ Class: 'os-pkgs', Vulnerabilities: [{}, {}] });
    const r = parseTrivy(JSON.stringify(doc), context());
    expect(r.skipped).toEqual([
      { at: 'Results[1].Vulnerabilities[0]', reason: expect.stringContaining('PkgName') },
      { at: 'Results[4]', reason: 'result has no "Target", so its entries cannot be placed' },
      { at: 'Results[4]', reason: 'result has no "Target", so its entries cannot be placed' },
    ]);
    expect(r.findings.length + r.skipped.length).toBe(r.nativeCount);
  });

  it('keeps a finding whose file is outside the workspace at repository level', () => {
    const doc = JSON.parse(fixture('config-dockerfile-helm-exception-pass.json'));
    doc.ArtifactName = '/etc';
    const [finding] = parseTrivy(JSON.stringify(doc), context()).findings;
    expect(finding!.location).toEqual({ kind: 'repository' });
    expect(finding!.message).toContain('absolute path outside the workspace');
  });

  it('reads repository language packages as sca with their manifest', () => {
    const doc = {
      SchemaVersion: 2,
      ArtifactName: 'services/api',
      ArtifactType: 'filesystem',
      Results: [{ Target: 'package-lock.json', Class: 'lang-pkgs', Type: 'npm', Vulnerabilities: [{ VulnerabilityID: 'GHSA-35jh-r3h4-6jhm', PkgName: '@scope/lodash', InstalledVersion: '4.17.20', Severity: 'HIGH' }] }],
    };
    const [finding] = parseTrivy(JSON.stringify(doc), context()).findings;
    expect(finding).toMatchObject({ category: 'sca', location: { kind: 'package', purl: 'pkg:npm/%40scope/lodash@4.17.20', ecosystem: 'npm', manifest: 'services/api/package-lock.json' } });
  });
});
