import { describe, expect, it } from 'vitest';
import { escapeMarkdown, markdownText } from './escape-markdown';

const ZWJ = '\u200d';

describe('escapeMarkdown', () => {
  it('escapes Markdown emphasis, code, links and images', () => {
    expect(escapeMarkdown('**bold** _it_ `code` [x](https://e.com) ![i](y)')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\[x\\]\\(https://e\\.com\\) \\!\\[i\\]\\(y\\)',
    );
  });

  it('turns HTML into text, comments included', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)> <!-- gatehouse:comment -->')).toBe(
      '&lt;img src=x onerror=alert\\(1\\)&gt; &lt;\\!\\-\\- gatehouse:comment \\-\\-&gt;',
    );
  });

  it('leaves an @ inside a word alone: package versions and e-mail addresses are no mentions', () => {
    expect(escapeMarkdown('lodash@4.17.21 a@b.org')).toBe('lodash@4\\.17\\.21 a@b\\.org');
  });

  it('keeps mentions from pinging anyone', () => {
    const out = escapeMarkdown('ping @org/team and (@octocat) @@x');
    expect(out).toBe(`ping @${ZWJ}org/team and \\(@${ZWJ}octocat\\) @${ZWJ}@${ZWJ}x`);
    expect(out).not.toMatch(/@[A-Za-z0-9]/);
  });

  it('keeps issue references from linking', () => {
    const out = escapeMarkdown('fixes #123 and GH-45 and org/repo#6');
    expect(out).not.toMatch(/#\d/);
    expect(out).not.toMatch(/GH-\d|GH\\-\d/);
  });

  it('puts everything on one line, so nothing starts a block or a workflow command', () => {
    const out = escapeMarkdown('title\n::error::boom\r\n# heading\r> quote\u2028- item');
    expect(out).not.toMatch(/[\r\n\u2028]/);
    expect(out).toBe('title ::error::boom \\#\u200d heading &gt; quote \\- item');
  });

  it('escapes pipes so a cell cannot split a table row', () => {
    expect(escapeMarkdown('a | b')).toBe('a \\| b');
  });

  it('defuses javascript: and data: URLs', () => {
    const out = escapeMarkdown('javascript:alert(1) JaVaScRiPt:x data:text/html,x');
    expect(out).not.toMatch(/javascript:/i);
    expect(out).not.toMatch(/data:/i);
  });

  it('removes control and bidirectional override characters', () => {
    expect(escapeMarkdown('a\u0000b\u202ec\u2066d\u0007e')).toBe('abcde');
  });

  it('escapes dollar signs so GitHub renders no math', () => {
    expect(escapeMarkdown('$x^2$')).toBe('\\$x^2\\$');
  });
});

describe('markdownText', () => {
  it('cuts before escaping, so the result is bounded whatever the input', () => {
    const out = markdownText('<'.repeat(100_000), 100);
    expect(out.length).toBeLessThanOrEqual(100 * 4);
  });
});
