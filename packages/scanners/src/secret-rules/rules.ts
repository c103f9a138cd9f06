import type { SecretRuleDefinition, ValuePattern } from './definition';

/**
 * Paths where Gatehouse's own rules never report: test fixtures hold secret-shaped strings on
 * purpose, lockfiles are full of integrity hashes, and `.env.example` documents variable names.
 */
export const DEFAULT_ALLOWLIST_PATHS: readonly string[] = [
  '**/__fixtures__/**',
  '**/testdata/**',
  '**/package-lock.json',
  '**/npm-shrinkwrap.json',
  '**/pnpm-lock.yaml',
  '**/yarn.lock',
  '**/bun.lock',
  '**/Cargo.lock',
  '**/poetry.lock',
  '**/Pipfile.lock',
  '**/uv.lock',
  '**/composer.lock',
  '**/Gemfile.lock',
  '**/go.sum',
  '**/.env.example',
];

/** Values that are documentation examples or placeholders, never live credentials. */
export const PLACEHOLDER_VALUES: readonly ValuePattern[] = [
  { pattern: 'EXAMPLE' },
  { pattern: 'x{8,}', caseInsensitive: true },
  { pattern: '\\*{4,}' },
  { pattern: '(?:placeholder|changeme|dummy|redacted|your[_-]?(?:api[_-]?)?(?:key|token|secret))', caseInsensitive: true },
];

const BASE64 = 'A-Za-z0-9+/';

export const SECRET_RULES: readonly SecretRuleDefinition[] = [
  {
    id: 'gatehouse-stripe-secret-key',
    description: 'Stripe secret API key (sk_live_ / sk_test_)',
    secret: '\\b[sS][kK]_(?:live|test)_[0-9A-Za-z]{24,247}\\b',
    keywords: ['sk_live_', 'sk_test_'],
    allowlistPaths: DEFAULT_ALLOWLIST_PATHS,
    allowlistValues: PLACEHOLDER_VALUES,
  },
  {
    id: 'gatehouse-stripe-restricted-key',
    description: 'Stripe restricted API key (rk_live_ / rk_test_)',
    secret: '\\b[rR][kK]_(?:live|test)_[0-9A-Za-z]{24,247}\\b',
    keywords: ['rk_live_', 'rk_test_'],
    allowlistPaths: DEFAULT_ALLOWLIST_PATHS,
    allowlistValues: PLACEHOLDER_VALUES,
  },
  {
    id: 'gatehouse-stripe-publishable-key',
    description: 'Stripe publishable key (pk_live_ / pk_test_)',
    secret: '\\b[pP][kK]_(?:live|test)_[0-9A-Za-z]{24,247}\\b',
    keywords: ['pk_live_', 'pk_test_'],
    allowlistPaths: DEFAULT_ALLOWLIST_PATHS,
    allowlistValues: PLACEHOLDER_VALUES,
    severity: 'low',
    severityReason: 'Stripe publishable keys are meant to be public; reported so a key pair committed together is noticed',
  },
  {
    id: 'gatehouse-aws-access-key-id',
    description: 'AWS access key id',
    secret: '\\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\\b',
    keywords: ['a3t', 'akia', 'asia', 'abia', 'acca'],
    allowlistPaths: DEFAULT_ALLOWLIST_PATHS,
    allowlistValues: PLACEHOLDER_VALUES,
  },
  {
    id: 'gatehouse-azure-storage-connection-string',
    description: 'Azure Storage account key in a connection string',
    prefix: 'AccountKey=',
    secret: `[${BASE64}]{86}==`,
    caseInsensitive: false,
    keywords: ['accountkey='],
    allowlistPaths: DEFAULT_ALLOWLIST_PATHS,
    allowlistValues: PLACEHOLDER_VALUES,
  },
  {
    id: 'gatehouse-azure-service-bus-connection-string',
    description: 'Azure Service Bus shared access key in a connection string',
    prefix: 'Endpoint=sb://[A-Za-z0-9.-]{1,100}/?;SharedAccessKeyName=[^;\\s]{1,256};SharedAccessKey=',
    secret: `[${BASE64}]{43}=`,
    keywords: ['sharedaccesskey='],
    allowlistPaths: DEFAULT_ALLOWLIST_PATHS,
    allowlistValues: PLACEHOLDER_VALUES,
  },
  {
    id: 'gatehouse-jwt',
    description: 'JSON Web Token',
    secret: '\\bey[A-Za-z0-9_-]{15,}\\.ey[A-Za-z0-9_-]{15,}\\.[A-Za-z0-9_-]{10,}={0,2}',
    keywords: ['eyj'],
    allowlistPaths: DEFAULT_ALLOWLIST_PATHS,
    allowlistValues: PLACEHOLDER_VALUES,
  },
  {
    id: 'gatehouse-private-key',
    description: 'PEM private key',
    secret: '-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\\s\\S]{64,}?-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----',
    keywords: ['private key'],
    allowlistPaths: DEFAULT_ALLOWLIST_PATHS,
  },
  {
    id: 'gatehouse-google-oauth-client-secret',
    description: 'Google OAuth client secret (GOCSPX-)',
    secret: '\\bGOCSPX-[A-Za-z0-9_-]{28}',
    suffix: '(?:[^A-Za-z0-9_-]|$)',
    keywords: ['gocspx-'],
    allowlistPaths: DEFAULT_ALLOWLIST_PATHS,
    allowlistValues: PLACEHOLDER_VALUES,
  },
  {
    id: 'gatehouse-generic-high-entropy-token',
    description: 'High-entropy value assigned to a key-like name (token, secret, api_key, password)',
    prefix:
      '(?:api[_.-]?key|apikey|access[_.-]?key|access[_.-]?token|auth[_.-]?token|client[_.-]?secret|secret|token|password|passwd)[A-Za-z0-9_.-]{0,20}["\']?[ \\t]{0,5}(?:=|:|:=|=>)[ \\t]{0,5}["\']?',
    secret: '[A-Za-z0-9_+/=~.-]{20,200}',
    suffix: '(?:["\'\\s;,&)}\\]]|$)',
    caseInsensitive: true,
    keywords: ['token', 'secret', 'key', 'password', 'passwd'],
    entropy: 4.5,
    allowlistPaths: DEFAULT_ALLOWLIST_PATHS,
    allowlistValues: PLACEHOLDER_VALUES,
  },
];

/** The rule with this id, or undefined (for adapters resolving a pattern name from a report). */
export function secretRuleById(id: string): SecretRuleDefinition | undefined {
  return SECRET_RULES.find((rule) => rule.id === id);
}
