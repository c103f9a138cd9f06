import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { finalizeFindings, mergeFindings } from '@gatehouse/findings';
import { parseTrivy } from '../trivy/parse';
import { parseContainerHardening } from './parse';
import { runContainerHardening } from './run';

const FIXTURES = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const dockerfile = readFileSync(`${FIXTURES}vulnerable-app/Dockerfile`, 'utf8').split('\n');
const readLine = (path: string, line: number) => (path === 'vulnerable-app/Dockerfile' ? dockerfile[line - 1] : undefined);

/** What trivy config 0.75 reports for the demo Dockerfile (checks DS-0001, DS-0002, DS-0026). */
const trivyReport = JSON.stringify({
  SchemaVersion: 2,
  ArtifactName: 'vulnerable-app',
  ArtifactType: 'filesystem',
  Results: [
    {
      Target: 'Dockerfile',
      Class: 'config',
      Type: 'dockerfile',
      Misconfigurations: [
        { ID: 'DS-0001', Title: "':latest' tag used", Message: "Specify a tag in the 'FROM' statement for image 'python'", Severity: 'MEDIUM', Status: 'FAIL', CauseMetadata: { StartLine: 2, EndLine: 2, Code: { Lines: [{ Number: 2, Content: 'FROM python:latest', IsCause: true }] } } },
        { ID: 'DS-0002', Title: "Image user should not be 'root'", Message: 'Specify at least 1 USER command in Dockerfile with non-root user as argument', Severity: 'HIGH', Status: 'FAIL', CauseMetadata: { Provider: 'Dockerfile' } },
        { ID: 'DS-0026', Title: 'No HEALTHCHECK defined', Message: 'Add HEALTHCHECK instruction in your Dockerfile', Severity: 'LOW', Status: 'FAIL', CauseMetadata: { Provider: 'Dockerfile' } },
      ],
    },
  ],
});

describe('container hardening and trivy config on the same Dockerfile', () => {
  const salted = { workspace: FIXTURES.replace(/\/$/, ''), salt: 'merge-test-salt-0123456789' };

  it.each([
    ['with the source at hand (on a runner)', readLine],
    ['from the reports alone (gatehouse normalize)', undefined],
  ])('merge into one finding per problem with both engines as sources, %s', async (_label, reader) => {
    const hardeningText = await runContainerHardening({ executable: '', workspace: salted.workspace, targets: ['vulnerable-app/Dockerfile'], reportPath: '', mode: 'full' }, new AbortController().signal);
    const hardening = parseContainerHardening(hardeningText, { file: 'hardening.json', ...salted }).findings;
    const trivy = parseTrivy(trivyReport, { file: 'trivy.json', ...salted }).findings;
    const options = reader ? { readLine: reader } : {};
    const merged = mergeFindings([...finalizeFindings(hardening, options).findings, ...finalizeFindings(trivy, options).findings]);
    const sourcesOf = (ruleId: string) => merged.filter((f) => f.ruleId === ruleId).map((f) => f.sources.map((s) => s.engine).sort());
    expect(sourcesOf('DS-0001')).toEqual([['container-hardening', 'trivy']]);
    expect(sourcesOf('DS-0002')).toEqual([['container-hardening', 'trivy']]);
    expect(sourcesOf('DS-0026')).toEqual([['container-hardening', 'trivy']]);
    expect(sourcesOf('CH-PIP-UNPINNED')).toEqual([['container-hardening']]);
  });
});
