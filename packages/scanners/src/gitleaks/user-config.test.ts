import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@gatehouse/findings';
import type { RunOptions } from '../adapter';
import { renderDefaultGitleaksConfig } from './default-config';
import { prepareGitleaksRun } from './prepare';
import { composeUserGitleaksConfig, gitleaksExtendPath } from './user-config';

function dirs(files: Record<string, string>) {
  const trusted = mkdtempSync(join(tmpdir(), 'gh-gitleaks-trusted-'));
  const workDir = mkdtempSync(join(tmpdir(), 'gh-gitleaks-work-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(trusted, path, '..'), { recursive: true });
    writeFileSync(join(trusted, path), text);
  }
  return { trusted, workDir, defaultConfigPath: join(workDir, 'gatehouse-default.gitleaks.toml') };
}

const compose = (files: Record<string, string>) => {
  const d = dirs(files);
  return { ...d, composed: composeUserGitleaksConfig({ userPath: join(d.trusted, '.gitleaks.toml'), trustedDir: d.trusted, defaultConfigPath: d.defaultConfigPath, workDir: d.workDir }) };
};

const RULE = '[[rules]]\nid = "acme-internal-token"\nregex = \'\'\'acme_[a-z0-9]{32}\'\'\'\n';

describe("a repository's .gitleaks.toml on top of Gatehouse's default", () => {
  it("points `[extend] useDefault = true` at Gatehouse's default (which extends gitleaks')", () => {
    const { composed, defaultConfigPath, workDir } = compose({ '.gitleaks.toml': `[extend]\nuseDefault = true\ndisabledRules = ["generic-api-key"]\n\n${RULE}` });
    expect(composed.files.map((f) => f.path)).toEqual([join(workDir, 'gitleaks.toml')]);
    const doc = parse(composed.files[0]!.text) as { extend: Record<string, unknown>; rules: { id: string }[] };
    expect(doc.extend).toEqual({ path: defaultConfigPath, disabledRules: ['generic-api-key'] });
    expect(doc.rules.map((r) => r.id)).toEqual(['acme-internal-token']);
    expect(composed.notes).toEqual([".gitleaks.toml extends Gatehouse's default gitleaks config (gitleaks' rules and Gatehouse's)"]);
  });

  it('copies a relative [extend] path from the trusted copy and rewrites it absolute (gitleaks would read it from the checkout)', () => {
    const { composed, workDir } = compose({ '.gitleaks.toml': '[extend]\npath = "security/base.toml"\n', 'security/base.toml': `[extend]\nuseDefault = true\n\n${RULE}` });
    expect(composed.files.map((f) => f.path)).toEqual([join(workDir, 'gitleaks.toml'), join(workDir, 'gitleaks-extends-1.toml')]);
    expect((parse(composed.files[0]!.text) as { extend: { path: string } }).extend.path).toBe(join(workDir, 'gitleaks-extends-1.toml'));
    expect((parse(composed.files[1]!.text) as { extend: unknown }).extend).toEqual({ useDefault: true });
    expect(composed.notes.join('\n')).toMatch(/extends security\/base.toml; Gatehouse's own gitleaks rules are not in this chain/);
  });

  it('keeps a config that extends nothing as it is, and says Gatehouse\'s rules are not applied by gitleaks', () => {
    const { composed } = compose({ '.gitleaks.toml': RULE });
    expect(parse(composed.files[0]!.text)).not.toHaveProperty('extend');
    expect(composed.notes[0]).toMatch(/extends nothing.*useDefault = true/);
  });

  it('drops an [extend] beyond the two levels gitleaks follows, with a note', () => {
    const { composed } = compose({ '.gitleaks.toml': '[extend]\npath = "a.toml"\n', 'a.toml': '[extend]\npath = "b.toml"\n', 'b.toml': '[extend]\npath = "c.toml"\n', 'c.toml': RULE });
    expect(composed.files).toHaveLength(3);
    expect(parse(composed.files[2]!.text)).not.toHaveProperty('extend');
    expect(composed.notes.join('\n')).toMatch(/b.toml: its \[extend\] is not followed/);
  });

  it.each([
    ['[extend]\npath = "/etc/gitleaks.toml"\n', /must be relative to the repository root/],
    ['[extend]\npath = "../outside.toml"\n', /leaves the repository/],
    ['[extend]\npath = "missing.toml"\n', /does not exist in the trusted copy/],
    ['[extend]\nurl = "https://example.test/x.toml"\n', /url is not supported/],
    ['[extend]\npath = "a.toml"\nuseDefault = true\n', /both path and useDefault/],
    ['title = "x"\n[[rules]\n', /invalid TOML/],
  ])('refuses %j with a ConfigurationError naming the file', (text, reason) => {
    const d = dirs({ '.gitleaks.toml': text });
    const run = () => composeUserGitleaksConfig({ userPath: join(d.trusted, '.gitleaks.toml'), trustedDir: d.trusted, defaultConfigPath: d.defaultConfigPath, workDir: d.workDir });
    expect(run).toThrow(ConfigurationError);
    expect(run).toThrow(reason);
    expect(run).toThrow(/^\.gitleaks\.toml/);
  });

  it('gives the line and column of a TOML error', () => {
    const d = dirs({ '.gitleaks.toml': 'title = "x"\n\n[[rules]\n' });
    try {
      composeUserGitleaksConfig({ userPath: join(d.trusted, '.gitleaks.toml'), trustedDir: d.trusted, defaultConfigPath: d.defaultConfigPath, workDir: d.workDir });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigurationError).line).toBe(3);
    }
  });

  it('tells an action which file an [extend] path names, to copy it from the base ref too', () => {
    expect(gitleaksExtendPath('[extend]\npath = "security/base.toml"\n')).toBe('security/base.toml');
    expect(gitleaksExtendPath('[extend]\nuseDefault = true\n')).toBeUndefined();
  });
});

describe('preparing a gitleaks run', () => {
  const options = (workspace: string, extra: Partial<RunOptions> = {}): RunOptions => ({
    executable: '/tools/gitleaks',
    workspace,
    targets: [],
    reportPath: '/tmp/x/gitleaks.json',
    mode: 'history',
    workDir: mkdtempSync(join(tmpdir(), 'gh-gitleaks-prep-')),
    ...extra,
  });

  it("uses Gatehouse's default config when the repository has none, and the git directory as the source", async () => {
    const ws = mkdtempSync(join(tmpdir(), 'gh-gitleaks-ws-'));
    mkdirSync(join(ws, '.git'));
    const prepared = await prepareGitleaksRun(options(ws));
    expect(readFileSync(prepared.configPath!, 'utf8')).toBe(renderDefaultGitleaksConfig());
    expect(prepared.targets).toEqual(['.git']);
  });

  it("on a pull request reads .gitleaks.toml and .gitleaksignore from the trusted copy, never the PR's checkout", async () => {
    const ws = mkdtempSync(join(tmpdir(), 'gh-gitleaks-ws-'));
    mkdirSync(join(ws, '.git'));
    writeFileSync(join(ws, '.gitleaks.toml'), '[allowlist]\nregexes = [\'\'\'.*\'\'\']\n');
    writeFileSync(join(ws, '.gitleaksignore'), 'everything-the-pr-wants-hidden\n');
    const { trusted } = dirs({ '.gitleaks.toml': `[extend]\nuseDefault = true\n\n${RULE}`, '.gitleaksignore': 'abc:config/x.py:generic-api-key:3\n' });
    const prepared = await prepareGitleaksRun(options(ws, { trustedConfigDir: trusted }));
    expect(readFileSync(prepared.configPath!, 'utf8')).toContain('acme-internal-token');
    expect(readFileSync(prepared.configPath!, 'utf8')).not.toContain("'''.*'''");
    expect(readFileSync(join(prepared.workDir!, '.gitleaksignore'), 'utf8')).toBe('abc:config/x.py:generic-api-key:3\n');
  });

  it('copies no ignore file when the trusted copy has none', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'gh-gitleaks-ws-'));
    writeFileSync(join(ws, '.gitleaksignore'), 'from-the-pr\n');
    const { trusted } = dirs({});
    const prepared = await prepareGitleaksRun(options(ws, { mode: 'full', trustedConfigDir: trusted }));
    expect(existsSync(join(prepared.workDir!, '.gitleaksignore'))).toBe(false);
    expect(prepared.targets).toEqual([]);
  });
});
