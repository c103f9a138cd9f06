import { describe, expect, it } from 'vitest';
import { finalizeFindings, mergeFindings, type Finding } from '@gatehouse/findings';
import type { ParseContext, ParseResult, ScannerAdapter } from '../adapter';
import { gitleaksAdapter } from '../gitleaks';
import { sarifAdapter } from '../sarif';
import { buildSecretIncidentReport, exampleSecret, incidentReportLines, SECRET_RULES, type ExampleSecret } from '../secret-rules';
import { secretlintAdapter } from '../secretlint';
import { lintText } from '../secretlint/lint-text';
import { trufflehogAdapter } from '../trufflehog';

/**
 * Ten distinct fake secrets of ten kinds, made at run time, go through each secret engine's parser
 * in the report shapes the real tools write, then finalize and merge. None of the values may
 * appear in the findings, the notes, the skipped reasons, the errors, or an incident report;
 * `onSecretValue` must have received every one (so the Actions log masks them).
 */

const SALT = 'leak-test-salt-0123456789abcdef';
const SECRETS: ExampleSecret[] = SECRET_RULES.map((rule) => exampleSecret(rule.id, 'live'));
const COMMIT = 'c0ffee0000000000000000000000000000000001';

const pathOf = (i: number) => `services/svc-${i}/settings.env`;
const lineOf = (s: ExampleSecret) => s.text.split('\n')[0]!;

function gitleaksV8(withTemplateLine: boolean): string {
  return JSON.stringify(
    SECRETS.map((s, i) => ({
      RuleID: s.ruleId,
      Description: 'x',
      StartLine: 1,
      EndLine: s.value.split('\n').length,
      StartColumn: 1,
      EndColumn: 10,
      ...(withTemplateLine ? { Line: lineOf(s) } : {}),
      Match: lineOf(s),
      Secret: s.value,
      File: pathOf(i),
      Commit: COMMIT,
      Author: 'Dana',
      Email: 'dana@example.test',
      Date: '2024-01-01T00:00:00Z',
      Message: `commit that added ${s.value}`,
      Tags: [],
      Fingerprint: `${COMMIT}:${pathOf(i)}:${s.ruleId}:1`,
    })),
  );
}

function gitleaksV7(): string {
  return JSON.stringify(
    SECRETS.map((s, i) => ({ line: lineOf(s), lineNumber: 1, offender: s.value, offenderEntropy: -1, commit: COMMIT, repo: 'r', repoURL: '', leakURL: '', rule: s.ruleId, commitMessage: s.value, author: 'Dana', email: 'd@example.test', file: pathOf(i), date: '2021-01-01T00:00:00Z', tags: 'key' })),
  );
}

function trufflehog(legacyBase64: boolean): string {
  return SECRETS.map((s, i) =>
    JSON.stringify({
      SourceMetadata: { Data: { Git: { commit: COMMIT, file: pathOf(i), email: 'Dana <dana@example.test>', line: 1 } } },
      SourceType: 16,
      SourceName: 'trufflehog - git',
      DetectorName: s.ruleId,
      ...(legacyBase64 ? {} : { DecoderName: 'PLAIN' }),
      Verified: i % 2 === 0,
      ...(i === 3 ? { VerificationError: `failed to verify ${s.value}` } : {}),
      Raw: legacyBase64 ? Buffer.from(s.value).toString('base64') : s.value,
      RawV2: legacyBase64 ? Buffer.from(`${s.value}:extra`).toString('base64') : `${s.value}:extra`,
      Redacted: s.value.slice(0, 4),
      ExtraData: { note: s.value },
    }),
  ).join('\n');
}

function gitleaksSarif(): string {
  return JSON.stringify({
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'gitleaks', semanticVersion: 'v8.30.1', rules: SECRETS.map((s) => ({ id: s.ruleId, shortDescription: { text: s.ruleId } })) } },
        results: SECRETS.map((s, i) => ({
          message: { text: `${s.ruleId} has detected secret for file ${pathOf(i)} at commit ${COMMIT}.` },
          ruleId: s.ruleId,
          locations: [{ physicalLocation: { artifactLocation: { uri: pathOf(i) }, region: { startLine: 1, snippet: { text: s.value } } } }],
          partialFingerprints: { commitSha: COMMIT, email: 'dana@example.test', author: 'Dana', date: '2024-01-01T00:00:00Z', commitMessage: 'add' },
        })),
      },
    ],
  });
}

async function secretlintRunnerReport(): Promise<string> {
  const results = await Promise.all(SECRETS.map((s, i) => lintText(`# settings\n${s.text}`, pathOf(i))));
  return JSON.stringify(results);
}

/** secretlint's own CLI JSON: masked messages, the whole file in sourceContent. */
async function secretlintCliReport(): Promise<string> {
  const results = await Promise.all(SECRETS.map((s, i) => lintText(`# settings\n${s.text}`, pathOf(i))));
  return JSON.stringify(
    results.map((r, i) => ({
      filePath: `/home/dev/shop/${r.filePath}`,
      sourceContent: `# settings\n${SECRETS[i]!.text}`,
      sourceContentType: 'text',
      messages: r.messages.map((m) => ({ ...m, message: m.message.replace(SECRETS[i]!.value, '***'), data: { ...m.data, CREDENTIAL: '***' } })),
    })),
  );
}

interface Parsed {
  name: string;
  result: ParseResult;
  seen: Set<string>;
}

function parse(name: string, adapter: ScannerAdapter, content: string): Parsed {
  const seen = new Set<string>();
  const ctx: ParseContext = { file: name, workspace: '/home/dev/shop', salt: SALT, onSecretValue: (v) => seen.add(v) };
  return { name, result: adapter.parse(content, ctx), seen };
}

/** Every substring of the values that would give one away: the whole value and, for multi-line keys, each line. */
const tells = SECRETS.flatMap((s) => [s.value, ...s.value.split('\n').filter((l) => l.length >= 16 && !l.startsWith('-----'))]);

function expectNoValue(text: string, where: string) {
  for (const tell of tells) expect(text.includes(tell), `${where} holds a secret value`).toBe(false);
}

describe('no secret value leaves the secret engines', () => {
  it('uses ten distinct fake secrets of different kinds', () => {
    expect(new Set(SECRETS.map((s) => s.value)).size).toBe(10);
    expect(new Set(SECRETS.map((s) => s.ruleId)).size).toBe(10);
  });

  it('in findings (finalized and merged), notes, skipped reasons and incident reports; every value reaches onSecretValue', async () => {
    const runs: Parsed[] = [
      parse('gitleaks-v8.json', gitleaksAdapter, gitleaksV8(false)),
      parse('gitleaks-jsonextra.json', gitleaksAdapter, gitleaksV8(true)),
      parse('gitleaks-v7.json', gitleaksAdapter, gitleaksV7()),
      parse('trufflehog.jsonl', trufflehogAdapter, trufflehog(false)),
      parse('trufflehog-early-v3.jsonl', trufflehogAdapter, trufflehog(true)),
      parse('gitleaks.sarif', sarifAdapter, gitleaksSarif()),
      parse('secretlint-runner.json', secretlintAdapter, await secretlintRunnerReport()),
      parse('secretlint-cli.json', secretlintAdapter, await secretlintCliReport()),
    ];
    const all: Finding[] = [];
    for (const run of runs) {
      expect(run.result.findings.length, run.name).toBeGreaterThanOrEqual(10);
      for (const s of SECRETS) expect(run.seen.has(s.value), `${run.name}: onSecretValue got ${s.ruleId}`).toBe(true);
      const { findings, rejected } = finalizeFindings(run.result.findings);
      expect(rejected, run.name).toEqual([]);
      expectNoValue(JSON.stringify({ findings, notes: run.result.notes, skipped: run.result.skipped, incomplete: run.result.incomplete }), run.name);
      all.push(...findings);
    }
    const merged = mergeFindings(all);
    expectNoValue(JSON.stringify(merged), 'merged findings');
    const reports = merged.map((f) => buildSecretIncidentReport(f, { serverUrl: 'https://github.com', repository: 'acme/shop' }));
    expectNoValue(JSON.stringify(reports), 'incident reports');
    expectNoValue(reports.flatMap(incidentReportLines).join('\n'), 'incident report text');
    // The same secret found by several engines is one finding.
    const stripe = SECRETS[0]!;
    const stripeFindings = merged.filter((f) => f.location.kind === 'code' && f.location.path === pathOf(0) && f.secret?.hash);
    expect(new Set(stripeFindings.map((f) => f.id)).size).toBe(1);
    expect(new Set(stripeFindings[0]!.sources.map((s) => s.engine))).toEqual(new Set(['gitleaks', 'trufflehog', 'sarif', 'secretlint']));
    expect(stripe.value).not.toBe('');
  });

  it('in the errors of cut-off and garbled reports, and in the reasons for entries that cannot be read', () => {
    const reports: [string, ScannerAdapter, string][] = [
      ['gitleaks-v8.json', gitleaksAdapter, gitleaksV8(false)],
      ['gitleaks-v7.json', gitleaksAdapter, gitleaksV7()],
      ['trufflehog.jsonl', trufflehogAdapter, trufflehog(false)],
      ['gitleaks.sarif', sarifAdapter, gitleaksSarif()],
    ];
    for (const [name, adapter, content] of reports) {
      for (const s of SECRETS) {
        // Cut right after the value, and break the JSON right after it: the error is at the secret.
        const at = content.indexOf(JSON.stringify(s.value).slice(1, -1)) + JSON.stringify(s.value).length - 2;
        for (const broken of [content.slice(0, at), `${content.slice(0, at)}" garbage ${content.slice(at)}`, `${content.slice(0, at + 1)} x ${content.slice(at + 1)}`]) {
          try {
            const result = adapter.parse(broken, { file: name, workspace: '/home/dev/shop', salt: SALT });
            expectNoValue(JSON.stringify({ skipped: result.skipped, notes: result.notes, incomplete: result.incomplete }), `${name} (broken) result`);
          } catch (error) {
            expectNoValue(String((error as Error).message), `${name} error`);
          }
        }
      }
    }
    // V8's JSON errors quote up to ten characters around the error; none of a secret is kept.
    const value = SECRETS[0]!.value;
    const error = (() => {
      try {
        gitleaksAdapter.parse(`[{"RuleID":"x","Secret":["${value}",garbage]}]`, { file: 'g.json', workspace: '/w', salt: SALT });
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(error).toMatch(/^g\.json.*invalid JSON/);
    for (let i = 0; i + 6 <= value.length; i++) expect(error).not.toContain(value.slice(i, i + 6));
    // An entry that does not validate is skipped with a reason that never quotes it.
    const bad = JSON.stringify(SECRETS.map((s) => ({ RuleID: s.ruleId, StartLine: 'one', Secret: s.value, File: 7 })));
    const result = gitleaksAdapter.parse(bad, { file: 'bad.json', workspace: '/home/dev/shop', salt: SALT });
    expect(result.skipped).toHaveLength(10);
    expectNoValue(JSON.stringify(result.skipped), 'skipped reasons');
  });
});
