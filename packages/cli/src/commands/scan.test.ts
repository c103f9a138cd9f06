import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exampleSecret } from '@gatehouse/scanners';
import { runCli } from '../test-support/run-cli';

const tmp = () => mkdtempSync(join(tmpdir(), 'gatehouse-scan-'));

/** A PATH holding only node and the given stub executables: engines not stubbed are "not installed". */
function pathWithStubs(stubs: Record<string, string>): string {
  const bin = tmp();
  for (const [name, script] of Object.entries(stubs)) {
    const file = join(bin, name);
    writeFileSync(file, `#!${process.execPath}\n${script}\n`);
    chmodSync(file, 0o755);
  }
  symlinkSync(process.execPath, join(bin, 'node'));
  return bin;
}

describe('gatehouse scan', () => {
  let savedPath: string | undefined;
  beforeEach(() => {
    savedPath = process.env.PATH;
  });
  afterEach(() => {
    process.env.PATH = savedPath;
  });

  it('passes a clean directory (exit 0) and lists the engine that is not installed as not-run', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'README.md'), '# nothing to see\n');
    process.env.PATH = pathWithStubs({});
    const run = await runCli(['scan', dir]);
    expect(run.code).toBe(0);
    const doc = JSON.parse(readFileSync(join(dir, '.gatehouse', 'findings.json'), 'utf8'));
    expect(doc.engines.find((e: { id: string }) => e.id === 'secretlint').status).toBe('ran');
    expect(doc.engines.find((e: { id: string }) => e.id === 'bandit')).toMatchObject({ status: 'not-run' });
    expect(doc.decision.verdict).toBe('pass');
  });

  it('blocks (exit 1) on a leaked key, without writing the key anywhere', async () => {
    const dir = tmp();
    const secret = exampleSecret('gatehouse-aws-access-key-id', 'live');
    writeFileSync(join(dir, 'config.env'), `${secret.text}\n`);
    process.env.PATH = pathWithStubs({});
    const run = await runCli(['scan', dir]);
    expect(run.code).toBe(1);
    for (const name of ['findings.json', 'results.sarif', 'summary.md']) {
      expect(readFileSync(join(dir, '.gatehouse', name), 'utf8')).not.toContain(secret.value);
    }
    expect(run.stderr + run.stdout).not.toContain(secret.value);
  });

  it('is incomplete (exit 2) when an installed engine crashes, naming it, and keeps the other findings', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'app'));
    writeFileSync(join(dir, 'app', 'x.py'), 'eval(input())\n');
    const secret = exampleSecret('gatehouse-stripe-secret-key', 'test');
    writeFileSync(join(dir, 'app', 'settings.env'), `${secret.text}\n`);
    process.env.PATH = pathWithStubs({
      bandit: 'if (process.argv.includes("--version")) { console.log("bandit 1.7.10"); process.exit(0) } process.kill(process.pid, "SIGSEGV")',
    });
    const run = await runCli(['scan', dir]);
    expect(run.code).toBe(2);
    const doc = JSON.parse(readFileSync(join(dir, '.gatehouse', 'findings.json'), 'utf8'));
    const bandit = doc.engines.find((e: { id: string }) => e.id === 'bandit');
    expect(bandit.status).toBe('incomplete');
    expect(bandit.reason).toMatch(/bandit.*(signal|SIGSEGV)/);
    expect(doc.decision.verdict).toBe('incomplete');
    expect(doc.findings.some((f: { category: string }) => f.category === 'secret')).toBe(true);
    const summary = readFileSync(join(dir, '.gatehouse', 'summary.md'), 'utf8');
    expect(summary).toMatch(/incomplete/i);
    expect(summary).toMatch(/block/i);
  });

  it('exits 2 for a path that is not a directory', async () => {
    const run = await runCli(['scan', join(tmp(), 'missing')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is not a directory/);
  });

  it('exits 2 for an unknown flag or command', async () => {
    expect((await runCli(['scan', '--frobnicate'])).code).toBe(2);
    expect((await runCli(['frobnicate'])).code).toBe(2);
  });
});

describe('gatehouse scan --staged (the pre-commit hook)', () => {
  const git = (cwd: string, ...args: string[]) => {
    const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  };

  it('blocks a secret that is staged and ignores one that is not', async () => {
    const dir = tmp();
    git(dir, 'init', '-q');
    git(dir, 'config', 'user.email', 'dev@example.invalid');
    git(dir, 'config', 'user.name', 'dev');
    writeFileSync(join(dir, 'README.md'), 'hello\n');
    git(dir, 'add', 'README.md');
    git(dir, 'commit', '-qm', 'init');
    const unstaged = exampleSecret('gatehouse-aws-access-key-id', 'live');
    writeFileSync(join(dir, 'notes.txt'), `${unstaged.text}\n`);
    const clean = await runCli(['scan', '--staged', dir]);
    expect(clean.code).toBe(0);
    const staged = exampleSecret('gatehouse-stripe-secret-key', 'live');
    writeFileSync(join(dir, 'config.env'), `${staged.text}\n`);
    git(dir, 'add', 'config.env');
    const blocked = await runCli(['scan', '--staged', dir]);
    expect(blocked.code).toBe(1);
    const doc = JSON.parse(readFileSync(join(dir, '.gatehouse', 'findings.json'), 'utf8'));
    expect(doc.findings.map((f: { location: { path: string } }) => f.location.path)).toEqual(['config.env']);
  });
});
