import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finalizeFindings, hashSecret } from '@gatehouse/findings';
import { exampleSecret } from '../secret-rules';
import { textOfAddedLines } from './added-lines-input';
import { parseSecretlint } from './parse';
import type { RunnerFileResult } from './report-format';
import { runSecretlintRunner } from './runner-main';

const COMMIT = 'abcdef0123456789abcdef0123456789abcdef01';

async function run(cwd: string, records: object[], extra: string[] = []) {
  const file = join(cwd, 'added.jsonl');
  writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  let stdout = '';
  let stderr = '';
  const code = await runSecretlintRunner(['--format', 'json', ...extra, '--added-lines', file], { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: async () => '' });
  return { code, stderr, results: stdout ? (JSON.parse(stdout) as RunnerFileResult[]) : [] };
}

describe('the runner over added lines (--added-lines)', () => {
  it('puts each added line at its own line number, so findings point at the real line of the commit', () => {
    expect(textOfAddedLines([[3, 'c'], [1, 'a']]).split('\n')).toEqual(['a', '', 'c']);
  });

  it('reports the file, line, commit and author of a secret a commit added', async () => {
    const secret = exampleSecret('gatehouse-google-oauth-client-secret');
    const cwd = mkdtempSync(join(tmpdir(), 'gh-added-run-'));
    const { code, results } = await run(cwd, [
      { type: 'commit', sha: COMMIT, author: 'Dana Developer', email: 'dana@example.test', date: '2024-05-02T10:11:12Z' },
      { type: 'file', commit: COMMIT, path: 'web/oauth.json', lines: [[17, secret.text.trim()]] },
      { type: 'file', commit: COMMIT, path: 'web/clean.txt', lines: [[1, 'nothing here']] },
    ]);
    expect(code).toBe(1);
    expect(results.map((r) => r.filePath)).toEqual(['web/oauth.json']);
    expect(results[0]!.gatehouse).toEqual({ commit: COMMIT, author: 'Dana Developer', email: 'dana@example.test', committedAt: '2024-05-02T10:11:12Z' });

    const parsed = parseSecretlint(JSON.stringify(results), { file: 'secretlint.json', workspace: cwd, salt: 'added-lines-salt-0123456789' });
    const finding = finalizeFindings(parsed.findings).findings.find((f) => f.ruleId === 'gatehouse-google-oauth-client-secret')!;
    expect(finding).toMatchObject({
      location: { kind: 'code', path: 'web/oauth.json', startLine: 17, commit: COMMIT },
      secret: { hash: hashSecret(secret.value, 'added-lines-salt-0123456789'), author: 'Dana Developer <dana@example.test>', committedAt: '2024-05-02T10:11:12Z' },
    });
  });

  it('finds a PEM key whose lines were added together', async () => {
    const key = exampleSecret('gatehouse-private-key');
    const cwd = mkdtempSync(join(tmpdir(), 'gh-added-run-'));
    const lines = key.value.split('\n').map((text, i) => [40 + i, text]);
    const { results } = await run(cwd, [{ type: 'file', path: 'deploy/id_rsa', lines }]);
    const names = results[0]!.messages.map((m) => m.data?.PATTERN_NAME ?? m.ruleId);
    expect(names).toContain('gatehouse-private-key');
    expect(results[0]!.messages[0]!.loc.start.line).toBe(40);
    expect(results[0]!.gatehouse).toBeUndefined();
  });

  it("applies the ignore rules to the real paths (lockfiles, .secretlintignore, anchored patterns)", async () => {
    const text = exampleSecret('gatehouse-aws-access-key-id').text.trim();
    const cwd = mkdtempSync(join(tmpdir(), 'gh-added-run-'));
    writeFileSync(join(cwd, 'ignore'), '/docs/\n');
    const { results } = await run(cwd, [
      { type: 'file', commit: COMMIT, path: 'docs/setup.md', lines: [[1, text]] },
      { type: 'file', commit: COMMIT, path: 'web/package-lock.json', lines: [[1, text]] },
      { type: 'file', commit: COMMIT, path: 'src/docs/setup.md', lines: [[1, text]] },
    ], ['--ignore-file', join(cwd, 'ignore')]);
    expect(results.map((r) => r.filePath)).toEqual(['src/docs/setup.md']);
  });

  it('keeps a secret on a line with a gitleaks:allow comment, marked suppressed', async () => {
    const secret = exampleSecret('gatehouse-stripe-secret-key');
    const cwd = mkdtempSync(join(tmpdir(), 'gh-added-run-'));
    const { results } = await run(cwd, [{ type: 'file', path: 'a.env', lines: [[1, `${secret.text.trim()} # gitleaks:allow`]] }]);
    expect(results[0]!.messages.every((m) => m.gatehouse?.suppressedBy === 'gitleaks:allow comment')).toBe(true);
    const finding = parseSecretlint(JSON.stringify(results), { file: 's.json', workspace: cwd, salt: 'added-lines-salt-0123456789' }).findings[0]!;
    expect(finding.suppression).toEqual({ kind: 'inline', reason: 'gitleaks:allow comment on the line', ref: 'gitleaks:allow' });
  });

  it('fails (exit 2) on a malformed added-lines file without quoting it', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gh-added-run-'));
    const file = join(cwd, 'added.jsonl');
    writeFileSync(file, '{"type":"file","path":"a","lines":[[1,"secret-looking-text-1234567890"]]\n');
    let stderr = '';
    const code = await runSecretlintRunner(['--added-lines', file], { cwd, stdout: () => {}, stderr: (t) => (stderr += t), readStdin: async () => '' });
    expect(code).toBe(2);
    expect(stderr).toBe('gatehouse secretlint runner: --added-lines: line 1 is not JSON\n');
  });

  it('takes no other targets with --added-lines', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gh-added-run-'));
    writeFileSync(join(cwd, 'a.jsonl'), '');
    let stderr = '';
    expect(await runSecretlintRunner(['--added-lines', 'a.jsonl', 'src'], { cwd, stdout: () => {}, stderr: (t) => (stderr += t), readStdin: async () => '' })).toBe(2);
    expect(stderr).toMatch(/takes no other targets/);
  });
});
