import { randomInt } from 'node:crypto';
import { shannonEntropy } from './entropy';

/**
 * Fake secrets in each rule's format, made at run time. Nothing secret-shaped is ever committed:
 * tests and the demo call these, so push protection and other scanners have nothing to flag in
 * the repository. Prefixes are assembled from pieces for the same reason.
 */

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const BASE62 = UPPER + LOWER + DIGITS;
const BASE64 = `${BASE62}+/`;
const BASE64URL = `${BASE62}-_`;
const BASE32 = `${UPPER}234567`;

export function randomChars(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

export interface ExampleSecret {
  /** The rule that must find it. */
  ruleId: string;
  /** The secret value a scanner should report. */
  value: string;
  /** A line (or block) of file content holding it, as people write it. */
  text: string;
}

const stripe = (kind: 'sk' | 'rk' | 'pk', mode: 'live' | 'test', variable: string, ruleId: string): ExampleSecret => {
  const value = [kind, mode, randomChars(BASE62, 32)].join('_');
  return { ruleId, value, text: `${variable}=${value}\n` };
};

export const EXAMPLE_SECRETS: Readonly<Record<string, (mode?: 'live' | 'test') => ExampleSecret>> = {
  'gatehouse-stripe-secret-key': (mode = 'test') => stripe('sk', mode, 'STRIPE_SECRET_KEY', 'gatehouse-stripe-secret-key'),
  'gatehouse-stripe-restricted-key': (mode = 'test') => stripe('rk', mode, 'STRIPE_RESTRICTED_KEY', 'gatehouse-stripe-restricted-key'),
  'gatehouse-stripe-publishable-key': (mode = 'test') => stripe('pk', mode, 'STRIPE_PUBLISHABLE_KEY', 'gatehouse-stripe-publishable-key'),
  'gatehouse-aws-access-key-id': () => {
    const value = ['AK', 'IA'].join('') + randomChars(BASE32, 16);
    return { ruleId: 'gatehouse-aws-access-key-id', value, text: `aws_access_key_id = ${value}\n` };
  },
  'gatehouse-azure-storage-connection-string': () => {
    const value = `${randomChars(BASE64, 86)}==`;
    const account = randomChars(LOWER + DIGITS, 12);
    return {
      ruleId: 'gatehouse-azure-storage-connection-string',
      value,
      text: `AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=${account};${'Account'}Key=${value};EndpointSuffix=core.windows.net"\n`,
    };
  },
  'gatehouse-azure-service-bus-connection-string': () => {
    const value = `${randomChars(BASE64, 43)}=`;
    const namespace = randomChars(LOWER, 10);
    return {
      ruleId: 'gatehouse-azure-service-bus-connection-string',
      value,
      text: `SERVICEBUS="Endpoint=sb://${namespace}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;${'SharedAccess'}Key=${value}"\n`,
    };
  },
  'gatehouse-jwt': () => {
    const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = base64url(JSON.stringify({ sub: randomChars(DIGITS, 10), name: 'Demo User', iat: 1_700_000_000 }));
    const value = `${header}.${payload}.${randomChars(BASE64URL, 43)}`;
    return { ruleId: 'gatehouse-jwt', value, text: `const session = '${value}';\n` };
  },
  'gatehouse-private-key': () => {
    // DER's SEQUENCE header ("MII…") as real RSA keys start, so scanners that check for it agree.
    const lines: string[] = [`MIIEpAIBAAKCAQEA${randomChars(BASE64, 48)}`];
    for (let i = 0; i < 11; i++) lines.push(randomChars(BASE64, 64));
    const label = ['RSA', 'PRIVATE', 'KEY'].join(' ');
    const value = [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`].join('\n');
    return { ruleId: 'gatehouse-private-key', value, text: `${value}\n` };
  },
  'gatehouse-google-oauth-client-secret': () => {
    const value = ['GOC', 'SPX-'].join('') + randomChars(BASE64URL, 28);
    return { ruleId: 'gatehouse-google-oauth-client-secret', value, text: `"client_secret": "${value}",\n` };
  },
  'gatehouse-generic-high-entropy-token': () => {
    // About 2% of random 40-character strings fall under the rule's 4.5 bits; draw until one is clearly above.
    let value = randomChars(BASE62, 40);
    while (shannonEntropy(value) < 4.7) value = randomChars(BASE62, 40);
    return { ruleId: 'gatehouse-generic-high-entropy-token', value, text: `api_token = "${value}"\n` };
  },
};

/** A fake secret of the rule's type; throws for a rule without an example (a test makes sure every rule has one). */
export function exampleSecret(ruleId: string, mode?: 'live' | 'test'): ExampleSecret {
  const make = Object.hasOwn(EXAMPLE_SECRETS, ruleId) ? EXAMPLE_SECRETS[ruleId] : undefined;
  if (!make) throw new Error(`no example secret for rule ${ruleId}`);
  return make(mode);
}
