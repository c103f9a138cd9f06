import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, finalizeFindings, ParseError } from '@gatehouse/findings';
import type { ParseContext, RunOptions } from '../adapter';
import { detectSecretsCommand, prepareDetectSecretsRun } from './command';
import { parseDetectSecrets } from './parse';
import { updateSecretsBaseline } from './baseline-update';

const SALT = 'detect-secrets-test-salt-0123456789';
const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const context = (extra: Partial<ParseContext> = {}): ParseContext => ({ file: '.secrets.baseline', workspace: '/home/dev/shop', salt: SALT, ...extra });

describe('detect-secrets baselines and scans', () => {
  it('suppresses what an auditor marked is_secret: false, as a baseline suppression with the decision', () => {
    const r = parseDetectSecrets(fixture('v1.5-audited-baseline.json'), context());
    expect(r).toMatchObject({ skipped: [], incomplete: [], nativeCount: 3 });
    const [falsePositive, real, unaudited] = r.findings;
    expect(falsePositive).toMatchObject({
      ruleId: 'Secret Keyword',
      location: { kind: 'code', path: 'app/settings.py', startLine: 12 },
      suppression: { kind: 'baseline', reason: 'audited as not a secret (is_secret: false) in the detect-secrets baseline', ref: '.secrets.baseline' },
    });
    expect(real).toMatchObject({ ruleId: 'Base64 High Entropy String', severity: 'high', tags: ['audited:secret'] });
    expect(real!.suppression).toBeUndefined();
    expect(real!.message).toMatch(/audited: a real secret/);
    expect(unaudited).toMatchObject({ ruleId: 'AWS Access Key', location: { path: 'deploy/values.yaml', startLine: 4 } });
    expect(unaudited!.suppression).toBeUndefined();
    expect(r.notes).toEqual([
      '1 entries are audited as not secrets (is_secret: false): kept as suppressed',
      '1 entries are audited as real secrets',
      '1 entries are not audited yet (detect-secrets audit)',
    ]);
    expect(finalizeFindings(r.findings).findings.map((f) => f.status)).toEqual(['suppressed', 'open', 'open']);
  });

  it('never copies the SHA-1 of a secret into a finding (it can be brute-forced back)', () => {
    const text = fixture('v1.5-audited-baseline.json');
    const hashes = [...text.matchAll(/"hashed_secret": "([0-9a-f]{40})"/g)].map((m) => m[1]!);
    const { findings } = finalizeFindings(parseDetectSecrets(text, context()).findings);
    const serialised = JSON.stringify(findings);
    for (const hash of hashes) expect(serialised).not.toContain(hash);
    expect(findings.every((f) => f.secret?.preview === '****' && f.secret.hash === undefined)).toBe(true);
  });

  it('gives a stable identity that follows the code, not the line number, when the source is at hand', () => {
    const a = finalizeFindings(parseDetectSecrets(fixture('v1.5-audited-baseline.json'), context()).findings, { readLine: () => 'password = "…"' }).findings;
    const moved = fixture('v1.5-audited-baseline.json').replace('"line_number": 12', '"line_number": 20');
    const b = finalizeFindings(parseDetectSecrets(moved, context()).findings, { readLine: () => 'password = "…"' }).findings;
    expect(b[0]!.id).toBe(a[0]!.id);
  });

  it('reads the 0.x schema, whose entries have no filename', () => {
    const r = parseDetectSecrets(fixture('v0.14-legacy-no-filename.json'), context());
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ location: { path: 'config.ini', startLine: 2 }, suppression: { kind: 'baseline' } });
  });

  it('rates an entry detect-secrets verified live as critical', () => {
    const verified = fixture('v1.5-audited-baseline.json').replace('"is_verified": false,\n        "line_number": 4', '"is_verified": true,\n        "line_number": 4');
    expect(parseDetectSecrets(verified, context()).findings[2]).toMatchObject({ severity: 'critical', severityBasis: { kind: 'tool', label: 'verified', source: 'detect-secrets' }, secret: { verified: true } });
  });

  it('skips and counts an entry it cannot read', () => {
    const r = parseDetectSecrets(fixture('v1.5-one-bad-entry.json'), context());
    expect(r.findings).toHaveLength(1);
    expect(r.skipped).toEqual([{ at: 'results["a.env"][1]', reason: expect.stringMatching(/hashed_secret/) }]);
    expect(r.nativeCount).toBe(2);
  });

  it.each([
    ['{}', /no "results" object/],
    ['[]', /found an array/],
    ['{"errors":[],"generated_at":"2024-01-01T00:00:00Z","metrics":{},"results":[]}', /no "results" object/],
    ['{"version":"2.1.0","runs":[]}', /no "results" object/],
  ])('refuses %s with a ParseError naming the file', (content, reason) => {
    expect(() => parseDetectSecrets(content, context({ file: 'reports/ds.json' }))).toThrow(ParseError);
    expect(() => parseDetectSecrets(content, context({ file: 'reports/ds.json' }))).toThrow(reason);
  });
});

describe('keeping .secrets.baseline up to date', () => {
  it('adds new secrets unaudited, keeps audit decisions and follows moved lines', () => {
    const update = updateSecretsBaseline(fixture('v1.5-audited-baseline.json'), fixture('v1.5-scan-after-changes.json'));
    expect(update).toMatchObject({ added: 1, kept: 1, removed: 0 });
    const doc = JSON.parse(update.text);
    expect(doc.plugins_used).toHaveLength(3);
    expect(doc.generated_at).toBe('2024-06-01T09:00:00Z');
    expect(doc.results['app/settings.py']).toEqual([
      { type: 'Secret Keyword', filename: 'app/settings.py', hashed_secret: '1f2e3d4c5b6a79880716253443526170f9e8d7c6', is_verified: false, line_number: 14, is_secret: false },
      { type: 'Base64 High Entropy String', filename: 'app/settings.py', hashed_secret: 'a0b1c2d3e4f5061728394a5b6c7d8e9f00112233', is_verified: false, line_number: 30, is_secret: true },
      { type: 'Secret Keyword', filename: 'app/settings.py', hashed_secret: '0123456789abcdef0123456789abcdef01234567', is_verified: false, line_number: 40 },
    ]);
    expect(doc.results['deploy/values.yaml']).toHaveLength(1);
    expect(update.text.endsWith('}\n')).toBe(true);
  });

  it('drops only unaudited entries of scanned files that the scan no longer reports', () => {
    const update = updateSecretsBaseline(fixture('v1.5-audited-baseline.json'), fixture('v1.5-scan-after-changes.json'), {
      scannedFiles: new Set(['app/settings.py', 'deploy/values.yaml']),
    });
    expect(update).toMatchObject({ added: 1, kept: 1, removed: 1 });
    const doc = JSON.parse(update.text);
    expect(doc.results['deploy/values.yaml']).toBeUndefined();
    // The audited real secret is no longer reported but its decision stays.
    expect(doc.results['app/settings.py'].map((e: { line_number: number }) => e.line_number)).toEqual([14, 30, 40]);
  });

  it('keeps a 0.x baseline in its 0.x shape', () => {
    const update = updateSecretsBaseline(fixture('v0.14-legacy-no-filename.json'), fixture('v1.5-scan-after-changes.json'));
    const doc = JSON.parse(update.text);
    expect(doc.version).toBe('0.14.2');
    expect(doc.results['app/settings.py'].every((e: object) => !('filename' in e))).toBe(true);
    expect(doc.results['config.ini']).toEqual([{ hashed_secret: 'b5198bd9fe6726cf064a5b80b6dfe25ab793147f', is_secret: false, is_verified: false, line_number: 2, type: 'Secret Keyword' }]);
  });

  it('refuses a document that is not a baseline', () => {
    expect(() => updateSecretsBaseline('{"results": []}', fixture('v1.5-scan-after-changes.json'))).toThrow(ParseError);
  });
});

describe('running detect-secrets against the baseline', () => {
  const setup = (baseline: string, extra: Partial<RunOptions> = {}) => {
    const workspace = mkdtempSync(join(tmpdir(), 'gh-ds-ws-'));
    const trusted = mkdtempSync(join(tmpdir(), 'gh-ds-trusted-'));
    const work = mkdtempSync(join(tmpdir(), 'gh-ds-work-'));
    writeFileSync(join(trusted, '.secrets.baseline'), baseline);
    writeFileSync(join(workspace, '.secrets.baseline'), '{"version":"1.5.0","plugins_used":[],"results":{}}');
    const opts: RunOptions = { executable: '/venv/bin/detect-secrets', workspace, targets: [], reportPath: join(work, 'detect-secrets.json'), mode: 'full', workDir: work, trustedConfigDir: trusted, ...extra };
    return { opts, trusted, workspace };
  };

  it("copies the trusted baseline where detect-secrets updates it, and excludes the repository's own copy from the scan", async () => {
    const { opts, trusted } = setup(fixture('v1.5-audited-baseline.json'));
    const prepared = await prepareDetectSecretsRun(opts);
    expect(readFileSync(opts.reportPath, 'utf8')).toBe(fixture('v1.5-audited-baseline.json'));
    expect(prepared.configPath).toBe(join(trusted, '.secrets.baseline'));
    expect(detectSecretsCommand(prepared)).toEqual({
      executable: '/venv/bin/detect-secrets',
      args: ['scan', '--baseline', opts.reportPath, '--exclude-files', '(^|/)\\.secrets\\.baseline$'],
      cwd: opts.workspace,
      reportPath: opts.reportPath,
    });
  });

  it('refuses, on a pull request, a baseline that would run custom plugin code from the checkout', async () => {
    const withPlugin = fixture('v1.5-audited-baseline.json').replace('"name": "KeywordDetector"', '"name": "Mine", "path": "file://./plugins/mine.py"');
    await expect(prepareDetectSecretsRun(setup(withPlugin).opts)).rejects.toThrow(/runs custom code \(plugin file:\/\/\.\/plugins\/mine\.py\)/);
  });

  it('reads the word list a baseline names from the trusted copy', async () => {
    const withWords = fixture('v1.5-audited-baseline.json').replace(
      '"path": "detect_secrets.filters.allowlist.is_line_allowlisted"',
      '"path": "detect_secrets.filters.wordlist.should_exclude_secret", "min_length": 3, "file_name": "security/words.txt"',
    );
    const { opts, trusted } = setup(withWords);
    await expect(prepareDetectSecretsRun(opts)).rejects.toThrow(/word list security\/words.txt .* not in the trusted copy/);
    mkdirSync(join(trusted, 'security'));
    writeFileSync(join(trusted, 'security', 'words.txt'), 'example\n');
    await prepareDetectSecretsRun(opts);
    expect(JSON.parse(readFileSync(opts.reportPath, 'utf8')).filters_used[0].file_name).toBe(join(trusted, 'security', 'words.txt'));
  });

  it('says how to create a baseline when there is none', async () => {
    const { opts, trusted } = setup('{}');
    const err = await prepareDetectSecretsRun({ ...opts, trustedConfigDir: join(trusted, 'nowhere') }).catch((e) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(err.message).toMatch(/detect-secrets scan > \.secrets\.baseline/);
  });
});
