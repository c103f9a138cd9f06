import { describe, expect, it } from 'vitest';
import { checkEmailAddresses, isPlainEmailAddress } from './email-address';

describe('e-mail address validation', () => {
  it('accepts plain addresses', () => {
    for (const address of ['ops@example.com', 'security+alerts@corp.example.co.uk', "o'brien@example.org"]) expect(isPlainEmailAddress(address)).toBe(true);
  });

  it('refuses anything that could add a header, a recipient or a display name', () => {
    for (const address of [
      'ops@example.com\r\nBcc: evil@attacker.example',
      'ops@example.com\nX-Injected: 1',
      'ops@example.com, evil@attacker.example',
      'ops@example.com;evil@attacker.example',
      'Ops <ops@example.com>',
      '"ops"@example.com',
      'ops@example.com (comment)',
      'ops@localhost',
      'ops@-example.com',
      '.ops@example.com',
      'op..s@example.com',
      'ops@exa mple.com',
      `${'a'.repeat(65)}@example.com`,
      'opé@example.com',
    ]) {
      expect(isPlainEmailAddress(address), address).toBe(false);
    }
  });

  it('names the option and index of a bad address and deduplicates the rest', () => {
    expect(() => checkEmailAddresses(['ops@example.com', 'x\r\nBcc: y@z.example'], 'e-mail to')).toThrow(/e-mail to\[1\]/);
    expect(checkEmailAddresses(['Ops@Example.com', 'ops@example.com'], 'to')).toEqual(['ops@example.com']);
  });
});
