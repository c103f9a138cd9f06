import { describe, expect, it } from 'vitest';
import { httpUrlOrUndefined, isCanonicalHttpUrl, markdownLink, safeHttpUrl } from './safe-url';

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

/** The URL parser's answer, which the shortcut for canonical URLs must give too. */
function parsedHttpUrl(candidate: string): string | undefined {
  let url: URL;
  try {
    url = new URL(candidate.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password) return undefined;
  return url.href;
}

describe('httpUrlOrUndefined without parsing', () => {
  it('takes the shortcut for the references reports carry', () => {
    for (const url of ['https://nvd.nist.gov/vuln/detail/CVE-2020-8203', 'https://www.cve.org/CVERecord?id=CVE-2024-1', 'https://github.com/advisories/GHSA-abcd-1234-wxyz', 'http://a.example/x#frag']) {
      expect(isCanonicalHttpUrl(url), url).toBe(true);
      expect(httpUrlOrUndefined(url)).toBe(url);
    }
  });

  it('gives exactly what the URL parser gives, on URLs made of the pieces that change under parsing', () => {
    const schemes = ['https://', 'http://', 'HTTPS://', 'ftp://', 'https:/', 'javascript:', ' https://'];
    const hosts = ['example.com', 'Example.com', 'a.b-c.org', '127.0.0.1', '0x7f.1', '1.2.3', 'xn--nxasmq6b.com', 'user:pw@x.com', 'x.com:443', 'x.com:80', 'x.com.', 'a..b', '-a.com', 'é.com', 'x.com\\', 'x.com%2e', ''];
    // Safe pieces weigh more, so that many URLs take the shortcut and the tricky ones still come up.
    const safe = ['/', 'a', 'b-c', 'd_e', 'x=1', '/f.g', '~h', 'CVE-2024-1'];
    const pieces = [...safe, ...safe, ...safe, '/', 'a', 'B', '0', '.', '..', '%2e', '%2E', '%zz', '%41', '?', '#', '=', '&', "'", '"', ' ', '\t', '\\', '(', ')', '<', '>', '`', '{', '|', '~', '!', '$', '*', '+', ',', ';', ':', '@', 'é', '\u0000', '\n'];
    let seed = 11;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    let shortcuts = 0;
    for (let n = 0; n < 20_000; n++) {
      let url = schemes[next() % schemes.length]! + hosts[next() % hosts.length]!;
      const length = next() % 8;
      if (length) url += '/';
      for (let i = 0; i < length; i++) url += pieces[next() % pieces.length];
      if (isCanonicalHttpUrl(url)) shortcuts += 1;
      expect(httpUrlOrUndefined(url), JSON.stringify(url)).toBe(parsedHttpUrl(url));
    }
    expect(shortcuts).toBeGreaterThan(100);
  });
});
