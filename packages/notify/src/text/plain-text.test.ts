import { describe, expect, it } from 'vitest';
import { cleanLine, cleanMultiline, fitEscaped, fitText } from './plain-text';

describe('plain text hygiene', () => {
  it('removes ANSI escapes, NUL, DEL, C1 controls and bidi overrides', () => {
    expect(cleanLine('a\u001b[31mred\u0000\u007f\u0085b\u202Eevil\u2066x')).toBe('a[31mred bevilx');
  });

  it('turns every line break into a space on one line and into LF in multi-line text', () => {
    expect(cleanLine('one\r\ntwo\rthree\nfour\u2028five\ttab')).toBe('one two three four five tab');
    expect(cleanMultiline('one\r\ntwo\rthree\u2029four')).toBe('one\ntwo\nthree\nfour');
  });

  it('replaces lone surrogates so every output is well-formed', () => {
    expect(cleanLine('a\uD800b\uDC00c')).toBe('a\uFFFDb\uFFFDc');
  });

  it('cuts long text with an ellipsis, never between the halves of a surrogate pair', () => {
    expect(fitText('abcdef', 4)).toBe('abc…');
    expect(fitText('ab😀cd', 4)).toBe('ab…');
    expect(fitText('abc', 3)).toBe('abc');
    expect(fitText(fitText('abcdef', 4), 4)).toBe('abc…');
  });

  it('never leaves half an entity or a dangling backslash when cutting escaped text', () => {
    expect(fitEscaped('ab&amp;cd', 5)).toBe('ab…');
    expect(fitEscaped('abc\\*def', 5)).toBe('abc…');
    expect(fitEscaped('ab\\\\cdef', 5)).toBe('ab\\\\…');
  });
});
