import { describe, expect, it } from 'vitest';
import { truncateText } from './truncate-text';

describe('truncateText', () => {
  it('leaves text within the limit alone', () => {
    expect(truncateText('short', 5)).toBe('short');
  });

  it('cuts to exactly the limit, ending with the marker', () => {
    const cut = truncateText('abcdefghij', 5);
    expect(cut).toBe('abcd…');
    expect(cut).toHaveLength(5);
  });

  it('never splits a surrogate pair', () => {
    const cut = truncateText('ab😀cd', 4);
    expect(cut).toBe('ab…');
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('drops the marker when the limit is too small for it', () => {
    expect(truncateText('abcdef', 1)).toBe('a');
    expect(truncateText('abcdef', 0)).toBe('');
  });
});
