import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setOutputs } from './outputs';

describe('setOutputs', () => {
  const previous = process.env.GITHUB_OUTPUT;
  afterEach(() => {
    process.env.GITHUB_OUTPUT = previous;
  });

  it('writes each output to GITHUB_OUTPUT in the multi-line-safe delimiter form', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gatehouse-output-')), 'output');
    writeFileSync(file, '');
    process.env.GITHUB_OUTPUT = file;
    setOutputs({ verdict: 'block', 'blocking-count': 3, counts: { high: 2, critical: 1 }, notes: 'a\nb' });
    const text = readFileSync(file, 'utf8');
    const entries = [...text.matchAll(/^([^<\n]+)<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n\2$/gm)].map((m) => [m[1], m[3]]);
    expect(entries).toEqual([
      ['verdict', 'block'],
      ['blocking-count', '3'],
      ['counts', '{"high":2,"critical":1}'],
      ['notes', 'a\nb'],
    ]);
  });

  it('refuses an output name that is not kebab-case', () => {
    expect(() => setOutputs({ blockingCount: 1 })).toThrow('output name "blockingCount" is not kebab-case');
  });
});
