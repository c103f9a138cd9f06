import { hmacSha256Hex } from './hash';

/**
 * A secret's identity is a keyed hash (HMAC-SHA256) with a salt that is secret and stable per
 * repository: a plain hash of a short token could be brute-forced back to the token.
 */
export function hashSecret(value: string, salt: string): string {
  if (salt.length < 16) throw new Error('secret salt must be at least 16 characters');
  return hmacSha256Hex(salt, value);
}

/**
 * At most four characters of the value, and only when the value is long enough that four characters
 * do not give it away (key prefixes such as `AKIA` or `sk_l` are what a person needs to know which
 * key to rotate).
 */
export function maskSecret(value: string): string {
  const visible = value.trim();
  if (visible.length < 16) return '****';
  return `${visible.slice(0, 4)}…`;
}

/** Values some reports write in place of the secret: hashing them would merge unrelated findings. */
export function isRedactedPlaceholder(value: string | undefined | null): boolean {
  if (value === undefined || value === null) return true;
  const v = value.trim();
  return v === '' || /^(\*+|REDACTED|<redacted>|\[REDACTED\]|x{3,}|•+)$/i.test(v);
}
