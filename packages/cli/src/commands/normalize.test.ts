import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingsJsonErrors, officialSarifErrors } from '../test-support/output-validation';
import { runCli } from '../test-support/run-cli';
import { hasSharedFixtures, REPO_ROOT, sharedFixtureFiles } from '../test-support/shared-fixtures';

const tmp = () => mkdtempSync(join(tmpdir(), 'gatehouse-normalize-'));
const banditFixture = join(REPO_ROOT, 'packages/scanners/src/bandit/__fixtures__');
const BANDIT_REPORT = 'v1.7-cwe-columns-scoped-nosec.json';

function readOutputs(out: string) {
  return {
    findings: JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')),
    sarif: JSON.parse(readFileSync(join(out, 'results.sarif'), 'utf8')),
    summary: readFileSync(join(out, 'summary.md'), 'utf8'),
  };
}

describe('gatehouse normalize', () => {
  const sarifFiles = sharedFixtureFiles((_folder, file) => file.endsWith('.sarif'));
  const banditFiles = sharedFixtureFiles((folder) => folder === 'bandit');

  it.skipIf(!hasSharedFixtures).each([...sarifFiles.map((f) => ['sarif', f]), ...banditFiles.map((f) => ['bandit', f])])(
    'turns ../shared/fixtures %s report %s into valid findings.json and SARIF',
    async (engine, file) => {
      const out = tmp();
      const run = await runCli(['normalize', '--from', engine!, file!, '--out', out], tmp());
      const { findings, sarif } = readOutputs(out);
      expect(findingsJsonErrors(findings)).toEqual([]);
      expect(officialSarifErrors(sarif)).toEqual([]);
      const status = findings.engines[0].status;
      // Exit code follows the verdict; 2 only when the report itself says the scan was incomplete.
      expect(run.code).toBe({ pass: 0, warn: 0, block: 1, incomplete: 2 }[findings.decision.verdict as string]);
      if (run.code === 2) expect(status).toBe('incomplete');
    },
  );

  it('exits 2 naming the file for an empty object, a truncated report and UTF-16 input', async () => {
    const dir = tmp();
    const real = readFileSync(join(banditFixture, BANDIT_REPORT), 'utf8');
    const cases: Record<string, Buffer> = {
      'empty-object.json': Buffer.from('{}'),
      'truncated.json': Buffer.from(real.slice(0, Math.floor(real.length / 2))),
      'utf16.json': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(real, 'utf16le')]),
    };
    for (const [name, bytes] of Object.entries(cases)) {
      writeFileSync(join(dir, name), bytes);
      const run = await runCli(['normalize', '--from', 'bandit', name, '--out', join(dir, 'out')], dir);
      expect(run.code, name).toBe(2);
      expect(run.stderr, name).toContain(name);
      expect(existsSync(join(dir, 'out', 'findings.json')), name).toBe(false);
    }
  });

  it('exits 2 for an unknown engine, listing the known ones', async () => {
    const run = await runCli(['normalize', '--from', 'trivvy', 'x.json'], tmp());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown engine "trivvy"; known engines: .*bandit/);
  });

  it('leaves no stale findings.json when a later run fails', async () => {
    const dir = tmp();
    const good = join(dir, 'good.json');
    copyFileSync(join(banditFixture, BANDIT_REPORT), good);
    const out = join(dir, 'out');
    await runCli(['normalize', '--from', 'bandit', basename(good), '--out', out], dir);
    expect(existsSync(join(out, 'findings.json'))).toBe(true);
    writeFileSync(join(dir, 'bad.json'), '{"results": [');
    const failed = await runCli(['normalize', '--from', 'bandit', 'bad.json', '--out', out], dir);
    expect(failed.code).toBe(2);
    expect(existsSync(join(out, 'findings.json'))).toBe(false);
  });

  it('exits 2 with file:line:col for an invalid policy', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'policy.yml'), 'version: 1\nblockk: high\n');
    copyFileSync(join(banditFixture, BANDIT_REPORT), join(dir, 'r.json'));
    const run = await runCli(['normalize', '--from', 'bandit', 'r.json', '--policy', 'policy.yml'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/policy\.yml:2:1/);
  });
});

