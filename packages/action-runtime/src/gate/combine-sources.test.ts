import { describe, expect, it } from 'vitest';
import { codeFinding } from '../test-support/findings';
import { combineSources } from './combine-sources';

describe('combineSources', () => {
  it('one line per engine with the worst status, one incomplete line per unreadable source, findings merged by identity', () => {
    const shared = codeFinding('a.py', 1);
    const { engines, findings } = combineSources([
      { kind: 'artifact', name: 'gatehouse-findings-sast-linux', engines: [{ id: 'bandit', status: 'ran', findings: 1 }], findings: [shared], problems: [] },
      { kind: 'artifact', name: 'gatehouse-findings-sast-windows', engines: [{ id: 'bandit', status: 'incomplete', reason: 'timed out', findings: 1 }], findings: [shared], problems: [] },
      { kind: 'expected-artifact', name: 'secrets-scan', engines: [], findings: [], problems: ['no artifact'] },
    ]);
    expect(engines.map((e) => [e.id, e.status, e.reason])).toEqual([
      ['bandit', 'incomplete', 'timed out'],
      ['expected artifact secrets-scan', 'incomplete', 'no artifact'],
    ]);
    expect(findings.map((f) => f.id)).toEqual([shared.id]);
  });
});
