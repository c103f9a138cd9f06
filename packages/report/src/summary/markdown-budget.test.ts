import { describe, expect, it } from 'vitest';
import { MarkdownBudget, utf16Units, utf8Bytes } from './markdown-budget';

describe('MarkdownBudget', () => {
  it('adds rows while they fit and says how many were left out', () => {
    const out = new MarkdownBudget(200, utf16Units, '_cut_');
    const rows = Array.from({ length: 50 }, (_, i) => [`row ${i}`]);
    out.table('## T', ['A'], rows, rows.length, 1_000, (left) => `and ${left} more`);
    const text = out.toString();
    expect(text.length).toBeLessThanOrEqual(200);
    const shown = text.split('\n').filter((l) => l.startsWith('| row')).length;
    expect(shown).toBeGreaterThan(0);
    expect(text).toContain(`and ${50 - shown} more`);
    expect(text).toContain('_cut_');
  });

  it('honours the row limit without calling it a cut', () => {
    const out = new MarkdownBudget(10_000, utf16Units, '_cut_');
    out.table('', ['A'], [['1'], ['2'], ['3']], 3, 2, (left) => `and ${left} more`);
    expect(out.toString()).toBe('| A |\n|---|\n| 1 |\n| 2 |\n\nand 1 more\n');
    expect(out.wasCut).toBe(false);
  });

  it('drops a block that does not fit whole and keeps later smaller ones', () => {
    const out = new MarkdownBudget(60, utf8Bytes, '_cut_');
    expect(out.block('first')).toBe(true);
    expect(out.block('x'.repeat(100))).toBe(false);
    expect(out.block('last')).toBe(true);
    expect(out.toString()).toBe('first\n\nlast\n\n_cut_\n');
  });

  it('measures in UTF-8 bytes when asked to', () => {
    const out = new MarkdownBudget(40, utf8Bytes, '!');
    out.block('🔴'.repeat(9));
    expect(Buffer.byteLength(out.toString(), 'utf8')).toBeLessThanOrEqual(40);
  });
});
