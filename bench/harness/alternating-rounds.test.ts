import { describe, expect, it } from 'vitest';
import { runAlternatingRounds, type MeasuredCase } from './alternating-rounds';

const nodeCase = (name: string, code: string): MeasuredCase => ({
  name,
  command: { command: process.execPath, args: ['-e', code] },
  check: (run) => (run.exitCode === 0 ? undefined : `exit ${run.exitCode}`),
});

describe('runAlternatingRounds', () => {
  it('runs every case once per round, alternating the order, each in a fresh process', async () => {
    const order: string[] = [];
    const results = await runAlternatingRounds([nodeCase('a', ''), nodeCase('b', '')], 3, (name) => order.push(name));
    expect(order).toEqual(['a', 'b', 'b', 'a', 'a', 'b']);
    expect(results.map((r) => [r.name, r.runs.length, r.failures])).toEqual([
      ['a', 3, []],
      ['b', 3, []],
    ]);
  });

  it('with stopOnFailure, ends at the first failed run and keeps its reason', async () => {
    const results = await runAlternatingRounds([nodeCase('fails', 'process.exit(3)'), nodeCase('never', '')], 3, undefined, { stopOnFailure: true });
    expect(results.map((r) => [r.name, r.runs.length, r.failures])).toEqual([
      ['fails', 1, ['exit 3']],
      ['never', 0, []],
    ]);
  });
});
