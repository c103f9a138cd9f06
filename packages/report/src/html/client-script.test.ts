import { describe, expect, it } from 'vitest';
import { CLIENT_SCRIPT } from './client-script';

describe('the report script', () => {
  it('is valid JavaScript', () => {
    // Compiles without running: a syntax error throws here rather than in a reader's browser.
    expect(() => new Function(CLIENT_SCRIPT)).not.toThrow();
  });

  it('never writes markup from strings (no innerHTML, outerHTML, insertAdjacentHTML, document.write, eval)', () => {
    expect(CLIENT_SCRIPT).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setTimeout\(\s*['"]/);
  });

  it('cannot end its own script element', () => {
    expect(CLIENT_SCRIPT.toLowerCase()).not.toContain('</script');
    expect(CLIENT_SCRIPT).not.toContain('<!--');
  });

  it('sets an href only after checking the scheme is http(s)', () => {
    const hrefAssignments = CLIENT_SCRIPT.match(/\.href\s*=/g) ?? [];
    expect(hrefAssignments).toHaveLength(1);
    expect(CLIENT_SCRIPT).toMatch(/if \(!isHttpUrl\(url\)\) return el\('span', null, text\);\s*var a = el\('a', null, text\);\s*a\.href = url;/);
  });
});
