import { describe, expect, it } from 'vitest';
import { hashSecret, isRedactedPlaceholder, maskSecret } from './secret-hash';

const salt = 'per-repository-secret-salt-0001';

describe('secret hashing and masking', () => {
  it('hashes with a key, so the same value under another salt gives another hash', () => {
    expect(hashSecret('sk_test_abc', salt)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret('sk_test_abc', salt)).not.toBe(hashSecret('sk_test_abc', `${salt}x`));
  });

  it('refuses a salt too short to be a secret', () => {
    expect(() => hashSecret('x', 'short')).toThrow(/salt/);
  });

  it('shows at most four characters, and none of a short value', () => {
    expect(maskSecret('AKIAIOSFODNN7EXAMPLE')).toBe('AKIA…');
    expect(maskSecret('hunter2')).toBe('****');
  });

  it('recognises redaction placeholders that must not be hashed', () => {
    for (const v of ['REDACTED', '****', '', undefined]) expect(isRedactedPlaceholder(v)).toBe(true);
    expect(isRedactedPlaceholder('AKIAIOSFODNN7EXAMPLE')).toBe(false);
  });
});
