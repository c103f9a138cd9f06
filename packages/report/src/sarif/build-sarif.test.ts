import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeFinding, documentOf, packageFinding } from '../test-support/findings-factory';
import { sarifSchemaErrors } from '../test-support/sarif-schema';
import { hasShared, sharedPath } from '../test-support/shared-fixtures';
import { buildSarif } from './build-sarif';
import { lineHashes } from './line-hash';
import type { SarifLog } from './sarif-log';

const SOURCE = 'import subprocess\n\ndef run(cmd):\n    subprocess.call(cmd, shell=True)\n    return 0\n';

function mixedFindings() {
  return [
    codeFinding('shell', { location: { kind: 'code', path: 'app/main.py', startLine: 4, startColumn: 5, endColumn: 37 } }),
    codeFinding('eval', {
      ruleId: 'B307',
      title: 'Use of possibly insecure function - consider using safer ast.literal_eval.',
      severity: 'medium',
      severityBasis: { kind: 'tool', label: 'MEDIUM', source: 'bandit' },
      location: { kind: 'code', path: 'app/util.py', startLine: 12 },
    }),
    codeFinding('aws-key', {
      category: 'secret',
      ruleId: 'aws-access-token',
      title: 'AWS Access Key',
      message: 'found AKIAIOSFODNN7EXAMPLE in config',
      severity: 'high',
      severityBasis: { kind: 'default', reason: 'secrets are high by default' },
      identifiers: [],
      location: { kind: 'code', path: 'config/settings.py', startLine: 3 },
      secret: { hash: 'a'.repeat(64), preview: 'AKIA…' },
      sources: [{ engine: 'gitleaks', nativeId: 'aws-access-token' }],
    }),
    packageFinding('lodash'),
    packageFinding('image-openssl', {
      category: 'container',
      ruleId: 'CVE-2019-1549',
      title: 'openssl: information disclosure in fork()',
      severity: 'medium',
      severityBasis: { kind: 'vendor', label: 'MEDIUM', source: 'alpine' },
      identifiers: [{ type: 'CVE', value: 'CVE-2019-1549' }],
      aliases: ['CVE-2019-1549'],
      location: { kind: 'image', ref: 'alpine:3.9', name: 'openssl', version: '1.1.1c-r0', purl: 'pkg:apk/alpine/openssl@1.1.1c-r0' },
      fix: { available: true, versions: ['1.1.1d-r0'], state: 'fixed' },
      sources: [{ engine: 'trivy', nativeId: 'CVE-2019-1549' }],
      references: [],
    }),
    codeFinding('no-location', {
      ruleId: 'sarif/no-location',
      location: { kind: 'repository' },
      sources: [{ engine: 'sarif', nativeId: 'x' }],
    }),
    codeFinding('suppressed', {
      ruleId: 'B105',
      status: 'suppressed',
      suppression: { kind: 'inline', reason: '# nosec' },
      location: { kind: 'code', path: 'app/suppressed.py', startLine: 1 },
    }),
  ];
}

function results(sarif: SarifLog) {
  return sarif.runs.flatMap((run) => run.results.map((result) => ({ run, result })));
}

describe('buildSarif', () => {
  it('writes SARIF that validates against the official 2.1.0 schema', () => {
    const { sarif, json } = buildSarif(documentOf(mixedFindings()), { readFile: () => SOURCE });
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(JSON.parse(json)).toEqual(sarif);
  });

  it('leaves suppressed findings out and counts them', () => {
    const { sarif, omitted } = buildSarif(documentOf(mixedFindings()));
    expect(JSON.stringify(sarif)).not.toContain('app/suppressed.py');
    expect(omitted.suppressed).toBe(1);
    expect(omitted.total).toBe(0);
  });

  it('makes one run per engine, each with its own category', () => {
    const { sarif } = buildSarif(documentOf(mixedFindings()));
    const categories = sarif.runs.map((r) => r.automationDetails.id).sort();
    expect(categories).toEqual(['gatehouse/bandit/', 'gatehouse/gitleaks/', 'gatehouse/npm-audit/', 'gatehouse/sarif/', 'gatehouse/trivy/']);
    for (const run of sarif.runs) {
      const engine = run.automationDetails.id.split('/')[1];
      expect(run.tool.driver.name).toBe(`gatehouse/${engine}`);
      expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
      expect(run.tool.driver.version).toBe('0.1.0');
      const primaryOf = new Map(mixedFindings().map((f) => [f.id, f.sources[0]!.engine]));
      for (const result of run.results) expect(primaryOf.get(result.partialFingerprints['gatehouse/v1']!)).toBe(engine);
    }
  });

  it('puts a merged finding in the run of its first source engine only', () => {
    const merged = packageFinding('merged', {
      sources: [
        { engine: 'osv-scanner', nativeId: 'GHSA-p6mc-m468-83gw' },
        { engine: 'npm-audit', nativeId: '1523' },
      ],
    });
    const { sarif } = buildSarif(documentOf([merged], { engines: [{ id: 'osv-scanner', status: 'ran' }, { id: 'npm-audit', status: 'ran' }] }));
    const byCategory = Object.fromEntries(sarif.runs.map((r) => [r.automationDetails.id, r.results.length]));
    expect(byCategory).toEqual({ 'gatehouse/osv-scanner/': 1, 'gatehouse/npm-audit/': 0 });
    expect(results(sarif)[0]!.result.properties.engines).toEqual(['osv-scanner', 'npm-audit']);
  });

  it('keeps ruleIds stable whatever order findings and engines come in', () => {
    const findings = mixedFindings();
    const ids = (sarif: SarifLog) =>
      Object.fromEntries(results(sarif).map(({ result }) => [result.partialFingerprints['gatehouse/v1'], result.ruleId]));
    const first = ids(buildSarif(documentOf(findings)).sarif);
    const second = ids(buildSarif(documentOf([...findings].reverse())).sarif);
    expect(second).toEqual(first);
    const rulesOf = (sarif: SarifLog) => sarif.runs.map((r) => r.tool.driver.rules!.map((rule) => rule.id));
    expect(rulesOf(buildSarif(documentOf([...findings].reverse())).sarif).flat().sort()).toEqual(rulesOf(buildSarif(documentOf(findings)).sarif).flat().sort());
  });

  it('names a vulnerability rule by its canonical id, whichever alias the engine reported', () => {
    const viaGhsa = packageFinding('a');
    const viaCve = packageFinding('a', { ruleId: 'CVE-2020-8203' });
    const rule = (f: typeof viaGhsa) => results(buildSarif(documentOf([f])).sarif)[0]!.result.ruleId;
    expect(rule(viaGhsa)).toBe('CVE-2020-8203');
    expect(rule(viaCve)).toBe('CVE-2020-8203');
  });

  it('points at repository-relative URIs from %SRCROOT%, percent-encoded', () => {
    const odd = codeFinding('odd', { location: { kind: 'code', path: 'src/my dir/a#b:c.py', startLine: 2 } });
    const { sarif } = buildSarif(documentOf([...mixedFindings(), odd]));
    for (const { result } of results(sarif)) {
      const artifact = result.locations[0]!.physicalLocation.artifactLocation;
      expect(artifact.uriBaseId).toBe('%SRCROOT%');
      expect(artifact.uri).not.toMatch(/^\/|^[a-z][a-z0-9+.-]*:|\.\.|\\/i);
    }
    const uris = results(sarif).map(({ result }) => result.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toContain('src/my%20dir/a%23b%3Ac.py');
    expect(uris).toContain('app/main.py');
    expect(uris).toContain('package-lock.json');
  });

  it('locates a package finding at its manifest, line 1, naming the package', () => {
    const { sarif } = buildSarif(documentOf([packageFinding('lodash')]));
    const { result } = results(sarif)[0]!;
    expect(result.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'package-lock.json', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1 },
    });
    expect(result.locations[0]!.logicalLocations).toEqual([{ kind: 'package', name: 'lodash@4.17.15', fullyQualifiedName: 'pkg:npm/lodash@4.17.15' }]);
    expect(result.message.text).toContain('lodash 4.17.15');
    expect(result.message.text).toBe('lodash 4.17.15 (npm): lodash 4.17.15 is affected. Fixed in 4.17.19.');
  });

  it('locates image findings at the Dockerfile when known, else at a stable pseudo-path', () => {
    const image = mixedFindings().find((f) => f.location.kind === 'image')!;
    const pseudo = results(buildSarif(documentOf([image])).sarif)[0]!.result;
    expect(pseudo.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: '.gatehouse/images/alpine', uriBaseId: '%SRCROOT%' },
    });
    expect(pseudo.locations[0]!.logicalLocations?.[0]).toEqual({ kind: 'module', name: 'alpine:3.9', fullyQualifiedName: 'alpine:3.9' });
    const withDockerfile = results(buildSarif(documentOf([image]), { dockerfile: 'docker/Dockerfile' }).sarif)[0]!.result;
    expect(withDockerfile.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'docker/Dockerfile', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1 },
    });
  });

  it('sets security-severity from the CVSS score, else from the severity', () => {
    const { sarif } = buildSarif(documentOf(mixedFindings()));
    const rules = Object.fromEntries(sarif.runs.flatMap((r) => r.tool.driver.rules!).map((r) => [r.id, r]));
    expect(rules['CVE-2020-8203']!.properties['security-severity']).toBe('7.4');
    expect(rules['B602']!.properties['security-severity']).toBe('8.0');
    expect(rules['B307']!.properties['security-severity']).toBe('5.5');
    expect(rules['CVE-2019-1549']!.properties['security-severity']).toBe('5.5');
    expect(rules['B602']!.defaultConfiguration.level).toBe('error');
    expect(rules['B307']!.defaultConfiguration.level).toBe('warning');
  });

  it('describes each rule for GitHub: descriptions, markdown help, help link and tags', () => {
    const { sarif } = buildSarif(documentOf(mixedFindings()));
    const rules = Object.fromEntries(sarif.runs.flatMap((r) => r.tool.driver.rules!).map((r) => [r.id, r]));
    const lodash = rules['CVE-2020-8203']!;
    expect(lodash.shortDescription.text).toBe('Prototype Pollution in lodash');
    expect(lodash.fullDescription.text).toContain('GHSA-p6mc-m468-83gw');
    expect(lodash.helpUri).toBe('https://nvd.nist.gov/vuln/detail/CVE-2020-8203');
    expect(lodash.help.markdown).toContain('upgrade to 4\\.17\\.19 or later');
    expect(lodash.properties.tags).toEqual(['security', 'sca', 'external/cwe/cwe-1321']);
    expect(rules['B602']!.properties.tags).toEqual(['security', 'sast', 'external/cwe/cwe-078']);
    expect(rules['B602']!.helpUri).toBe('https://cwe.mitre.org/data/definitions/78.html');
  });

  it('keeps at most the tag limit per rule, the telling tags first', () => {
    const tagged = codeFinding('tags', { tags: Array.from({ length: 40 }, (_, i) => `tag-${i}`) });
    const { sarif } = buildSarif(documentOf([tagged]));
    const tags = sarif.runs[0]!.tool.driver.rules![0]!.properties.tags;
    expect(tags).toHaveLength(20);
    expect(tags.slice(0, 3)).toEqual(['security', 'sast', 'external/cwe/cwe-078']);
  });

  it('gives a rule the security-severity of its most severe result', () => {
    const low = codeFinding('low', { severity: 'low', severityBasis: { kind: 'tool', label: 'LOW', source: 'bandit' } });
    const critical = codeFinding('critical', {
      severity: 'critical',
      severityBasis: { kind: 'tool', label: 'CRITICAL', source: 'bandit' },
      location: { kind: 'code', path: 'app/other.py', startLine: 1 },
    });
    const { sarif } = buildSarif(documentOf([low, critical]));
    expect(sarif.runs[0]!.tool.driver.rules).toHaveLength(1);
    expect(sarif.runs[0]!.tool.driver.rules![0]!.properties['security-severity']).toBe('9.5');
    expect(sarif.runs[0]!.results.map((r) => r.level)).toEqual(['error', 'note']);
  });
});

describe('buildSarif fingerprints', () => {
  it('computes primaryLocationLineHash from the source file as GitHub does, and carries the finding id', () => {
    const finding = codeFinding('shell', { location: { kind: 'code', path: 'app/main.py', startLine: 4 } });
    const { sarif } = buildSarif(documentOf([finding]), { readFile: (path) => (path === 'app/main.py' ? SOURCE : undefined) });
    expect(sarif.runs[0]!.results[0]!.partialFingerprints).toEqual({
      'gatehouse/v1': finding.id,
      primaryLocationLineHash: lineHashes(SOURCE)[3],
    });
  });

  it('gets the same hashes from a line reader as from a file reader for a newline-terminated file', () => {
    const finding = codeFinding('shell', { location: { kind: 'code', path: 'app/main.py', startLine: 4 } });
    const lines = SOURCE.split('\n');
    const viaLines = buildSarif(documentOf([finding]), { readLine: (_p, n) => (n <= lines.length - 1 ? lines[n - 1] : undefined) });
    const viaFile = buildSarif(documentOf([finding]), { readFile: () => SOURCE });
    expect(viaLines.sarif.runs[0]!.results[0]!.partialFingerprints).toEqual(viaFile.sarif.runs[0]!.results[0]!.partialFingerprints);
  });

  it('reads each source file once however many findings point into it', () => {
    const reads: string[] = [];
    const findings = [1, 2, 3, 4].map((line) => codeFinding(`l${line}`, { location: { kind: 'code', path: 'app/main.py', startLine: line } }));
    buildSarif(documentOf(findings), { readFile: (p) => (reads.push(p), SOURCE) });
    expect(reads).toEqual(['app/main.py']);
  });

  it('leaves the line hash out when the source is absent, so the upload can compute it', () => {
    const finding = codeFinding('shell');
    const { sarif } = buildSarif(documentOf([finding]), { readFile: () => undefined });
    expect(sarif.runs[0]!.results[0]!.partialFingerprints).toEqual({ 'gatehouse/v1': finding.id });
  });

  it('never hashes the line of a secret, and gives every package finding its own fingerprint', () => {
    const findings = mixedFindings();
    const { sarif } = buildSarif(documentOf(findings), { readFile: () => 'token = "AKIAIOSFODNN7EXAMPLE"\n' });
    const secret = sarif.runs.find((r) => r.automationDetails.id === 'gatehouse/gitleaks/')!.results[0]!;
    expect(Object.values(lineHashes('token = "AKIAIOSFODNN7EXAMPLE"\n'))).not.toContain(secret.partialFingerprints.primaryLocationLineHash);
    const a = packageFinding('lodash');
    const b = packageFinding('minimist', { location: { ...a.location, name: 'minimist', purl: 'pkg:npm/minimist@1.2.0' } as never });
    const hashes = results(buildSarif(documentOf([a, b]), { readFile: () => '{\n' }).sarif).map(
      ({ result }) => result.partialFingerprints.primaryLocationLineHash,
    );
    expect(new Set(hashes).size).toBe(2);
    for (const h of hashes) expect(h).toMatch(/^[0-9a-f]{16}:1$/);
  });

  it.skipIf(!hasShared('fixtures/codeql/codeql-action-fingerprinting2-expected.sarif'))(
    'matches codeql-action expected fingerprints for a file-level result: no line hash without a region',
    () => {
      const expected = JSON.parse(readFileSync(sharedPath('fixtures/codeql/codeql-action-fingerprinting2-expected.sarif'), 'utf8')) as {
        runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; partialFingerprints: Record<string, string> }[] }[];
      };
      const upstream = expected.runs[0]!.results[0]!;
      const finding = codeFinding('header', {
        ruleId: upstream.ruleId,
        location: { kind: 'code', path: upstream.locations[0]!.physicalLocation.artifactLocation.uri },
      });
      const ours = buildSarif(documentOf([finding]), { readFile: () => '#include <stdio.h>\n' }).sarif.runs[0]!.results[0]!;
      expect(ours.locations[0]!.physicalLocation.region).toBeUndefined();
      expect(ours.partialFingerprints.primaryLocationLineHash).toBe(upstream.partialFingerprints.primaryLocationLineHash);
    },
  );
});

describe('buildSarif engines and secrets', () => {
  it('writes an empty run for an engine that ran clean, so its old alerts close', () => {
    const doc = documentOf([codeFinding('a')], { engines: [{ id: 'bandit', status: 'ran' }, { id: 'semgrep', status: 'ran' }] });
    const run = buildSarif(doc).sarif.runs.find((r) => r.automationDetails.id === 'gatehouse/semgrep/')!;
    expect(run.results).toEqual([]);
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);
  });

  it('leaves out the run of an incomplete engine, saying so, rather than closing alerts it did not check', () => {
    const doc = documentOf([codeFinding('a'), codeFinding('b', { sources: [{ engine: 'semgrep', nativeId: 'x' }] })], {
      engines: [
        { id: 'bandit', status: 'ran' },
        { id: 'semgrep', status: 'incomplete', reason: 'timed out' },
        { id: 'trivy', status: 'not-run', reason: 'not installed' },
      ],
    });
    const { sarif, omitted } = buildSarif(doc);
    expect(sarif.runs.map((r) => r.automationDetails.id)).toEqual(['gatehouse/bandit/']);
    expect(omitted.engines).toEqual([{ engine: 'semgrep', total: 1, bySeverity: expect.objectContaining({ high: 1 }), byReason: { 'engine-incomplete': 1 } }]);
    const included = buildSarif(doc, { includeIncompleteEngines: true }).sarif.runs.find((r) => r.automationDetails.id === 'gatehouse/semgrep/')!;
    expect(included.invocations).toEqual([{ executionSuccessful: false }]);
  });

  it('shows only the masked preview of a secret, never the scanner text around it', () => {
    const { json } = buildSarif(documentOf(mixedFindings()), { readFile: () => SOURCE });
    expect(json).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(json).toContain('AKIA…');
  });

  it('bounds every string it writes', () => {
    const huge = 'x'.repeat(100_000);
    const finding = codeFinding('huge', { title: huge, message: huge, tags: [huge], references: [`https://example.com/${huge}`] });
    const { sarif } = buildSarif(documentOf([finding]));
    const strings: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === 'string') strings.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(sarif);
    expect(Math.max(...strings.map((s) => s.length))).toBeLessThanOrEqual(8_000);
    expect(sarifSchemaErrors(sarif)).toEqual([]);
  });

  it('escapes brackets so scanner text cannot become a SARIF embedded link', () => {
    const finding = codeFinding('link', { message: 'see [here](1) and [x](javascript:alert(1))' });
    const { sarif } = buildSarif(documentOf([finding]));
    expect(sarif.runs[0]!.results[0]!.message.text).toBe('see \\[here\\](1) and \\[x\\](javascript:alert(1))');
  });
});
