import { describe, expect, it } from 'vitest';
import { hashSecret } from './secret-hash';
import { imageRepository } from './identity';
import { codeDraft, finalized, packageDraft } from './test-support';

function readerOf(source: string) {
  const lines = source.split('\n');
  return (_path: string, line: number) => lines[line - 1];
}

const program = ['import subprocess', '', 'def run(cmd):', '    subprocess.call(cmd, shell=True)', ''].join('\n');

describe('finding identity', () => {
  it('keeps a code finding id when 10 lines are inserted above it', () => {
    const before = finalized([codeDraft({ location: { kind: 'code', path: 'app/main.py', startLine: 4 } })], readerOf(program));
    const moved = '# comment\n'.repeat(10) + program;
    const after = finalized([codeDraft({ location: { kind: 'code', path: 'app/main.py', startLine: 14 } })], readerOf(moved));
    expect(after[0]!.id).toBe(before[0]!.id);
  });

  it('keeps the id when the line is only re-indented', () => {
    const a = finalized([codeDraft({ location: { kind: 'code', path: 'a.py', startLine: 1 } })], () => 'eval(x)');
    const b = finalized([codeDraft({ location: { kind: 'code', path: 'a.py', startLine: 1 } })], () => '\t  eval(x)  \r');
    expect(a[0]!.id).toBe(b[0]!.id);
  });

  it('does not depend on severity, title or message', () => {
    const a = finalized([codeDraft()])[0]!;
    const b = finalized([codeDraft({ severity: 'low', title: 'other', message: 'other' })])[0]!;
    expect(a.id).toBe(b.id);
  });

  it('tells apart the same rule on two identical lines by occurrence, in line order', () => {
    const line = () => 'eval(user_input)';
    const [first, second] = finalized(
      [
        codeDraft({ location: { kind: 'code', path: 'a.py', startLine: 20 } }),
        codeDraft({ location: { kind: 'code', path: 'a.py', startLine: 5 } }),
      ],
      line,
    );
    expect(first!.id).not.toBe(second!.id);
    const alone = finalized([codeDraft({ location: { kind: 'code', path: 'a.py', startLine: 5 } })], line)[0]!;
    expect(alone.id).toBe(second!.id);
  });

  it('falls back to the snippet, then the fingerprint, then the line number when the source is absent', () => {
    const withSnippet = (line: number) =>
      finalized([codeDraft({ location: { kind: 'code', path: 'a.py', startLine: line }, identityHints: { snippet: 'eval(x)' } })])[0]!;
    expect(withSnippet(3).id).toBe(withSnippet(30).id);
    const placeholder = (fp: string) =>
      finalized([
        codeDraft({
          location: { kind: 'code', path: 'a.py', startLine: 3 },
          identityHints: { snippet: 'requires login', fingerprint: fp },
        }),
      ])[0]!;
    expect(placeholder('abc').id).not.toBe(placeholder('def').id);
    const byLine = (line: number) => finalized([codeDraft({ location: { kind: 'code', path: 'a.py', startLine: line } })])[0]!;
    expect(byLine(3).id).not.toBe(byLine(4).id);
  });

  it('identifies a package vulnerability without its version', () => {
    const a = finalized([packageDraft()])[0]!;
    const b = finalized([
      packageDraft({
        location: { kind: 'package', purl: 'pkg:npm/lodash@4.17.16', ecosystem: 'npm', name: 'lodash', version: '4.17.16', manifest: 'package-lock.json' },
      }),
    ])[0]!;
    expect(a.id).toBe(b.id);
    const otherManifest = finalized([
      packageDraft({
        location: { kind: 'package', purl: 'pkg:npm/lodash@4.17.15', ecosystem: 'npm', name: 'lodash', version: '4.17.15', manifest: 'web/package-lock.json' },
      }),
    ])[0]!;
    expect(otherManifest.id).not.toBe(a.id);
  });

  it('identifies a package vulnerability by its canonical id, CVE before GHSA', () => {
    const viaCve = finalized([packageDraft({ ruleId: 'GHSA-p6mc-m468-83gw', aliases: ['GHSA-p6mc-m468-83gw', 'CVE-2020-8203'] })])[0]!;
    const viaGhsaFirst = finalized([packageDraft({ ruleId: 'CVE-2020-8203', aliases: ['CVE-2020-8203'] })])[0]!;
    expect(viaCve.id).toBe(viaGhsaFirst.id);
  });

  it('identifies a secret by path and keyed hash, not by the rule that found it', () => {
    const salt = 'a-repository-salt-of-sufficient-length';
    const secret = { hash: hashSecret('AKIAIOSFODNN7EXAMPLE', salt), preview: 'AKIA…' };
    const gitleaks = codeDraft({ category: 'secret', ruleId: 'aws-access-token', sources: [{ engine: 'gitleaks', nativeId: 'aws-access-token' }], secret, location: { kind: 'code', path: '.env', startLine: 3 } });
    const secretlint = codeDraft({ category: 'secret', ruleId: '@secretlint/secretlint-rule-aws', sources: [{ engine: 'secretlint', nativeId: '@secretlint/secretlint-rule-aws' }], secret, location: { kind: 'code', path: '.env', startLine: 9 } });
    const [a, b] = finalized([gitleaks, secretlint]);
    expect(a!.id).toBe(b!.id);
  });

  it('reduces an image reference to its repository', () => {
    expect(imageRepository('ghcr.io/acme/api:1.2.3')).toBe('ghcr.io/acme/api');
    expect(imageRepository('localhost:5000/api@sha256:abc')).toBe('localhost:5000/api');
    expect(imageRepository('alpine:3.19')).toBe('alpine');
  });

  it('marks findings with a suppression as suppressed', () => {
    const [f] = finalized([codeDraft({ suppression: { kind: 'inline', reason: '# nosec' } })]);
    expect(f!.status).toBe('suppressed');
  });

  it('rejects an invalid draft with a reason instead of dropping it silently', async () => {
    const { finalizeFindings } = await import('./finalize');
    const result = finalizeFindings([codeDraft({ location: { kind: 'code', path: '../escape.py', startLine: 1 } })]);
    expect(result.findings).toHaveLength(0);
    expect(result.rejected[0]!.reason).toMatch(/location\.path/);
  });
});
