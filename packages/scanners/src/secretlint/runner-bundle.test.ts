import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { finalizeFindings } from '@gatehouse/findings';
import { interpretExit, runCommand } from '@gatehouse/toolchain';
import type { RunOptions } from '../adapter';
import { exampleSecret } from '../secret-rules';
import { secretlintAdapter } from './index';

/**
 * The runner as it ships: bundled by the project's own esbuild settings into one file, copied
 * where no node_modules can be found, and run through the command runner like any scanner.
 */
let bundle: string;

beforeAll(async () => {
  const targets = await import(pathToFileURL(join(process.cwd(), 'scripts/build-targets.mjs')).href);
  const target = targets.localTargets().find((t: { name: string }) => t.name === 'secretlint-runner');
  expect(target, 'build-targets.mjs registers the secretlint runner').toBeDefined();
  const { build } = await import('esbuild');
  bundle = join(mkdtempSync(join(tmpdir(), 'gh-secretlint-bundle-')), 'secretlint-runner.js');
  await build({ ...targets.bundleOptions, entryPoints: target.entryPoints, outfile: bundle, logLevel: 'error' });
});

describe('the bundled secretlint runner, for real', () => {
  it("finds the demo's kinds of fake secrets and nothing in ignored places", async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'gh-secretlint-real-'));
    const kinds = [
      'gatehouse-stripe-secret-key',
      'gatehouse-aws-access-key-id',
      'gatehouse-azure-storage-connection-string',
      'gatehouse-private-key',
      'gatehouse-google-oauth-client-secret',
      'gatehouse-generic-high-entropy-token',
    ];
    const secrets = kinds.map((kind) => exampleSecret(kind));
    mkdirSync(join(workspace, '.demo-secrets'));
    mkdirSync(join(workspace, 'node_modules'));
    secrets.forEach((s, i) => writeFileSync(join(workspace, '.demo-secrets', `secret-${i}.env`), `# fake, made for the test\n${s.text}`));
    writeFileSync(join(workspace, 'node_modules', 'leak.js'), secrets[0]!.text);
    const workDir = mkdtempSync(join(tmpdir(), 'gh-secretlint-work-'));
    const opts: RunOptions = { executable: bundle, workspace, targets: [], reportPath: join(workDir, 'secretlint.json'), mode: 'full', workDir };

    const command = secretlintAdapter.command!(await secretlintAdapter.prepare!(opts));
    const outcome = interpretExit(await runCommand(command, { timeoutMs: 120_000 }), secretlintAdapter.exitCodes!);
    expect(outcome).toBe('findings');

    const seen = new Set<string>();
    const parsed = secretlintAdapter.parse(readFileSync(opts.reportPath, 'utf8'), { file: 'secretlint.json', workspace, salt: 'bundle-test-salt-0123456789', onSecretValue: (v) => seen.add(v) });
    const findings = finalizeFindings(parsed.findings).findings;
    expect(parsed.incomplete).toEqual([]);
    expect(findings.map((f) => f.ruleId).sort()).toEqual(
      ['@secretlint/secretlint-rule-privatekey:PrivateKey', ...kinds.filter((k) => k !== 'gatehouse-private-key')].sort(),
    );
    expect(findings.every((f) => f.location.kind === 'code' && f.location.path.startsWith('.demo-secrets/'))).toBe(true);
    for (const s of secrets) expect(seen.has(s.value)).toBe(true);
    const serialised = JSON.stringify(findings);
    for (const s of secrets) expect(serialised).not.toContain(s.value);
  });
});
