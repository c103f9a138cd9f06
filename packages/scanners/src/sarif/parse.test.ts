import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { finalizeFindings, hashSecret, ParseError } from '@gatehouse/findings';
import type { ParseContext } from '../adapter';
import { parseSarif } from './parse';

const SALT = 'sarif-test-salt-0123456789';
const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const context = (file: string, extra: Partial<ParseContext> = {}): ParseContext => ({ file, workspace: '/ws', salt: SALT, ...extra });
const parse = (name: string, extra: Partial<ParseContext> = {}) => parseSarif(fixture(name), context(name, extra));

describe('SARIF levels and severities', () => {
  const { findings, nativeCount, notes } = parse('levels-and-rule-defaults.sarif');
  const byMessage = (text: string) => findings.find((f) => f.message === text)!;

  it("gives a result without level its rule's default level", () => {
    expect(byMessage("takes the rule's level")).toMatchObject({ severity: 'high', severityBasis: { kind: 'tool', label: 'level error (rule default)' } });
  });

  it("prefers the result's own level", () => {
    expect(byMessage('own level wins')).toMatchObject({ severity: 'low', severityBasis: { kind: 'tool', label: 'level note' } });
  });

  it('falls back to the specification default "warning" as a default basis', () => {
    expect(byMessage('spec default')).toMatchObject({ severity: 'medium', severityBasis: { kind: 'default' } });
  });

  it('takes security-severity as the tool rating, before the level', () => {
    const scored = byMessage('scored');
    expect(scored).toMatchObject({ severity: 'critical', severityBasis: { kind: 'tool', label: 'security-severity 9.8', source: 'ExampleLint' }, confidence: 'high' });
    expect(scored.identifiers).toEqual([
      { type: 'CWE', value: 'CWE-89' },
      { type: 'OWASP', value: 'A03:2021' },
    ]);
    expect(scored.references).toEqual(['https://example.invalid/rules/EX003']);
    expect(scored.sources[0]).toMatchObject({ engine: 'sarif', engineVersion: '3.2.1', nativeId: 'EX003', nativeSeverity: '9.8' });
  });

  it('gives a non-failure kind the level none, and leaves pass results out of the count', () => {
    expect(byMessage('needs a look').severity).toBe('info');
    expect(findings).toHaveLength(5);
    expect(nativeCount).toBe(5);
    expect(notes).toContain('1 results of kind pass/notApplicable are not problems and were not read as findings');
  });

  it('keeps line and column, with repository-relative paths', () => {
    expect(byMessage("takes the rule's level").location).toEqual({ kind: 'code', path: 'app/run.py', startLine: 4, startColumn: 5 });
    expect(byMessage("takes the rule's level")).toMatchObject({ category: 'sast', title: 'Command built from user input', ruleId: 'EX001' });
  });
});

describe('SARIF rules and locations', () => {
  const { findings } = parse('extension-rules-and-uri-bases.sarif');
  const byMessage = (text: string) => findings.find((f) => f.message.startsWith(text))!;

  it('finds rules in tool.extensions through rule.toolComponent and rule.index', () => {
    expect(byMessage('by extension index')).toMatchObject({
      ruleId: 'py/command-line-injection',
      title: 'Uncontrolled command line',
      severity: 'critical',
      identifiers: [{ type: 'CWE', value: 'CWE-78' }],
    });
  });

  it('finds extension rules by id', () => {
    expect(byMessage('by id')).toMatchObject({ title: 'Unused import', severity: 'low' });
  });

  it('resolves chained uriBaseIds and artifact indices to repository paths', () => {
    expect(byMessage('by extension index').location).toMatchObject({ path: 'app/main.py', startLine: 3 });
    expect(byMessage('by id').location).toMatchObject({ path: 'lib/util.py', startLine: 1 });
  });

  it('takes the path below a base outside the workspace as repository-relative, decoding %20', () => {
    expect(byMessage('report made on a runner').location).toMatchObject({ kind: 'code', path: 'src/a b.py', startLine: 2 });
  });

  it('keeps results whose location is not a repository file at repository level, saying why', () => {
    expect(byMessage('not a file').location).toEqual({ kind: 'repository' });
    expect(byMessage('not a file').message).toContain('not a file in the repository');
    expect(byMessage('leaves the workspace').location).toEqual({ kind: 'repository' });
    expect(byMessage('leaves the workspace').message).toContain('path leaves the workspace');
  });
});

describe('SARIF incompleteness', () => {
  it('reports executionSuccessful false and error notifications, and a run without results', () => {
    const r = parse('tool-reported-failure.sarif');
    expect(r.findings).toEqual([]);
    expect(r.incomplete).toEqual([
      'ExampleLint: the tool reported executionSuccessful: false (exit code 2: configuration error)',
      'ExampleLint: Could not parse src/broken.py (src/broken.py)',
      'ExampleLint: rule pack missing',
      'OtherTool: run 1 has no "results" array, so the tool did not report its results',
    ]);
  });

  it('accepts runs: [] as a legal empty log', () => {
    expect(parse('no-runs.sarif')).toMatchObject({ findings: [], skipped: [], incomplete: [], nativeCount: 0 });
  });

  it('skips and counts a bad result, keeping the others', () => {
    const r = parse('one-bad-result.sarif');
    expect(r.findings.map((f) => f.message)).toEqual(['fine', 'also fine']);
    expect(r.skipped.map((s) => s.at)).toEqual(['runs[0].results[1]', 'runs[0].results[2]']);
    expect(r.skipped[0]!.reason).toMatch(/ruleId/);
    expect(r.nativeCount).toBe(4);
  });
});

describe('SARIF suppressions', () => {
  const { findings, notes } = parse('suppressions.sarif');
  it('keeps inSource suppressions as inline-suppressed findings', () => {
    const [suppressed] = finalizeFindings([findings[0]!]).findings;
    expect(suppressed).toMatchObject({ status: 'suppressed', suppression: { kind: 'inline', ref: 'sarif:inSource' } });
  });

  it('does not honour external or not-yet-accepted suppressions', () => {
    expect(findings[1]!.suppression).toBeUndefined();
    expect(findings[2]!.suppression).toBeUndefined();
    expect(notes!.join('\n')).toMatch(/1 results carry external suppressions, which are not honoured/);
  });
});

describe('secrets in SARIF', () => {
  const secretValue = () => `tok-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
  const gitleaks8 = (value: string) =>
    JSON.stringify({
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'gitleaks', semanticVersion: 'v8.18.0', rules: [{ id: 'generic-api-key', shortDescription: { text: 'Generic API Key' } }] } },
          results: [
            {
              ruleId: 'generic-api-key',
              message: { text: `generic-api-key has detected secret for file config.py: ${value}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: 'config.py' }, region: { startLine: 3, snippet: { text: value } } } }],
              partialFingerprints: { commitSha: 'abc1234def', email: 'dev@example.invalid', commitMessage: 'add config' },
            },
          ],
        },
      ],
    });

  it('hashes and masks the value, reports it to onSecretValue, and keeps it out of the finding', () => {
    const value = secretValue();
    const seen: string[] = [];
    const r = parseSarif(gitleaks8(value), context('gitleaks.sarif', { onSecretValue: (v) => seen.push(v) }));
    const [finding] = finalizeFindings(r.findings).findings;
    expect(seen).toEqual([value]);
    expect(finding).toMatchObject({ category: 'secret', severity: 'high', secret: { hash: hashSecret(value, SALT), preview: value.slice(0, 4) + '…' } });
    expect(finding!.location).toMatchObject({ path: 'config.py', startLine: 3, commit: 'abc1234def' });
    expect(JSON.stringify(finding)).not.toContain(value);
  });

  it("reads gitleaks 7's offender property and never keeps its line snippet", () => {
    const value = secretValue();
    const doc = {
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'Gitleaks', semanticVersion: 'v7.4.0', rules: [{ id: 'Generic Token', name: 'Generic Token' }] } },
          results: [
            {
              message: { text: 'Generic Token secret detected' },
              properties: { offender: value, commit: 'deadbeefcafe' },
              locations: [{ physicalLocation: { artifactLocation: { uri: 'x.env' }, region: { startLine: 1, snippet: { text: `TOKEN=${value}` } } } }],
            },
          ],
        },
      ],
    };
    const r = parseSarif(JSON.stringify(doc), context('v7.sarif'));
    expect(r.findings[0]).toMatchObject({ ruleId: 'Generic Token', secret: { hash: hashSecret(value, SALT) } });
    expect(r.findings[0]!.identityHints).toEqual({});
    expect(JSON.stringify(r.findings)).not.toContain(value);
  });

  it('drops the message of a secret result whose value it cannot tell apart', () => {
    const value = secretValue();
    const doc = {
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'SomeSecretTool', rules: [{ id: 'token', properties: { tags: ['secret'] } }] } },
          results: [{ ruleId: 'token', message: { text: `found ${value}` }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a.txt' }, region: { startLine: 1, snippet: { text: value } } } }] }],
        },
      ],
    };
    const r = parseSarif(JSON.stringify(doc), context('s.sarif'));
    expect(r.findings[0]).toMatchObject({ category: 'secret', secret: { preview: '****' } });
    expect(JSON.stringify(r.findings)).not.toContain(value);
  });
});

describe('SARIF categories', () => {
  const run = (tool: string, rule: Record<string, unknown>, result: Record<string, unknown> = {}, properties?: Record<string, unknown>) =>
    parseSarif(
      JSON.stringify({
        version: '2.1.0',
        runs: [{ tool: { driver: { name: tool, rules: [rule] } }, ...(properties ? { properties } : {}), results: [{ ruleId: rule.id, message: { text: 'm' }, ...result }] }],
      }),
      context('c.sarif'),
    ).findings[0]!;

  it('reads trivy misconfigurations as iac and trivy secrets as secrets', () => {
    expect(run('Trivy', { id: 'DS002', properties: { tags: ['misconfiguration', 'HIGH'] } }).category).toBe('iac');
    expect(run('Trivy', { id: 'github-pat', properties: { tags: ['secret', 'CRITICAL'] } }).category).toBe('secret');
  });

  it('reads a vulnerability with a purl as a package finding, with the fixed version', () => {
    const f = run(
      'grype',
      { id: 'GHSA-jfh8-c2jp-5v3q-log4j-core', help: { text: 'Fix Version: 2.15.0' }, properties: { purls: ['pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1'] } },
      { locations: [{ physicalLocation: { artifactLocation: { uri: 'pom.xml' } } }] },
    );
    expect(f).toMatchObject({
      category: 'sca',
      aliases: ['GHSA-jfh8-c2jp-5v3q'],
      location: { kind: 'package', ecosystem: 'maven', name: 'org.apache.logging.log4j/log4j-core', version: '2.14.1', manifest: 'pom.xml' },
      fix: { available: true, versions: ['2.15.0'], state: 'fixed' },
    });
  });

  it('reads a vulnerability in an image as a container finding', () => {
    const f = run('Trivy', { id: 'CVE-2021-36159', properties: { tags: ['vulnerability'] } }, { message: { text: 'Package: apk-tools\nInstalled Version: 2.10.6-r0\nFixed Version: 2.10.7-r0' } }, { imageName: 'alpine:3.10' });
    expect(f).toMatchObject({ category: 'container', location: { kind: 'image', ref: 'alpine:3.10', name: 'apk-tools', version: '2.10.6-r0' }, fix: { versions: ['2.10.7-r0'] } });
  });

  it('reads CodeQL, semgrep and unknown tools as sast', () => {
    expect(run('CodeQL', { id: 'js/xss' }).category).toBe('sast');
    expect(run('Semgrep OSS', { id: 'x' }).category).toBe('sast');
    expect(run('SomethingElse', { id: 'x' }).category).toBe('sast');
  });
});

describe('SARIF signature', () => {
  it.each([
    ['{}', /no "version" or "runs"/],
    ['[]', /expected a JSON object/],
    ['{"version":"2.0.0","runs":[]}', /unsupported SARIF version "2.0.0"/],
    ['{"runs":[]}', /unsupported SARIF version null/],
    ['{"version":"2.1.0","runs":{}}', /"runs" is not an array/],
    ['{"SchemaVersion":2,"Results":[]}', /no "version" or "runs"/],
  ])('refuses %s with a ParseError naming the file', (text, message) => {
    const error = (() => {
      try {
        parseSarif(text, context('report.sarif'));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ParseError);
    expect((error as Error).message).toMatch(/^report\.sarif/);
    expect((error as Error).message).toMatch(message);
  });
});
