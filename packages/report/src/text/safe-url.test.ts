import { describe, expect, it } from 'vitest';
import { markdownLink, safeHttpUrl } from './safe-url';

describe('safeHttpUrl', () => {
  it('accepts http and https URLs', () => {
    expect(safeHttpUrl('https://nvd.nist.gov/vuln/detail/CVE-2020-8203')).toBe('https://nvd.nist.gov/vuln/detail/CVE-2020-8203');
  });

  it.each(['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', '/relative', 'not a url', 'https://user:pw@example.com/'])(
    'refuses %s',
    (url) => {
      expect(safeHttpUrl(url)).toBeUndefined();
    },
  );

  it('encodes characters that would end a Markdown link early', () => {
    expect(safeHttpUrl('https://example.com/a_(b)<c>')).toBe('https://example.com/a_%28b%29%3Cc%3E');
  });
});

describe('markdownLink', () => {
  it('escapes the text and falls back to plain text for an unsafe URL', () => {
    expect(markdownLink('[click]', 'https://example.com')).toBe('[\\[click\\]](https://example.com/)');
    expect(markdownLink('click', 'javascript:alert(1)')).toBe('click');
  });
});
