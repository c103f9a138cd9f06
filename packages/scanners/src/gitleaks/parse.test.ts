import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { finalizeFindings, hashSecret, ParseError } from '@gatehouse/findings';
import type { ParseContext } from '../adapter';
import { parseGitleaks } from './parse';

const SALT = 'gitleaks-test-salt-0123456789';
const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const context = (extra: Partial<ParseContext> = {}): ParseContext => ({ file: 'gitleaks.json', workspace: '/home/dev/shop', salt: SALT, ...extra });

describe('gitleaks 8 JSON reports', () => {
  it('keeps file, line, rule, commit and author, and only a keyed hash and a preview of the secret', () => {
    const seen: string[] = [];
    const r = parseGitleaks(fixture('v8-history-two-leaks.json'), context({ onSecretValue: (v) => seen.push(v) }));
    expect(r).toMatchObject({ skipped: [], incomplete: [], nativeCount: 2 });
    expect(r.findings[0]).toMatchObject({
      category: 'secret',
      ruleId: 'generic-api-key',
      severity: 'high',
      severityBasis: { kind: 'default' },
      location: { kind: 'code', path: 'config/settings.py', startLine: 3, endLine: 3, startColumn: 12, endColumn: 49, commit: '3f2a9c1d4e5b6a7f8091a2b3c4d5e6f708192a3b' },
      secret: {
        hash: hashSecret('fixture-value-one-not-a-real-credential', SALT),
        preview: 'fixt…',
        author: 'Dana Developer <dana@example.test>',
        committedAt: '2024-05-02T10:11:12Z',
      },
      sources: [{ engine: 'gitleaks', nativeId: 'generic-api-key', fingerprint: '3f2a9c1d4e5b6a7f8091a2b3c4d5e6f708192a3b:config/settings.py:generic-api-key:3' }],
      references: ['https://github.com/acme/shop/blob/3f2a9c1d4e5b6a7f8091a2b3c4d5e6f708192a3b/config/settings.py#L3'],
    });
    expect(r.findings[0]!.message).toBe('Detected a Generic API Key, potentially exposing access to various services and sensitive operations. in config/settings.py:3 (commit 3f2a9c1d4e5b)');
    expect(seen).toEqual(['fixture-value-one-not-a-real-credential', 'api_key = "fixture-value-one-not-a-real-credential"', 'fixture-value-two-not-a-real-credential']);
    const serialised = JSON.stringify(finalizeFindings(r.findings).findings);
    for (const value of seen) expect(serialised).not.toContain(value);
    // The commit message is not scanned by gitleaks, so it is not kept either.
    expect(serialised).not.toContain('add settings');
  });

  it("rates Gatehouse's own rules as the rule says (publishable keys are low) and keeps tags", () => {
    const f = parseGitleaks(fixture('v8-history-two-leaks.json'), context()).findings[1]!;
    expect(f).toMatchObject({ ruleId: 'gatehouse-stripe-publishable-key', severity: 'low', title: 'Stripe publishable key (pk_live_ / pk_test_)', tags: ['payment'] });
  });

  it('gives the same identity as secretlint for the same value at the same path', () => {
    const f = finalizeFindings(parseGitleaks(fixture('v8-history-two-leaks.json'), context()).findings).findings[0]!;
    const moved = finalizeFindings(
      parseGitleaks(fixture('v8-history-two-leaks.json').replace('"StartLine": 3', '"StartLine": 30').replace('"EndLine": 3', '"EndLine": 30'), context()).findings,
    ).findings[0]!;
    expect(moved.id).toBe(f.id);
  });

  it('reads the jsonextra report template, whose Line holds the whole line', () => {
    const seen: string[] = [];
    const r = parseGitleaks(fixture('jsonextra-template-line.json'), context({ onSecretValue: (v) => seen.push(v) }));
    expect(r.findings[0]).toMatchObject({ location: { path: 'ops/.env', startLine: 2 }, tags: ['tag1', 'tag2'] });
    expect(seen).toContain('SECRET=fixture-value-five-not-a-credential # prod');
    expect(JSON.stringify(r.findings)).not.toContain('fixture-value-five');
  });

  it('treats REDACTED values as placeholders: no hash, identity from the location, and a note', () => {
    const seen: string[] = [];
    const r = parseGitleaks(fixture('v8-redacted.json'), context({ onSecretValue: (v) => seen.push(v) }));
    expect(seen).toEqual([]);
    expect(r.findings[0]!.secret).toEqual({ preview: '****' });
    expect(r.notes).toContain('1 secrets are redacted in the report (gitleaks --redact): their identity falls back to the location');
    expect(finalizeFindings(r.findings).rejected).toEqual([]);
  });

  it("treats gitleaks' partial redaction (--redact=N keeps a prefix and appends ...) as a placeholder", () => {
    const partial = fixture('v8-history-two-leaks.json').replaceAll('fixture-value-one-not-a-real-credential', 'fixture-val...');
    expect(parseGitleaks(partial, context()).findings[0]!.secret).toMatchObject({ preview: '****' });
  });
});

describe('gitleaks 7 JSON reports', () => {
  it('reads lineNumber, offender, commit and the comma-separated tags', () => {
    const r = parseGitleaks(fixture('v7-legacy-two-leaks.json'), context());
    expect(r.findings).toHaveLength(2);
    expect(r.findings[0]).toMatchObject({
      ruleId: 'Generic Credential',
      location: { kind: 'code', path: 'ci/pipeline.yml', startLine: 4, commit: '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567' },
      secret: { hash: hashSecret('fixture-legacy-value-not-a-credential', SALT), author: 'Dana Developer <dana@example.test>' },
      tags: ['key', 'generic'],
    });
    expect(r.findings[1]!.secret).toMatchObject({ preview: '****' });
    expect(r.findings[1]!.secret).not.toHaveProperty('hash');
    expect(r.notes).toContain("2 findings are in gitleaks 7's report format");
  });
});

describe('what is not a gitleaks JSON report', () => {
  it('reads null (old gitleaks) and [] as no findings', () => {
    expect(parseGitleaks('null', context())).toMatchObject({ findings: [], skipped: [], nativeCount: 0 });
    expect(parseGitleaks('[]\n', context())).toMatchObject({ findings: [], skipped: [], nativeCount: 0 });
  });

  it.each([
    ['{}', /expected an array of findings or null, found an object/],
    ['{"version":"2.1.0","runs":[]}', /this is SARIF \(read it with --from sarif\)/],
    ['[{"filePath":"a.txt","messages":[]}]', /neither "RuleID"/],
    ['[{"SourceMetadata":{},"DetectorName":"AWS"}]', /neither "RuleID"/],
    ['"leaks"', /found string/],
  ])('refuses %s with a ParseError naming the file', (content, reason) => {
    expect(() => parseGitleaks(content, context({ file: 'reports/x.json' }))).toThrow(ParseError);
    expect(() => parseGitleaks(content, context({ file: 'reports/x.json' }))).toThrow(reason);
  });

  it('skips and counts an entry it cannot read, keeping the others', () => {
    const r = parseGitleaks(fixture('v8-one-bad-entry.json'), context());
    expect(r.findings).toHaveLength(1);
    expect(r.skipped).toHaveLength(1);
    expect(r.skipped[0]!.at).toBe('[1]');
    expect(r.skipped[0]!.reason).toMatch(/^not a gitleaks 8 finding: /);
    // A skip reason never quotes the entry (which holds the secret).
    expect(r.skipped[0]!.reason).not.toContain('fixture-value-four');
  });

  it('keeps a finding whose path is outside the workspace, at repository level, saying why', () => {
    const outside = fixture('v8-history-two-leaks.json').replace('"config/settings.py"', '"/etc/app/settings.py"');
    const f = parseGitleaks(outside, context()).findings[0]!;
    expect(f.location).toEqual({ kind: 'repository' });
    expect(f.message).toMatch(/location not used: absolute path outside the workspace/);
  });
});
