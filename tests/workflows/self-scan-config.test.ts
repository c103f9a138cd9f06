// Gatehouse scans itself (self-scan.yml) with .gitleaks.toml, .secretlintignore and .secrets.baseline at
// the root. These tests keep the three in step, keep every allowlisted path real (a stale entry would
// hide a future file of that name), and check .gitleaks.toml builds on Gatehouse's default config.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { composeUserGitleaksConfig } from '../../packages/scanners/src/gitleaks/user-config';
import { DEFAULT_CONFIG_FILE } from '../../packages/scanners/src/gitleaks/default-config';
import { repositoryRoot } from './workflow-files';

const read = (path: string) => readFileSync(join(repositoryRoot, path), 'utf8');
const gitleaksToml = read('.gitleaks.toml');
/** The regexes of the allowlists' `paths` (TOML literal strings, '''…''', hold them verbatim). */
const allowlistPaths = [...gitleaksToml.matchAll(/'''(.+?)'''/g)].map((m) => m[1]!);
const secretlintIgnore = read('.secretlintignore')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));
const baseline = JSON.parse(read('.secrets.baseline')) as {
  version: string;
  plugins_used: Record<string, unknown>[];
  filters_used: { path: string; pattern?: string[] }[];
  results: Record<string, unknown>;
};
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: repositoryRoot, encoding: 'utf8' }).split('\0').filter(Boolean);

describe("the repository's own secrets-scan configuration", () => {
  it('.gitleaks.toml extends Gatehouse\'s default config, as secrets-scan composes it', () => {
    const work = mkdtempSync(join(tmpdir(), 'gatehouse-self-gitleaks-'));
    try {
      const composed = composeUserGitleaksConfig({
        userPath: join(repositoryRoot, '.gitleaks.toml'),
        trustedDir: repositoryRoot,
        defaultConfigPath: fileURLToPath(DEFAULT_CONFIG_FILE),
        workDir: work,
      });
      expect(composed.notes).toEqual([".gitleaks.toml extends Gatehouse's default gitleaks config (gitleaks' rules and Gatehouse's)"]);
      expect(composed.files[0]!.text).toContain(fileURLToPath(DEFAULT_CONFIG_FILE));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('allowlists only paths that exist (or the git-ignored demo secrets), each a specific one', () => {
    expect(allowlistPaths.length).toBeGreaterThan(0);
    for (const pattern of allowlistPaths) {
      expect(pattern.startsWith('^'), pattern).toBe(true);
      if (pattern.includes('.demo-secrets')) {
        expect(read('.gitignore')).toContain('/examples/vulnerable-app/.demo-secrets/');
        continue;
      }
      expect(tracked.some((file) => new RegExp(pattern).test(file)), `${pattern} matches no tracked file`).toBe(true);
    }
  });

  it('.secretlintignore skips the same paths (and __fixtures__, which the default gitleaks allowlist skips)', () => {
    expect(secretlintIgnore).toContain('**/__fixtures__/**');
    for (const pattern of allowlistPaths) {
      const regex = new RegExp(pattern);
      const sample = pattern.endsWith('$') ? pattern.slice(1, -1).replace(/\\\./g, '.') : undefined;
      if (sample) expect(secretlintIgnore, pattern).toContain(sample);
      else expect(secretlintIgnore.some((line) => regex.test(line.replace(/\*+/g, 'x'))), pattern).toBe(true);
    }
    for (const line of secretlintIgnore.filter((l) => !l.includes('*'))) {
      expect(allowlistPaths.some((p) => new RegExp(p).test(line)), `${line} is not in .gitleaks.toml`).toBe(true);
    }
  });

  it('.secrets.baseline is a detect-secrets 1.x baseline with built-in plugins only, excluding the same paths', () => {
    expect(baseline.version).toMatch(/^1\.\d+\.\d+$/);
    for (const plugin of baseline.plugins_used) expect(plugin, 'a plugin loaded from a path runs code from the checkout').not.toHaveProperty('path');
    const exclude = baseline.filters_used.find((f) => f.path === 'detect_secrets.filters.regex.should_exclude_file')!.pattern!;
    expect(exclude).toContain('(^|/)__fixtures__/');
    for (const pattern of allowlistPaths) expect(exclude).toContain(pattern);
    expect(baseline.results).toEqual({});
  });
});
