import { describe, expect, it } from 'vitest';
import { stepFailsOn } from './fail-on';

describe('stepFailsOn', () => {
  it('with block (the default) fails on a blocking or incomplete verdict only', () => {
    expect(['pass', 'warn', 'block', 'incomplete'].map((v) => stepFailsOn(v as never, 'block'))).toEqual([false, false, true, true]);
  });

  it('with incomplete fails only when an engine did not finish', () => {
    expect(['pass', 'warn', 'block', 'incomplete'].map((v) => stepFailsOn(v as never, 'incomplete'))).toEqual([false, false, false, true]);
  });

  it('with never reports only', () => {
    expect(['pass', 'warn', 'block', 'incomplete'].map((v) => stepFailsOn(v as never, 'never'))).toEqual([false, false, false, false]);
  });
});
