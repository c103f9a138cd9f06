import { defaultPolicy } from '@gatehouse/policy';
import { describe, expect, it } from 'vitest';
import { assembleRun } from './assemble';
import { incomplete } from './engine-outcome';

describe('assembleRun', () => {
  it('redacts secret values from engine reasons and notes when given a redactor', () => {
    const value = 'sk_test_0123456789abcdefghijklmnop';
    const failed = { ...incomplete('bandit', `bandit exited with code 2; last stderr line: near "${value}"`), notes: [`saw ${value}`] };
    const { document } = assembleRun({
      outcomes: [failed],
      policy: defaultPolicy(),
      now: new Date('2026-06-01T00:00:00Z'),
      target: { name: 'repo', kind: 'directory' },
      toolVersion: 'test',
      redact: (text) => text.split(value).join('[REDACTED]'),
    });
    expect(document.engines[0]!.reason).toBe('bandit exited with code 2; last stderr line: near "[REDACTED]"');
    expect(JSON.stringify(document)).not.toContain(value);
  });
});
