import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { finalizeFindings, hashSecret, ParseError } from '@gatehouse/findings';
import type { ParseContext } from '../adapter';
import { parseTrufflehog } from './parse';
import { decodeLegacyBytes } from './raw-value';

const SALT = 'trufflehog-test-salt-0123456789';
const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const context = (extra: Partial<ParseContext> = {}): ParseContext => ({ file: 'trufflehog.jsonl', workspace: '/home/dev/shop', salt: SALT, ...extra });

describe('trufflehog v3 JSON lines', () => {
  it('raises a verified secret to critical, on the tool\'s own "verified" label', () => {
    const f = parseTrufflehog(fixture('v3-git-filesystem-docker.jsonl'), context()).findings[0]!;
    expect(f).toMatchObject({
      category: 'secret',
      ruleId: 'AWS',
      title: 'Amazon Web Services access keys',
      severity: 'critical',
      severityBasis: { kind: 'tool', label: 'verified', source: 'trufflehog' },
      location: { kind: 'code', path: 'deploy/prod.env', startLine: 4, commit: '5d1e0c2b3a4f5e6d7c8b9a0f1e2d3c4b5a697887' },
      secret: {
        hash: hashSecret('fixture-raw-key-id-not-a-credential', SALT),
        preview: 'fixt…',
        verified: true,
        author: 'Dana Developer <dana@example.test>',
        committedAt: '2024-05-02 10:11:12 +0000',
      },
      sources: [{ engine: 'trufflehog', nativeId: 'AWS', nativeSeverity: 'verified' }],
      references: ['https://howtorotate.com/docs/tutorials/aws/'],
    });
  });

  it('keeps an unverified secret at the default high, with a filesystem location', () => {
    const f = parseTrufflehog(fixture('v3-git-filesystem-docker.jsonl'), context()).findings[1]!;
    expect(f).toMatchObject({ ruleId: 'URI', severity: 'high', severityBasis: { kind: 'default' }, location: { kind: 'code', path: 'config/app.yml', startLine: 12 }, secret: { verified: false } });
  });

  it('places a secret found in an image at the image, layer and file', () => {
    const f = parseTrufflehog(fixture('v3-git-filesystem-docker.jsonl'), context()).findings[2]!;
    expect(f.location).toEqual({ kind: 'image', ref: 'registry.example.test/shop:1.4.2', layer: `sha256:${'1'.repeat(64)}`, target: '/app/.npmrc' });
  });

  it('notes a verification error, with any secret in its text masked', () => {
    const r = parseTrufflehog(fixture('v3-git-filesystem-docker.jsonl'), context());
    expect(r.findings[2]!.message).toMatch(/verification failed: lookup registry\.npmjs\.org: no such host \(token fixt…\)/);
    expect(r.notes).toContain('1 secrets could not be verified (the provider did not answer): they count as unverified');
  });

  it('decodes the base64 Raw of early v3 results (no DecoderName) and hashes the text', () => {
    const seen: string[] = [];
    const r = parseTrufflehog(fixture('v3-git-filesystem-docker.jsonl'), context({ onSecretValue: (v) => seen.push(v) }));
    const legacy = 'fixture-legacy-raw-value-not-a-credential\nsecond line';
    expect(r.findings[3]!.secret).toMatchObject({ hash: hashSecret(legacy, SALT) });
    expect(seen).toContain(legacy);
    expect(seen).toContain(Buffer.from(legacy).toString('base64'));
    expect(r.notes).toContain('1 results are from an early trufflehog v3 that wrote Raw as base64; decoded');
  });

  it('passes every plaintext form (Raw, RawV2, decoded) to onSecretValue and keeps none of them', () => {
    const seen: string[] = [];
    const r = parseTrufflehog(fixture('v3-git-filesystem-docker.jsonl'), context({ onSecretValue: (v) => seen.push(v) }));
    expect(seen).toEqual(expect.arrayContaining(['fixture-raw-key-id-not-a-credential', 'fixture-raw-key-id-not-a-credentialfixture-raw-secret-part', 'fixture-uri-value-not-a-credential', 'fixture-npm-value-not-a-credential']));
    const { findings, rejected } = finalizeFindings(r.findings);
    expect(rejected).toEqual([]);
    const serialised = JSON.stringify({ findings, notes: r.notes, skipped: r.skipped });
    for (const value of seen) expect(serialised).not.toContain(value);
    expect(serialised).not.toContain('fixture-');
  });

  it('reads the same results re-wrapped as a pretty JSON array', () => {
    const lines = parseTrufflehog(fixture('v3-git-filesystem-docker.jsonl'), context()).findings.slice(0, 2);
    expect(parseTrufflehog(fixture('heimdall-style-array.json'), context()).findings).toEqual(lines);
  });
});

describe('what trufflehog output is not', () => {
  it('reads no output (trufflehog prints nothing when it finds nothing) and [] as no findings', () => {
    for (const empty of ['', '\n', '   \n', '[]']) expect(parseTrufflehog(empty, context())).toMatchObject({ findings: [], skipped: [], nativeCount: 0 });
  });

  it('skips and counts a bad line in the middle without quoting it, and refuses a cut-off last line', () => {
    const r = parseTrufflehog(fixture('v3-bad-line-in-the-middle.jsonl'), context());
    expect(r.findings).toHaveLength(1);
    expect(r.skipped).toEqual([
      { at: 'line 2', reason: 'not a JSON line' },
      { at: 'line 3', reason: expect.stringMatching(/^not a trufflehog result: DetectorName/) },
    ]);
    expect(r.nativeCount).toBe(3);
    expect(JSON.stringify(r.skipped)).not.toContain('fixture-cut-value');
    const whole = fixture('v3-git-filesystem-docker.jsonl');
    expect(() => parseTrufflehog(whole.slice(0, whole.length - 20), context())).toThrow(/truncated/);
  });

  it.each([
    ['{}', /no "SourceMetadata"/],
    ['null', /no "SourceMetadata"/],
    ['{"version":"2.1.0","runs":[]}', /no "SourceMetadata"/],
    ['[{"RuleID":"generic-api-key","File":"a"}]', /no "SourceMetadata"/],
    ['{"results": {}}\n', /no "SourceMetadata"/],
    ['not json at all\n', /first line is not JSON/],
  ])('refuses %j with a ParseError naming the file', (content, reason) => {
    expect(() => parseTrufflehog(content, context({ file: 'reports/th.jsonl' }))).toThrow(ParseError);
    expect(() => parseTrufflehog(content, context({ file: 'reports/th.jsonl' }))).toThrow(reason);
  });

  it('refuses UTF-16 text', () => {
    const sample = fixture('v3-git-filesystem-docker.jsonl');
    expect(() => parseTrufflehog(Buffer.from(sample, 'utf16le').toString('utf8'), context())).toThrow(/UTF-16/);
  });
});

describe('the base64 heuristic for early v3 Raw fields', () => {
  it('decodes canonical base64 of printable text only', () => {
    expect(decodeLegacyBytes(Buffer.from('https://user:pw@host/x').toString('base64'))).toBe('https://user:pw@host/x');
    // A 20-character key id is valid base64, of bytes that are not text: kept as it is.
    expect(decodeLegacyBytes(['AK', 'IA', 'YVP4CIPPERUVIFXG'].join(''))).toBeUndefined();
    // A hex token of 40 characters likewise.
    expect(decodeLegacyBytes('7307b307f4f0dde421900f8e5126fadac1e13aed')).toBeUndefined();
    expect(decodeLegacyBytes('not base64!')).toBeUndefined();
    expect(decodeLegacyBytes(Buffer.from([0, 1, 2, 3]).toString('base64'))).toBeUndefined();
  });
});
