import { describe, expect, it } from 'vitest';
import { escapeGitHubMarkdown, gitHubLink } from './github-markdown';
import { escapeHtml, htmlHref } from './html';
import { escapeSlack, slackLink } from './slack-mrkdwn';

const WJ = '\u2060';

describe('Slack mrkdwn escaping', () => {
  it('makes channel, user and group mentions inert', () => {
    const text = escapeSlack('hi <!channel> <!here> <@U024BE7LH> <!subteam^SAZ94GDB8> @everyone', 500);
    expect(text).not.toMatch(/<[!@#]/);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain(`@${WJ}everyone`);
  });

  it('escapes & < > so an injected link is shown, not followed', () => {
    expect(escapeSlack('<https://evil.example|click> & more', 500)).toBe('&lt;https://evil.example|click&gt; &amp; more');
  });

  it('bounds the escaped text without cutting an entity', () => {
    const text = escapeSlack('<'.repeat(100), 50);
    expect(text.length).toBeLessThanOrEqual(50);
    expect(text).toMatch(/^(&lt;)+…$/);
  });

  it('links only http(s) URLs and keeps | and > from ending the URL part', () => {
    expect(slackLink('javascript:alert(1)', 'x')).toBeUndefined();
    expect(slackLink('https://x.example/a|b>c', '<run>')).toBe('<https://x.example/a%7Cb%3Ec|&lt;run&gt;>');
  });
});

describe('HTML escaping', () => {
  it('escapes markup and quotes', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`, 500)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
  });

  it('gives an href only for https URLs', () => {
    expect(htmlHref('javascript:alert(1)')).toBeUndefined();
    expect(htmlHref('http://plain.example')).toBeUndefined();
    expect(htmlHref('https://x.example/?a=1&b="2"')).toBe('https://x.example/?a=1&amp;b=&quot;2&quot;');
  });
});

describe('GitHub Markdown escaping', () => {
  it('leaves no HTML, link, image, mention or issue reference', () => {
    const text = escapeGitHubMarkdown('<img src=x onerror=alert(1)> [click](https://evil) ![i](x) @octocat #1 owner/repo#2', 1_000);
    expect(text).not.toMatch(/<img/);
    expect(text).toContain('\\[click\\]\\(https\\:');
    expect(text).toContain(`@${WJ}octocat`);
    expect(text).toContain(`\\#${WJ}1`);
    expect(text).not.toMatch(/@octocat|[^\\]#1/);
  });

  it('keeps a table cell a single cell', () => {
    expect(escapeGitHubMarkdown('a | b\nc', 100)).toBe('a \\| b c');
  });

  it('links only https URLs, with parentheses encoded', () => {
    expect(gitHubLink('javascript:alert(1)', 'x')).toBeUndefined();
    expect(gitHubLink('https://x.example/a)b', 'run')).toBe('[run](https://x.example/a%29b)');
  });
});
