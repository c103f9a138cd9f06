import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleSecret } from '../secret-rules';
import type { RunnerFileResult } from './report-format';
import { runSecretlintRunner } from './runner-main';

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'gh-secretlint-ws-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

async function run(cwd: string, argv: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await runSecretlintRunner(argv, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: async () => stdin });
  return { code, stderr, results: stdout ? (JSON.parse(stdout) as RunnerFileResult[]) : [] };
}

const flagged = (results: RunnerFileResult[]) => results.filter((r) => r.messages.length > 0).map((r) => r.filePath);

describe('the secretlint runner', () => {
  it('scans a directory, prints secretlint JSON without file contents, and exits 1 when it finds something', async () => {
    const secret = exampleSecret('gatehouse-stripe-secret-key');
    const ws = workspace({ 'app/config.env': secret.text, 'app/readme.md': '# nothing here\n' });
    const { code, results } = await run(ws, ['--format', 'json', '.']);
    expect(code).toBe(1);
    expect(results.map((r) => r.filePath)).toEqual(['app/config.env', 'app/readme.md']);
    expect(results[0]!.messages[0]).toMatchObject({ ruleId: '@secretlint/secretlint-rule-pattern', data: { PATTERN_NAME: 'gatehouse-stripe-secret-key' }, loc: { start: { line: 1 } } });
    expect(results[0]).not.toHaveProperty('sourceContent');
  });

  it('exits 0 when nothing is found', async () => {
    const { code, results } = await run(workspace({ 'a.txt': 'hello\n' }), ['.']);
    expect(code).toBe(0);
    expect(results).toEqual([{ filePath: 'a.txt', sourceContentType: 'text', messages: [] }]);
  });

  it('never scans node_modules, .git, .gatehouse or lockfiles', async () => {
    const text = exampleSecret('gatehouse-google-oauth-client-secret').text;
    const ws = workspace({
      'node_modules/x/index.js': text,
      '.git/config': text,
      '.gatehouse/findings.json': text,
      'web/package-lock.json': text,
      'Cargo.lock': text,
      'src/app.js': text,
    });
    expect(flagged((await run(ws, ['.'])).results)).toEqual(['src/app.js']);
  });

  it('honours .secretlintignore', async () => {
    const text = exampleSecret('gatehouse-aws-access-key-id').text;
    const ws = workspace({ '.secretlintignore': 'docs/\n*.generated.ts\n', 'docs/setup.md': text, 'src/a.generated.ts': text, 'src/b.ts': text });
    expect(flagged((await run(ws, ['.'])).results)).toEqual(['src/b.ts']);
  });

  it('reads many targets from a file list', async () => {
    const text = exampleSecret('gatehouse-jwt').text;
    const ws = workspace({ 'a.js': text, 'b.js': text, 'c.js': text, 'list.txt': 'a.js\nc.js\n' });
    expect(flagged((await run(ws, ['--files-from', 'list.txt'])).results)).toEqual(['a.js', 'c.js']);
  });

  it('writes the report to --output, readable only by its owner', async () => {
    const ws = workspace({ 'a.env': exampleSecret('gatehouse-jwt').text });
    const out = join(mkdtempSync(join(tmpdir(), 'gh-secretlint-out-')), 'report.json');
    const { code } = await run(ws, ['--format', 'json', '--output', out, '.']);
    expect(code).toBe(1);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveLength(1);
    expect((await import('node:fs')).statSync(out).mode & 0o777).toBe(0o600);
  });

  it('lints stdin under a given name (for added lines of a diff)', async () => {
    const secret = exampleSecret('gatehouse-stripe-restricted-key');
    const { results } = await run(workspace({}), ['--stdin-file-name', 'diff.txt'], `+${secret.text}`);
    expect(results[0]).toMatchObject({ filePath: 'diff.txt', messages: [{ data: { CREDENTIAL: secret.value } }] });
  });

  it('reports files it did not scan instead of passing over them', async () => {
    const ws = workspace({ 'big.txt': 'x'.repeat(2_000), 'small.txt': 'ok\n' });
    const { code, results } = await run(ws, ['--max-file-bytes', '1000', '.', '../elsewhere']);
    expect(code).toBe(1);
    expect(results.filter((r) => r.messages.some((m) => m.messageId === 'FileNotScanned')).map((r) => [r.filePath, r.messages[0]!.message])).toEqual([
      ['../elsewhere', 'outside the directory being scanned; not read'],
      ['big.txt', 'file is 2000 bytes, more than the 1000-byte limit; not scanned'],
    ]);
  });

  it('fails with exit code 2 and a message on bad arguments', async () => {
    const { code, stderr } = await run(workspace({}), ['--format', 'sarif', '.']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/only --format json is supported/);
    expect((await run(workspace({}), [])).code).toBe(2);
  });
});
