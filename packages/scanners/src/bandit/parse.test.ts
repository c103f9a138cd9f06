import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { finalizeFindings, ParseError } from '@gatehouse/findings';
import type { ParseContext } from '../adapter';
import { parseBandit } from './parse';
import { banditSeverity } from './severity';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const context = (file: string, extra: Partial<ParseContext> = {}): ParseContext => ({ file, workspace: '/ws', salt: 'bandit-test-salt-0123456789', ...extra });

describe('bandit severity x confidence', () => {
  it.each([
    ['HIGH', 'HIGH', 'high'],
    ['HIGH', 'MEDIUM', 'high'],
    ['HIGH', 'LOW', 'medium'],
    ['MEDIUM', 'HIGH', 'medium'],
    ['MEDIUM', 'LOW', 'low'],
    ['LOW', 'HIGH', 'low'],
    ['LOW', 'LOW', 'low'],
    ['UNDEFINED', 'HIGH', 'unknown'],
  ])('rates %s severity with %s confidence as %s', (severity, confidence, expected) => {
    expect(banditSeverity(severity, confidence).severity).toBe(expected);
  });

  it('records both of bandit\'s ratings in the basis', () => {
    expect(banditSeverity('MEDIUM', 'LOW').severityBasis).toEqual({ kind: 'tool', label: 'MEDIUM severity, LOW confidence', source: 'bandit' });
  });
});

describe('bandit reports, old shape (1.6, no CWE or columns)', () => {
  const r = parseBandit(fixture('v1.6-ignore-nosec-with-syntax-error.json'), context('bandit.json'));

  it('reads every issue with its rule, file and line', () => {
    expect(r.findings.map((f) => [f.ruleId, f.location.kind === 'code' ? `${f.location.path}:${f.location.startLine}` : '-'])).toEqual([
      ['B404', 'app/service.py:2'],
      ['B311', 'app/service.py:8'],
      ['B602', 'app/service.py:12'],
      ['B103', 'app/service.py:17'],
    ]);
    expect(r.nativeCount).toBe(4);
    expect(r.skipped).toEqual([]);
    expect(r.findings[2]).toMatchObject({ category: 'sast', severity: 'high', confidence: 'high', sources: [{ engine: 'bandit', nativeId: 'B602', nativeSeverity: 'HIGH/HIGH' }] });
  });

  it('keeps an issue on a # nosec line as suppressed', () => {
    const [, , shell] = finalizeFindings(r.findings).findings;
    expect(shell).toMatchObject({ ruleId: 'B602', status: 'suppressed', suppression: { kind: 'inline', ref: 'line 12: # nosec' } });
    expect(r.notes).toContain('1 bandit issues are marked # nosec (kept as suppressed)');
  });

  it('makes the scan incomplete for files bandit could not parse, naming them', () => {
    expect(r.incomplete).toEqual(['bandit could not scan ./app/broken.py: syntax error while parsing AST from file']);
  });

  it('uses the issue line, not the first context line, as the identity stand-in', () => {
    expect(r.findings[1]!.identityHints).toEqual({ snippet: '    return random.random()' });
  });
});

describe('bandit reports, new shape (1.7.5+: issue_cwe, col_offset)', () => {
  const seen: string[] = [];
  const r = parseBandit(fixture('v1.7-cwe-columns-scoped-nosec.json'), context('bandit.json', { onSecretValue: (v) => seen.push(v) }));
  const [shell, sql, random, password] = r.findings;

  it('reads CWE ids and 1-based columns', () => {
    expect(shell).toMatchObject({ identifiers: [{ type: 'CWE', value: 'CWE-78' }], location: { path: 'app/run.py', startLine: 8, startColumn: 12, endColumn: 44 } });
  });

  it('spans multi-line issues and honours a nosec that names the test', () => {
    expect(sql!.location).toMatchObject({ startLine: 11, endLine: 12 });
    expect(sql).toMatchObject({ severity: 'low', confidence: 'low', suppression: { kind: 'inline' } });
  });

  it('does not suppress an issue whose nosec names another test', () => {
    expect(random!.suppression).toBeUndefined();
  });

  it('masks the candidate password bandit quotes, and keeps the title context-free', () => {
    expect(seen).toEqual(['correct-horse-battery']);
    expect(password!.title).toBe('Possible hardcoded password');
    expect(password!.message).toBe("Possible hardcoded password: 'corr…'");
    expect(JSON.stringify(r.findings.map(({ identityHints: _h, ...f }) => f))).not.toContain('correct-horse-battery');
  });

  it('cross-checks the count against metrics._totals without a note when they agree', () => {
    expect(r.notes!.some((n) => n.includes('_totals'))).toBe(false);
  });
});

describe('bandit report signature and edge cases', () => {
  it('reads a report without issues as zero findings', () => {
    expect(parseBandit(fixture('v1.6-no-issues.json'), context('clean.json'))).toMatchObject({ findings: [], skipped: [], incomplete: [], nativeCount: 0 });
  });

  it.each([
    ['{}', /no "results" array/],
    ['[]', /found an array/],
    ['null', /found null/],
    ['{"results": [], "errors": [], "paths": {"scanned": []}}', /no "metrics" object/],
    ['{"results": [{"check_id": "x"}], "metrics": {}}', /entries have no test_id/],
  ])('refuses %s with a ParseError naming the file', (text, message) => {
    const error = (() => {
      try {
        parseBandit(text, context('out/bandit.json'));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ParseError);
    expect((error as Error).message).toMatch(/^out\/bandit\.json/);
    expect((error as Error).message).toMatch(message);
  });

  it('skips and counts an issue it cannot read, keeping the rest', () => {
    const doc = JSON.parse(fixture('v1.7-cwe-columns-scoped-nosec.json'));
    doc.results[1].line_number = 'eleven';
    const r = parseBandit(JSON.stringify(doc), context('b.json'));
    expect(r.findings).toHaveLength(3);
    expect(r.skipped).toEqual([{ at: 'results[1]', reason: expect.stringContaining('line_number') }]);
    expect(r.findings.length + r.skipped.length).toBe(r.nativeCount);
  });

  it('notes when metrics._totals disagree with the listed issues', () => {
    const doc = JSON.parse(fixture('v1.7-cwe-columns-scoped-nosec.json'));
    doc.results.pop();
    expect(parseBandit(JSON.stringify(doc), context('b.json')).notes).toContain(
      'bandit metrics._totals count 4 issues but the report lists 3 (filtered with -l/-i/-b, or edited)',
    );
  });

  it('keeps a finding whose file is outside the workspace at repository level', () => {
    const doc = JSON.parse(fixture('v1.6-ignore-nosec-with-syntax-error.json'));
    doc.results[0].filename = '/etc/app/x.py';
    const r = parseBandit(JSON.stringify(doc), context('b.json'));
    expect(r.findings[0]!.location).toEqual({ kind: 'repository' });
    expect(r.findings[0]!.message).toContain('absolute path outside the workspace');
  });
});

describe('bandit hostile entries', () => {
  it('reads an issue with a huge line_range without overflowing the stack', () => {
    const doc = JSON.parse(fixture('v1.7-cwe-columns-scoped-nosec.json'));
    doc.results[0].line_range = Array.from({ length: 500_000 }, (_, i) => i + 8);
    const r = parseBandit(JSON.stringify(doc), context('b.json'));
    expect(r.findings[0]!.location).toMatchObject({ startLine: 8, endLine: 500_007 });
  });
});
