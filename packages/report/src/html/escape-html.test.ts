import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape-html';

describe('escapeHtml', () => {
  it('escapes the five characters that can change HTML structure', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('leaves other text as it is, including non-ASCII', () => {
    expect(escapeHtml('lodash@4.17.15 › libssl3 — ü')).toBe('lodash@4.17.15 › libssl3 — ü');
  });
});
