import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { finalizeFindings, hashSecret, ParseError } from '@gatehouse/findings';
import type { ParseContext } from '../adapter';
import { exampleSecret } from '../secret-rules';
import { lintText } from './lint-text';
import { parseSecretlint } from './parse';

const SALT = 'secretlint-test-salt-0123456789';
// Assembled so that scanning this repository does not flag the test itself (the fixtures hold the same URL).
const CREDENTIAL = ['https://admin', 'correct-horse-battery-staple@db.example.test'].join(':');
const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const context = (file: string, extra: Partial<ParseContext> = {}): ParseContext => ({ file, workspace: '/home/dev/project', salt: SALT, ...extra });

describe('secretlint reports from the CLI', () => {
  it('takes the value from sourceContent by range when secretlint masked the message (its default)', () => {
    const seen: string[] = [];
    const r = parseSecretlint(fixture('cli-default-masked.json'), context('secretlint.json', { onSecretValue: (v) => seen.push(v) }));
    expect(r.findings).toHaveLength(1);
    expect(seen).toEqual([CREDENTIAL]);
    expect(r.findings[0]).toMatchObject({
      category: 'secret',
      ruleId: '@secretlint/secretlint-rule-basicauth:BasicAuth',
      title: 'Basic Auth (secretlint basicauth)',
      severity: 'high',
      severityBasis: { kind: 'default' },
      location: { kind: 'code', path: 'app/settings.py', startLine: 1, startColumn: 12, endColumn: 70 },
      secret: { hash: hashSecret(CREDENTIAL, SALT), preview: 'http…' },
      sources: [{ engine: 'secretlint', nativeId: '@secretlint/secretlint-rule-basicauth:BasicAuth', nativeSeverity: 'error' }],
    });
  });

  it('masks the value in the message of an unmasked report, with the same identity', () => {
    const masked = parseSecretlint(fixture('cli-default-masked.json'), context('a.json')).findings[0]!;
    const unmasked = parseSecretlint(fixture('cli-no-mask-secrets.json'), context('b.json')).findings[0]!;
    expect(unmasked.message).toBe('found basic auth credential: http…');
    expect(unmasked.secret).toEqual(masked.secret);
    expect(JSON.stringify(unmasked)).not.toContain('correct-horse-battery-staple');
  });
});

describe("the runner's reports", () => {
  const r = parseSecretlint(fixture('runner-suppressed-and-not-scanned.json'), context('runner.json'));

  it('keeps a secret under secretlint-disable as suppressed', () => {
    const findings = finalizeFindings(r.findings).findings;
    expect(findings.map((f) => [f.location.kind === 'code' && f.location.path, f.status])).toEqual([
      ['app/mirror.py', 'suppressed'],
      ['app/settings.py', 'open'],
    ]);
    expect(findings[0]!.suppression).toEqual({ kind: 'inline', reason: 'secretlint-disable comment in the source', ref: 'secretlint-disable' });
  });

  it('makes the scan incomplete for a file the runner did not scan, without counting it as a finding', () => {
    expect(r.incomplete).toEqual(['secretlint did not scan app/big.txt: file is 3000 bytes, more than the 2000-byte limit; not scanned']);
    expect(r.nativeCount).toBe(2);
  });

  it("never lets a value into the findings, and hands every value to onSecretValue", async () => {
    const secrets = [exampleSecret('gatehouse-stripe-secret-key'), exampleSecret('gatehouse-private-key'), exampleSecret('gatehouse-azure-storage-connection-string')];
    const files = await Promise.all(secrets.map((s, i) => lintText(`# file ${i}\n${s.text}`, `config/${i}.env`)));
    const seen = new Set<string>();
    const parsed = parseSecretlint(JSON.stringify(files), context('r.json', { onSecretValue: (v) => seen.add(v) }));
    const text = JSON.stringify(finalizeFindings(parsed.findings).findings);
    for (const s of secrets) {
      expect(seen.has(s.value)).toBe(true);
      expect(text).not.toContain(s.value);
    }
  });

  it('makes one finding of one secret that several rules report, keeping each rule as a source', async () => {
    const key = exampleSecret('gatehouse-private-key');
    const stripe = exampleSecret('gatehouse-stripe-secret-key');
    const file = await lintText(`${key.text}${stripe.text}`, 'deploy/keys.txt');
    // Three rules always match (two for the key, one for Stripe); the generic entropy rule may add a fourth.
    expect(file.messages.length).toBeGreaterThanOrEqual(3);
    const parsed = parseSecretlint(JSON.stringify([file]), context('r.json'));
    expect(parsed.findings.map((f) => f.ruleId)).toEqual(['@secretlint/secretlint-rule-privatekey:PrivateKey', 'gatehouse-stripe-secret-key']);
    // The generic rule joins in only when this random key clears its entropy threshold.
    const stripeSources = parsed.findings[1]!.sources.map((s) => s.nativeId);
    expect(stripeSources[0]).toBe('gatehouse-stripe-secret-key');
    expect(stripeSources.slice(1).every((id) => id === 'gatehouse-generic-high-entropy-token')).toBe(true);
    expect(parsed.findings[0]!.sources.map((s) => s.nativeId)).toEqual(['@secretlint/secretlint-rule-privatekey:PrivateKey', 'gatehouse-private-key']);
    expect(parsed.findings[1]!.secret!.hash).toBe(hashSecret(stripe.value, SALT));
    expect(parsed.findings.length + parsed.skipped.length).toBe(parsed.nativeCount);
  });

  it("rates Gatehouse's publishable-key rule below a leaked credential", async () => {
    const pk = exampleSecret('gatehouse-stripe-publishable-key');
    const parsed = parseSecretlint(JSON.stringify([await lintText(pk.text, 'web/app.js')]), context('r.json'));
    expect(parsed.findings[0]).toMatchObject({ ruleId: 'gatehouse-stripe-publishable-key', severity: 'low', severityBasis: { kind: 'default' } });
  });
});

describe('secretlint report signature and bad entries', () => {
  it('reads [] as a legal empty report', () => {
    expect(parseSecretlint('[]', context('empty.json'))).toMatchObject({ findings: [], skipped: [], incomplete: [], nativeCount: 0 });
  });

  it.each([
    ['{}', /found an object/],
    ['null', /found null/],
    ['[{"Description": "AWS", "RuleID": "aws-access-token"}]', /entries have no "filePath" and "messages"/],
  ])('refuses %s with a ParseError naming the file', (text, message) => {
    const error = (() => {
      try {
        parseSecretlint(text, context('scan/secretlint.json'));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ParseError);
    expect((error as Error).message).toMatch(/^scan\/secretlint\.json/);
    expect((error as Error).message).toMatch(message);
  });

  it('skips and counts a message it cannot read, keeping the others', () => {
    const doc = JSON.parse(fixture('runner-suppressed-and-not-scanned.json'));
    doc[2].messages[0].range = 'everywhere';
    const r = parseSecretlint(JSON.stringify(doc), context('r.json'));
    expect(r.skipped).toEqual([{ at: '[2].messages[0]', reason: expect.stringContaining('range') }]);
    expect(r.findings).toHaveLength(1);
    expect(r.findings.length + r.skipped.length).toBe(r.nativeCount);
  });
});
