// The common inputs are declared exactly as every scanning action declares them.
// (The inputs and outputs tables of the README and docs page are checked for every action by tests/docs/action-docs.test.ts.)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scanActionInputManifest } from '@gatehouse/action-runtime';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { secretsScanInputs } from '../src/inputs';

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');
const manifest = parse(read('../action.yml')) as {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
};

describe('action.yml', () => {
  it('declares every input main.ts reads, and nothing it does not', () => {
    expect(Object.keys(manifest.inputs).sort()).toEqual(Object.keys(secretsScanInputs.shape).sort());
  });

  it('declares the common scanning inputs first, with the runtime\u2019s names, defaults and descriptions', () => {
    const common = Object.entries(scanActionInputManifest).map(([name, input]) => [name, { description: input.description, default: input.default }]);
    expect(Object.entries(manifest.inputs).slice(0, common.length)).toEqual(common);
  });


  it('declares the notification channel inputs with policy-gate\u2019s names, defaults and descriptions', () => {
    const gate = parse(read('../../policy-gate/action.yml')) as typeof manifest;
    // notify-issue differs only in the label an incident's issue carries.
    for (const name of ['slack-webhook-url', 'webhook-url', 'webhook-secret', 'smtp-url', 'email-from', 'email-to']) {
      expect(manifest.inputs[name], name).toEqual(gate.inputs[name]);
    }
    expect(manifest.inputs['notify-issue']!.default).toBe(gate.inputs['notify-issue']!.default);
  });
});
