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

/** escapeMarkdown as it was written first (five regex passes): the one-pass version must agree with it. */
function escapeMarkdownByPasses(text: string): string {
  const special = /[\\`*_{}[\]()#+\-.!|~$<>&@]/g;
  const escape = (ch: string, offset: number, all: string) => {
    switch (ch) {
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '&':
        return '&amp;';
      case '@':
        return /[A-Za-z0-9_]/.test(all.charAt(offset - 1)) ? '@' : `@${ZWJ}`;
      case '#':
        return `\\#${ZWJ}`;
      default:
        return `\\${ch}`;
    }
  };
  return String(text)
    .replace(/\r\n|[\t\n\v\f\r\u0085\u2028\u2029]/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(special, escape)
    .replace(/\b(GH)\\-(?=\d)/gi, `$1\\-${ZWJ}`)
    .replace(/\b(javascript|vbscript|data|file)(?=\s*:)/gi, `$1${ZWJ}`)
    .trim();
}

describe('escapeMarkdown in one pass', () => {
  it('gives exactly what the five-pass version gave, on text made of the characters that matter', () => {
    const alphabet = ['a', 'Z', '0', '_', ' ', '@', '#', '\\', '`', '*', '[', ']', '(', ')', '-', '.', '!', '|', '$', '<', '>', '&', '\r', '\n', '\r\n', '\t', '\u0085', '\u2028', '\u0000', '\u001f', '\u007f', '\u200e', '\u202e', '\u2066', '\ufeff', '\u00a0', 'é', '😀', '\ud800', 'GH-1', 'gh-', 'javascript', 'data', ' :', ':', 'file'];
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let n = 0; n < 20_000; n++) {
      const length = next() % 12;
      let text = '';
      for (let i = 0; i < length; i++) text += alphabet[next() % alphabet.length];
      expect(escapeMarkdown(text), JSON.stringify(text)).toBe(escapeMarkdownByPasses(text));
    }
  });
});
