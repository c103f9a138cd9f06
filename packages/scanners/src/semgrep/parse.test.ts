import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contextHashOfLine, finalizeFindings, ParseError } from '@gatehouse/findings';
import type { ParseContext } from '../adapter';
import { semgrepWarningEffect } from './error-classes';
import { parseSemgrep } from './parse';
import { semgrepSeverity } from './severity';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const context = (extra: Partial<ParseContext> = {}): ParseContext => ({ file: 'semgrep.json', workspace: '/ws', salt: 'semgrep-test-salt-0123456789', ...extra });

describe('semgrep severities', () => {
  it.each([
    ['CRITICAL', 'critical'],
    ['ERROR', 'high'],
    ['HIGH', 'high'],
    ['WARNING', 'medium'],
    ['MEDIUM', 'medium'],
    ['INFO', 'low'],
    ['LOW', 'low'],
    ['EXPERIMENT', 'info'],
    ['weird', 'unknown'],
  ])('reads %s as %s', (label, severity) => {
    expect(semgrepSeverity(label).severity).toBe(severity);
  });

  it('never invents a severity for a result without one', () => {
    expect(semgrepSeverity(undefined)).toEqual({ severity: 'unknown', severityBasis: { kind: 'none' } });
  });
});

describe('a semgrep 1.x report with both vocabularies, nosemgrep, a secret and a partial scan', () => {
  const seen: string[] = [];
  const r = parseSemgrep(fixture('v1-vocabularies-nosemgrep-secret-partial.json'), context({ onSecretValue: (v) => seen.push(v) }));
  const { findings, rejected } = finalizeFindings(r.findings);
  const [shell, md5, debug, secret, xss] = findings;

  it('reads every result as a finding with its rule, place and severity', () => {
    expect(rejected).toEqual([]);
    expect(r.nativeCount).toBe(5);
    expect(findings.map((f) => [f.ruleId.split('.').at(-1), f.severity, f.location.kind === 'code' ? `${f.location.path}:${f.location.startLine}` : '-'])).toEqual([
      ['subprocess-shell-true', 'high', 'app/run.py:8'],
      ['weak-hash', 'critical', 'app/crypto.py:3'],
      ['debug-print', 'low', 'app/run.py:12'],
      ['detected-generic-secret', 'medium', 'config/settings.py:4'],
      ['high-label', 'high', 'app/views.py:20'],
    ]);
    expect(shell).toMatchObject({ category: 'sast', title: 'subprocess-shell-true', confidence: 'medium', location: { startColumn: 12, endColumn: 44 } });
    expect(shell!.sources[0]).toMatchObject({ engine: 'semgrep', nativeSeverity: 'ERROR' });
    expect(shell!.references![0]).toBe('https://semgrep.dev/r/python.lang.security.audit.subprocess-shell-true.subprocess-shell-true');
  });

  it('reads CWE and OWASP metadata written as lists or as strings', () => {
    expect(shell!.identifiers).toEqual([
      { type: 'CWE', value: 'CWE-78' },
      { type: 'OWASP', value: 'A01:2017' },
      { type: 'OWASP', value: 'A03:2021' },
    ]);
    expect(md5!.identifiers).toEqual([
      { type: 'CWE', value: 'CWE-328' },
      { type: 'OWASP', value: 'A02:2021' },
    ]);
    expect(xss!.identifiers).toEqual([
      { type: 'CWE', value: 'CWE-79' },
      { type: 'OWASP', value: 'A7' },
    ]);
  });

  it('keeps a nosemgrep result as an inline suppression', () => {
    expect(debug).toMatchObject({ status: 'suppressed', suppression: { kind: 'inline', ref: 'nosemgrep' } });
    expect(r.notes).toContain('1 semgrep results are marked nosemgrep (kept as suppressed)');
  });

  it('never uses the "requires login" placeholders (lines or fingerprint) as identity', () => {
    const doc = JSON.parse(fixture('v1-vocabularies-nosemgrep-secret-partial.json'));
    const twin = structuredClone(doc.results[1]);
    twin.start.line = 9;
    twin.end.line = 9;
    doc.results = [doc.results[1], twin];
    const [first, second] = finalizeFindings(parseSemgrep(JSON.stringify(doc), context()).findings).findings;
    const hashOf = (f: typeof first) => (f!.location.kind === 'code' ? f!.location.contextHash : undefined);
    expect(hashOf(first)).not.toBe(contextHashOfLine('requires login'));
    expect(hashOf(first)).not.toBe(hashOf(second));
    // Both placeholders, so the line number stands in (and the placeholder fingerprint is not kept).
    expect(md5!.sources[0]!.fingerprint).toBeUndefined();
  });

  it('hashes and masks what a secret rule matched, and keeps no plaintext', () => {
    expect(seen).toEqual(['s3cr3t-Value-For-Tests-0042']);
    expect(secret).toMatchObject({ category: 'secret', secret: { preview: 's3cr…' } });
    expect(secret!.message).toMatch(/found by semgrep \(value s3cr…\); the rule's own message is not shown/);
    expect(secret!.secret!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(findings)).not.toContain('s3cr3t-Value-For-Tests-0042');
  });

  it("never shows a secret rule's message, which may quote any part of the value through a metavariable", () => {
    const report = JSON.stringify({
      version: '1.156.0',
      results: [
        {
          check_id: 'generic.secrets.security.detected-generic-secret.detected-generic-secret',
          path: 'settings.py',
          start: { line: 3, col: 1, offset: 0 },
          end: { line: 3, col: 12, offset: 11 },
          extra: { message: 'Generic Secret detected: Zq9-inner-part-77', severity: 'ERROR', metadata: {}, lines: 'password = "Zq9-inner-part-77"' },
        },
      ],
      errors: [],
      paths: { scanned: ['settings.py'] },
    });
    const parsed = parseSemgrep(report, context());
    expect(JSON.stringify(parsed.findings)).not.toContain('inner-part');
    expect(parsed.findings[0]!.category).toBe('secret');
  });

  it('is incomplete for files semgrep could not fully scan, and for a rule that failed, naming them', () => {
    expect(r.incomplete).toEqual([
      'semgrep could not fully scan app/generated.py: Timeout when running python.lang.security.audit.subprocess-shell-true.subprocess-shell-true on app/generated.py:',
      expect.stringMatching(/^semgrep failed: Rule parse error: Invalid rule schema$/),
    ]);
  });

  it('notes partial parsing, which still scanned the file, without making the scan incomplete', () => {
    expect(r.notes).toContainEqual(expect.stringMatching(/^semgrep warn on app\/legacy\.py: PartialParsing/));
    expect(r.notes).toContain('semgrep scanned 6 files');
    expect(r.engineVersion).toBe('1.156.0');
  });
});

describe('semgrep error classes', () => {
  it.each([
    ['Syntax error', 'loses-coverage'],
    ['Timeout', 'loses-coverage'],
    ['Internal matching error', 'loses-coverage'],
    ['Too many matches', 'loses-coverage'],
    ['PartialParsing', 'note'],
    ['Incompatible rule', 'note'],
    ['Missing plugin', 'note'],
    ['Something new in semgrep 2', 'unknown'],
  ])('a warning of type %s %s', (type, effect) => {
    expect(semgrepWarningEffect(type)).toBe(effect);
  });

  it('fails closed on a warn-level error of a type it does not know', () => {
    const doc = JSON.parse(fixture('v1-no-results.json'));
    doc.errors = [{ code: 3, level: 'warn', type: 'Brand new error', message: 'x', path: 'a.py' }];
    expect(parseSemgrep(JSON.stringify(doc), context()).incomplete).toEqual(['semgrep could not fully scan a.py: Brand new error: x']);
  });

  it('caps the list of reasons and says how many more there were', () => {
    const doc = JSON.parse(fixture('v1-no-results.json'));
    doc.errors = Array.from({ length: 30 }, (_, i) => ({ code: 3, level: 'warn', type: 'Timeout', message: 't', path: `f${i}.py` }));
    const incomplete = parseSemgrep(JSON.stringify(doc), context()).incomplete;
    expect(incomplete).toHaveLength(21);
    expect(incomplete.at(-1)).toBe('semgrep: and 10 more errors');
  });
});

describe('semgrep report signature and edge cases', () => {
  it('reads a report without results as zero findings', () => {
    expect(parseSemgrep(fixture('v1-no-results.json'), context())).toMatchObject({ findings: [], skipped: [], incomplete: [], nativeCount: 0 });
  });

  it.each([
    ['{}', /no "results" array/],
    ['{"results": [], "errors": [], "metrics": {}}', /bandit/],
    ['{"version": "2.1.0", "runs": []}', /SARIF log.*--from sarif/],
    ['{"results": [{"test_id": "B101"}], "errors": []}', /no check_id/],
    ['{"results": []}', /no results, and no "errors"/],
  ])('refuses %s with a ParseError naming the file', (text, message) => {
    const error = (() => {
      try {
        parseSemgrep(text, context({ file: 'out/semgrep.json' }));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ParseError);
    expect((error as Error).message).toMatch(/^out\/semgrep\.json/);
    expect((error as Error).message).toMatch(message);
  });

  it('skips and counts a result it cannot read, keeping the rest', () => {
    const doc = JSON.parse(fixture('v1-vocabularies-nosemgrep-secret-partial.json'));
    doc.results[2].start = { line: 'twelve' };
    const r = parseSemgrep(JSON.stringify(doc), context());
    expect(r.findings).toHaveLength(4);
    expect(r.skipped).toEqual([{ at: 'results[2]', reason: expect.stringContaining('start.line') }]);
  });

  it('keeps a result whose path is outside the workspace at repository level, saying why', () => {
    const doc = JSON.parse(fixture('v1-no-results.json'));
    doc.results = [{ check_id: 'r', path: '/etc/passwd', start: { line: 1, col: 1 }, end: { line: 1, col: 2 }, extra: { message: 'm', severity: 'INFO', metadata: {}, lines: 'x' } }];
    const [finding] = parseSemgrep(JSON.stringify(doc), context()).findings;
    expect(finding!.location).toEqual({ kind: 'repository' });
    expect(finding!.message).toContain('absolute path outside the workspace');
  });

  it('does not show a secret whose value it cannot cut out of the lines', () => {
    const doc = JSON.parse(fixture('v1-vocabularies-nosemgrep-secret-partial.json'));
    doc.results[3].extra.lines = 'requires login';
    const seen: string[] = [];
    const secret = parseSemgrep(JSON.stringify(doc), context({ onSecretValue: (v) => seen.push(v) })).findings[3]!;
    expect(seen).toEqual([]);
    expect(secret.secret).toEqual({ preview: '****' });
    expect(secret.message).not.toContain('s3cr3t');
  });
});
