import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inputEnvironmentName, readInputs } from '@gatehouse/action-kit';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { scanActionInputManifest, scanActionInputs } from './scan-action-inputs';

describe('the common inputs of scanning actions', () => {
  it('are documented for action.yml exactly as the schema reads them: same names, same defaults', () => {
    expect(Object.keys(scanActionInputManifest)).toEqual(Object.keys(scanActionInputs));
    const env: NodeJS.ProcessEnv = {};
    for (const [name, { default: value }] of Object.entries(scanActionInputManifest)) env[inputEnvironmentName(name)] = value;
    env.INPUT_TOKEN = 'ghs_token';
    expect(readInputs(z.object(scanActionInputs), env)).toEqual(readInputs(z.object(scanActionInputs), { INPUT_TOKEN: 'ghs_token' }));
  });

  it('are what the fixture action declares (how a scanning action checks its action.yml)', () => {
    const manifest = parse(readFileSync(fileURLToPath(new URL('../../__fixtures__/scan-action/action.yml', import.meta.url)), 'utf8')) as { inputs: unknown };
    expect(manifest.inputs).toEqual(scanActionInputManifest);
  });

  it('refuse a fail-on or mode they do not know, naming the input', () => {
    expect(() => readInputs(z.object(scanActionInputs), { INPUT_TOKEN: 't', 'INPUT_FAIL-ON': 'high' })).toThrow(/input "fail-on"/);
    expect(() => readInputs(z.object(scanActionInputs), { INPUT_TOKEN: 't', INPUT_MODE: 'release' })).toThrow(/input "mode"/);
  });
});
