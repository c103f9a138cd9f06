import { describe, expect, it } from 'vitest';
import { parseWorkflowCommands } from './runner-command-parser';
import { registerSecret } from './secrets';
import { captureStdout } from './test-support/capture-stdout';

describe('registerSecret', () => {
  it('prints nothing outside GitHub Actions, where add-mask would itself show the value', async () => {
    expect(await captureStdout(() => registerSecret('s3cr3t-value', {}))).toBe('');
  });

  it('asks the runner to mask the value, and each line of a multi-line value', async () => {
    const out = await captureStdout(() => registerSecret('line-one\nline-two', { GITHUB_ACTIONS: 'true' }));
    expect(parseWorkflowCommands(out).map((c) => [c.name, c.data])).toEqual([
      ['add-mask', 'line-one\nline-two'],
      ['add-mask', 'line-one'],
      ['add-mask', 'line-two'],
    ]);
  });

  it('ignores an empty value', async () => {
    expect(await captureStdout(() => registerSecret('', { GITHUB_ACTIONS: 'true' }))).toBe('');
  });
});
