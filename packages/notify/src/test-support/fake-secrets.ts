import { randomBytes } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomText(length: number, alphabet = ALPHANUMERIC): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

/**
 * Ten fake secrets of different shapes, generated when the test runs. Prefixes are assembled from
 * pieces so no provider-format secret is ever written in the repository.
 */
export function makeFakeSecrets(): string[] {
  const join = (...parts: string[]) => parts.join('');
  return [
    join('AK', 'IA', randomText(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')),
    join('gh', 'p_', randomText(36)),
    join('xo', 'xb-', randomText(12, '0123456789'), '-', randomText(24)),
    join('sk', '_li', 've_', randomText(24)),
    join('gl', 'pat-', randomText(20)),
    join('AI', 'za', randomText(35)),
    join('-----BEGIN ', 'PRIVATE KEY-----', randomText(48)),
    join('postgres://admin:', randomText(20), '@db.internal:5432/app'),
    join('eyJ', randomText(30), '.', randomText(40), '.', randomText(20)),
    randomText(40, '0123456789abcdef'),
  ];
}
