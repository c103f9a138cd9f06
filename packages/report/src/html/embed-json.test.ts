import { describe, expect, it } from 'vitest';
import { jsonForScriptElement, readEmbeddedJson } from './embed-json';

const HOSTILE = {
  title: '</script><script>alert(1)</script>',
  comment: '<!-- <script>',
  amp: 'a && b > c',
  separators: 'line\u2028paragraph\u2029end',
};

describe('jsonForScriptElement', () => {
  it('writes no character that could end the script element or open a comment', () => {
    const json = jsonForScriptElement(HOSTILE);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
  });

  it('reads back to exactly the same values', () => {
    expect(JSON.parse(jsonForScriptElement(HOSTILE))).toEqual(HOSTILE);
  });

  it('is read back from a page by readEmbeddedJson', () => {
    const html = `<p>x</p><script type="application/json" id="gatehouse-data">${jsonForScriptElement(HOSTILE)}</script><script>1</script>`;
    expect(readEmbeddedJson(html)).toEqual(HOSTILE);
  });

  it('says so when a page has no embedded data', () => {
    expect(() => readEmbeddedJson('<p>nothing</p>')).toThrow(/no <script type="application\/json" id="gatehouse-data">/);
  });
});
