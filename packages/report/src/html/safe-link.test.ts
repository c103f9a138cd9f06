import { describe, expect, it } from 'vitest';
import { httpUrlOrUndefined, identifierLink } from './safe-link';

describe('httpUrlOrUndefined', () => {
  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '//evil.example/x',
    '/relative/path',
    'https://user:pass@example.com/',
    'not a url',
    '',
  ])('refuses %j', (url) => {
    expect(httpUrlOrUndefined(url)).toBeUndefined();
  });

  it('accepts plain http and https URLs', () => {
    expect(httpUrlOrUndefined('https://github.com/advisories/GHSA-xxxx')).toBe('https://github.com/advisories/GHSA-xxxx');
    expect(httpUrlOrUndefined('http://example.com/a?b=1')).toBe('http://example.com/a?b=1');
  });
});

describe('identifierLink', () => {
  it('builds advisory links from the id and ignores the URL the scanner gave', () => {
    expect(identifierLink({ type: 'CVE', value: 'CVE-2021-44228', url: 'javascript:alert(1)' })).toBe('https://nvd.nist.gov/vuln/detail/CVE-2021-44228');
    expect(identifierLink({ type: 'GHSA', value: 'GHSA-JFH8-C2JP-5V3Q', url: 'https://evil.example/' })).toBe('https://github.com/advisories/GHSA-jfh8-c2jp-5v3q');
    expect(identifierLink({ type: 'PYSEC', value: 'PYSEC-2021-19' })).toBe('https://osv.dev/vulnerability/PYSEC-2021-19');
  });

  it('links CWE and OWASP 2021 ids to their official pages', () => {
    expect(identifierLink({ type: 'CWE', value: 'CWE-079' })).toBe('https://cwe.mitre.org/data/definitions/79.html');
    expect(identifierLink({ type: 'OWASP', value: 'A03:2021 - Injection' })).toBe('https://owasp.org/Top10/A03_2021-Injection/');
    expect(identifierLink({ type: 'OWASP', value: 'A1:2017-Injection' })).toBeUndefined();
  });

  it('uses a scanner URL for other ids only when it is http(s)', () => {
    expect(identifierLink({ type: 'RULE', value: 'B602', url: 'https://bandit.readthedocs.io/b602.html' })).toBe('https://bandit.readthedocs.io/b602.html');
    expect(identifierLink({ type: 'RULE', value: 'B602', url: 'javascript:alert(1)' })).toBeUndefined();
    expect(identifierLink({ type: 'OTHER', value: 'X-1' })).toBeUndefined();
  });
});
