import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { finalizeFindings, ParseError } from '@gatehouse/findings';
import type { ParseContext } from '../adapter';
import { parseContainerHardening } from './parse';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const context = (extra: Partial<ParseContext> = {}): ParseContext => ({ file: 'container-hardening.json', workspace: '/ws', salt: 'hardening-test-salt-0123456789', ...extra });

describe('reading the container hardening report', () => {
  const r = parseContainerHardening(fixture('report-vulnerable-app-and-broken-compose.json'), context());
  const { findings, rejected } = finalizeFindings(r.findings);

  it('turns every result into an iac finding with its line, rule and advice', () => {
    expect(rejected).toEqual([]);
    expect(r.nativeCount).toBe(10);
    expect(findings.every((f) => f.category === 'iac' && f.sources[0]!.engine === 'container-hardening')).toBe(true);
    expect(findings[1]).toMatchObject({
      ruleId: 'DS-0001',
      severity: 'medium',
      severityBasis: { kind: 'tool', label: 'MEDIUM', source: 'container-hardening' },
      location: { kind: 'code', path: 'vulnerable-app/Dockerfile', startLine: 2 },
      fix: { advice: expect.stringContaining('pin its digest') },
      tags: ['rule:no-latest-base-image'],
    });
  });

  it('keeps the source line hash the engine computed as the identity stand-in', () => {
    const raw = JSON.parse(fixture('report-vulnerable-app-and-broken-compose.json'));
    expect(findings[1]!.location).toMatchObject({ contextHash: raw.results[1].contextHash });
  });

  it('is incomplete for the files it could not check, naming them', () => {
    expect(r.incomplete).toEqual(['container-hardening could not check broken/docker-compose.yml: YAML error at line 4, column 5: Map keys must be unique']);
    expect(r.notes).toContain('container-hardening checked 2 Dockerfiles and compose files');
  });

  it.each([
    ['{}', /not a container-hardening report/],
    ['{"tool": "gatehouse-container-hardening", "schemaVersion": 2, "rules": [], "scanned": [], "results": [], "errors": []}', /schemaVersion/],
    ['{"tool": "gatehouse-container-hardening", "schemaVersion": 1, "rules": [], "scanned": []}', /results/],
  ])('refuses %s with a ParseError naming the file', (text, message) => {
    expect(() => parseContainerHardening(text, context({ file: 'out/hardening.json' }))).toThrow(ParseError);
    expect(() => parseContainerHardening(text, context({ file: 'out/hardening.json' }))).toThrow(message);
  });

  it('skips and counts a result it cannot read', () => {
    const doc = JSON.parse(fixture('report-vulnerable-app-and-broken-compose.json'));
    doc.results[0].severity = 'apocalyptic';
    const parsed = parseContainerHardening(JSON.stringify(doc), context());
    expect(parsed.skipped).toEqual([{ at: 'results[0]', reason: expect.stringContaining('severity') }]);
    expect(parsed.findings.length + parsed.skipped.length).toBe(parsed.nativeCount);
  });

  it('refuses a result path outside the workspace as a location', () => {
    const doc = JSON.parse(fixture('report-vulnerable-app-and-broken-compose.json'));
    doc.results[0].path = '../../etc/Dockerfile';
    const [finding] = parseContainerHardening(JSON.stringify(doc), context()).findings;
    expect(finding!.location).toEqual({ kind: 'repository' });
  });
});
