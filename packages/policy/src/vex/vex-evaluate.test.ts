import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Finding } from '@gatehouse/findings';
import { evaluate } from '../evaluate/evaluate';
import { NOW, packageFinding, policyOf, ran } from '../test-support/policy-fixtures';
import { parseVexDocument } from './parse-vex-document';
import { VEX_STATUSES, type VexStatement, type VexStatus } from './vex-statement';

const engines = [ran('grype')];
const fixture = (name: string) => parseVexDocument(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'), name);

function pkg(purl: string, ids: string[], extra: Partial<Finding['location']> = {}): Finding {
  const [, type, rest] = /^pkg:([^/]+)\/(.+)$/.exec(purl)!;
  const name = rest!.replace(/@.*$/, '');
  const version = /@([^?#]+)/.exec(rest!)?.[1] ?? '1.0.0';
  return packageFinding({
    ruleId: ids[0]!,
    aliases: ids,
    identifiers: [],
    severity: 'critical',
    location: { kind: 'package', purl, ecosystem: type!, name, version, ...extra } as Finding['location'],
  });
}

function image(purl: string, ids: string[], ref: string, digest?: string): Finding {
  return packageFinding({
    ruleId: ids[0]!,
    aliases: ids,
    identifiers: [],
    severity: 'critical',
    category: 'container',
    location: { kind: 'image', ref, purl, ...(digest ? { digest } : {}) },
  });
}

const statusOf = (findings: Finding[], vex: VexStatement[]) => evaluate(findings, policyOf(), NOW, { engines, vex }).findings.map((f) => f.status);

describe('VEX in evaluate', () => {
  const statement = (status: VexStatus): VexStatement => ({
    format: 'openvex',
    source: 'vex.json#/statements/0',
    vulnerability: 'CVE-2020-8203',
    aliases: [],
    status,
    products: [{ purl: 'pkg:npm/lodash', subcomponents: [] }],
    justification: 'vulnerable_code_not_present',
  });
  const expected: Record<VexStatus, string> = { not_affected: 'suppressed', fixed: 'suppressed', affected: 'open', under_investigation: 'open' };

  for (const status of VEX_STATUSES) {
    it(`${status} ${expected[status] === 'suppressed' ? 'suppresses' : 'does not suppress'} the finding`, () => {
      const { findings, decision } = evaluate([packageFinding()], policyOf(), NOW, { engines, vex: [statement(status)] });
      expect(findings[0]!.status).toBe(expected[status]);
      expect(decision.verdict).toBe(expected[status] === 'suppressed' ? 'pass' : 'block');
    });
  }

  it('records the VEX statement as the suppression', () => {
    const { findings } = evaluate([packageFinding()], policyOf(), NOW, { engines, vex: [statement('not_affected')] });
    expect(findings[0]!.suppression).toEqual({ kind: 'vex', reason: 'not_affected: vulnerable_code_not_present', ref: 'vex.json#/statements/0' });
  });

  it('matches alias-aware, both ways: a statement alias reaches the finding id, a finding alias reaches the statement id', () => {
    const statements = fixture('openvex-v0.2.0-statuses.json');
    // The finding knows only the GHSA id; the statement is filed under the CVE with the GHSA alias.
    expect(statusOf([pkg('pkg:npm/lodash@4.17.15', ['GHSA-p6mc-m468-83gw'])], statements)).toEqual(['suppressed']);
    // The finding knows both; the statement names only the CVE.
    const byCveOnly: VexStatement = { ...statements[0]!, aliases: [] };
    expect(statusOf([pkg('pkg:npm/lodash@4.17.15', ['GHSA-p6mc-m468-83gw', 'CVE-2020-8203'])], [byCveOnly])).toEqual(['suppressed']);
  });

  it('matches a product purl with a version only on that version, and without one on any', () => {
    const statements = fixture('openvex-v0.2.0-statuses.json');
    expect(statusOf([pkg('pkg:npm/lodash@4.17.21', ['CVE-2020-8203'])], statements)).toEqual(['open']);
    expect(statusOf([pkg('pkg:pypi/pyyaml@5.3.1', ['CVE-2022-0001']), pkg('pkg:pypi/PyYAML@6.0', ['CVE-2022-0001'])], statements)).toEqual([
      'suppressed',
      'suppressed',
    ]);
  });

  it('does not reach another package with the same vulnerability', () => {
    expect(statusOf([pkg('pkg:npm/lodash-es@4.17.15', ['CVE-2020-8203'])], fixture('openvex-v0.2.0-statuses.json'))).toEqual(['open']);
  });

  it('a later statement supersedes an earlier one about the same thing', () => {
    expect(statusOf([pkg('pkg:npm/lodash@4.17.15', ['CVE-2020-8203'])], fixture('openvex-superseded.json'))).toEqual(['open']);
    const reversed = fixture('openvex-superseded.json').map((s, i) => ({ ...s, timestamp: i === 0 ? '2025-05-01T00:00:00Z' : '2025-04-01T00:00:00Z' }));
    expect(statusOf([pkg('pkg:npm/lodash@4.17.15', ['CVE-2020-8203'])], reversed)).toEqual(['suppressed']);
  });

  it('a product known only by name with subcomponents covers exactly those subcomponents', () => {
    const statements = fixture('openvex-legacy-string-form.json');
    expect(statusOf([pkg('pkg:apk/wolfi/git@2.39.0-r1', ['CVE-2023-22490']), pkg('pkg:apk/wolfi/curl@8.0', ['CVE-2023-22490'])], statements)).toEqual([
      'suppressed',
      'open',
    ]);
  });

  it('qualifiers do not stop a match', () => {
    expect(statusOf([pkg('pkg:apk/wolfi/git@2.39.0-r1', ['CVE-2023-12345'])], fixture('openvex-legacy-string-form.json'))).toEqual(['suppressed']);
  });

  it('CycloneDX: matches components by purl, refuses unresolved refs, and an image subject only covers that image', () => {
    const statements = fixture('cyclonedx-vex-image-components.json');
    const findings = [
      pkg('pkg:deb/debian/openssl@3.0.2', ['CVE-2024-0001']),
      pkg('pkg:deb/debian/openssl@3.0.2', ['GHSA-aaaa-bbbb-cccc']),
      pkg('pkg:deb/debian/zlib1g@1.2.13', ['CVE-2024-0002']),
      pkg('pkg:deb/debian/openssl@3.0.2', ['CVE-2024-0003']),
      pkg('pkg:deb/debian/openssl@3.0.2', ['CVE-2024-0004']),
      pkg('pkg:npm/mystery@1.0.0', ['CVE-2024-0005']),
      image('pkg:deb/debian/libc6@2.36', ['CVE-2024-0006'], 'ghcr.io/acme/payments-api:1.4', 'sha256:abc123'),
      image('pkg:deb/debian/libc6@2.36', ['CVE-2024-0006'], 'ghcr.io/acme/payments-api:1.3', 'sha256:def456'),
      pkg('pkg:deb/debian/libc6@2.36', ['CVE-2024-0006']),
    ];
    expect(statusOf(findings, statements)).toEqual(['suppressed', 'suppressed', 'suppressed', 'open', 'open', 'open', 'suppressed', 'open', 'open']);
  });

  it('an image product with subcomponents covers those packages in that image only', () => {
    const statements = fixture('openvex-v0.2.0-statuses.json').slice(0, 1).map((s) => ({ ...s, products: s.products.slice(0, 1) }));
    const inImage = image('pkg:npm/lodash@4.17.15', ['CVE-2020-8203'], 'registry.example.com/team/payments-api:2.0');
    const elsewhere = image('pkg:npm/lodash@4.17.15', ['CVE-2020-8203'], 'registry.example.com/team/billing:2.0');
    const inRepo = pkg('pkg:npm/lodash@4.17.15', ['CVE-2020-8203']);
    expect(statusOf([inImage, elsewhere, inRepo], statements)).toEqual(['suppressed', 'open', 'open']);
  });

  it('a statement about the whole product (CISA style) covers every finding of that vulnerability', () => {
    const whole: VexStatement = { format: 'cyclonedx', source: 'x', vulnerability: 'CVE-2020-11896', aliases: [], status: 'not_affected', products: [{ id: 'product-ABC', subcomponents: [] }] };
    expect(statusOf([pkg('pkg:generic/treck@6.0', ['CVE-2020-11896']), pkg('pkg:generic/treck@6.0', ['CVE-2020-11897'])], [whole])).toEqual(['suppressed', 'open']);
  });

  it('an exception wins over VEX when both apply', () => {
    const policy = policyOf({ exceptions: [{ id: 'CVE-2020-8203', reason: 'accepted', owner: 'sec', expires: '2025-07-01' }] });
    const { findings } = evaluate([packageFinding()], policy, NOW, { engines, vex: [statement('not_affected')] });
    expect(findings[0]!.suppression?.kind).toBe('exception');
  });
});
