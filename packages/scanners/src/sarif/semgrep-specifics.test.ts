import { describe, expect, it } from 'vitest';
import { finalizeFindings } from '@gatehouse/findings';
import { parseSarif } from './parse';

/**
 * semgrep's SARIF (cli/src/semgrep/formatter/sarif.py): nosemgrep results carry
 * `suppressions: [{kind: inSource}]`; its own errors become tool execution notifications whose
 * descriptor id is the error type, level `error` or `warning`. The semgrep JSON adapter and this
 * one must agree on what makes a scan incomplete (semgrep/error-classes.ts).
 */
function semgrepSarif(notifications: unknown[], results: unknown[] = []): string {
  return JSON.stringify({
    version: '2.1.0',
    runs: [
      {
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results,
        tool: { driver: { name: 'Semgrep OSS', semanticVersion: '1.156.0', rules: [{ id: 'rules.eqeq', defaultConfiguration: { level: 'note' }, properties: { tags: ['CWE-697: Incorrect Comparison', 'OWASP-A04:2021 - Insecure Design'] } }] } },
      },
    ],
  });
}

const result = (extra: Record<string, unknown> = {}) => ({
  ruleId: 'rules.eqeq',
  message: { text: 'useless comparison' },
  fingerprints: { 'matchBasedId/v1': 'abc_0' },
  locations: [{ physicalLocation: { artifactLocation: { uri: 'app/a.py', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, snippet: { text: 'x == x  # nosemgrep' } } } }],
  ...extra,
});

const parse = (text: string) => parseSarif(text, { file: 'semgrep.sarif', workspace: '/ws', salt: 'sarif-semgrep-salt-0123456789' });

describe('semgrep SARIF through the sarif adapter', () => {
  it('keeps a nosemgrep result as suppressed inline, reads INFO (note) as low and the CWE/OWASP tags', () => {
    const r = parse(semgrepSarif([], [result({ suppressions: [{ kind: 'inSource' }] })]));
    const [finding] = finalizeFindings(r.findings).findings;
    expect(finding).toMatchObject({ status: 'suppressed', suppression: { kind: 'inline' }, severity: 'low', category: 'sast' });
    expect(finding!.identifiers).toEqual([
      { type: 'CWE', value: 'CWE-697' },
      { type: 'OWASP', value: 'A04:2021' },
    ]);
  });

  it('is incomplete for a warning that means a file was not analysed, as semgrep JSON is', () => {
    const r = parse(
      semgrepSarif([
        { descriptor: { id: 'Timeout' }, level: 'warning', message: { text: 'Timeout when running rules.eqeq on app/big.py:' } },
        { descriptor: { id: 'Syntax error' }, level: 'warning', message: { text: 'Syntax error at line app/bad.py:3' } },
      ]),
    );
    expect(r.incomplete).toEqual(['Semgrep OSS: Timeout when running rules.eqeq on app/big.py: [Timeout]', 'Semgrep OSS: Syntax error at line app/bad.py:3 [Syntax error]']);
  });

  it('does not make the scan incomplete for warnings that lose nothing (partial parsing, a nosem id mismatch)', () => {
    const r = parse(
      semgrepSarif([
        { descriptor: { id: ['PartialParsing', [{ path: 'app/legacy.py' }]] }, level: 'warning', message: { text: 'Syntax error at line app/legacy.py:4' } },
        { descriptor: { id: 'SemgrepError' }, level: 'warning', message: { text: "found 'nosem' comment with id 'x', but no corresponding rule" } },
      ]),
    );
    expect(r.incomplete).toEqual([]);
  });

  it('is incomplete for an error-level notification (a missing target)', () => {
    const r = parse(semgrepSarif([{ descriptor: { id: 'SemgrepError' }, level: 'error', message: { text: 'File not found: targets/basic/inexistent.py' } }]));
    expect(r.incomplete).toEqual(['Semgrep OSS: File not found: targets/basic/inexistent.py']);
  });

  it('leaves warning notifications of other tools alone', () => {
    const text = semgrepSarif([{ descriptor: { id: 'Timeout' }, level: 'warning', message: { text: 'slow' } }]).replace('Semgrep OSS', 'SomeLinter');
    expect(parse(text).incomplete).toEqual([]);
  });
});
