/**
 * What to rotate, and how, for each kind of secret the engines report. Rule ids differ per engine
 * (gitleaks `aws-access-token`, trufflehog `AWS`, secretlint `@secretlint/secretlint-rule-aws:…`,
 * detect-secrets `AWS Access Key`, ours `gatehouse-aws-access-key-id`), so guidance is matched on
 * words of the rule id and title, most specific first. The text never quotes a secret.
 */
export interface RotationAdvice {
  /** The credential, named as the person rotating it knows it. */
  what: string;
  /** Steps, in order. */
  how: readonly string[];
  /** The provider's own page on revoking or rotating it. */
  reference?: string;
}

const ALWAYS_AFTER = [
  'Update every place the old value was used (CI secrets, deployment configuration) with the new one, from a secret store rather than the code.',
  'Remove the value from the code; it stays in git history, so treat it as leaked even after the removal.',
  "Check the provider's access logs for use of the old credential since the commit date.",
];

interface Entry {
  /** Lower-case words; the entry applies when every word of one alternative is a word of the rule id or title. */
  match: readonly (readonly string[])[];
  advice: RotationAdvice;
}

const ENTRIES: readonly Entry[] = [
  {
    match: [['stripe', 'publishable'], ['pk_live'], ['pk_test']],
    advice: {
      what: 'Stripe publishable key (public by design); check whether its secret key was committed with it',
      how: ['If the matching secret or restricted key is also in the repository, roll that key in the Stripe Dashboard (Developers → API keys → Roll key).'],
      reference: 'https://docs.stripe.com/keys',
    },
  },
  {
    match: [['stripe'], ['sk_live'], ['rk_live']],
    advice: {
      what: 'Stripe API key (secret or restricted)',
      how: ['Roll the key in the Stripe Dashboard (Developers → API keys → Roll key), choosing to expire the old key now.'],
      reference: 'https://docs.stripe.com/keys#rolling-keys',
    },
  },
  {
    match: [['aws'], ['akia'], ['amazon']],
    advice: {
      what: 'AWS access key (access key id and its secret access key)',
      how: [
        'In IAM, create a new access key for the user or role that owns it, then deactivate and delete the leaked key.',
        'Review CloudTrail for calls made with the leaked access key id.',
      ],
      reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console',
    },
  },
  {
    match: [['service', 'bus'], ['sharedaccesskey']],
    advice: {
      what: 'Azure Service Bus shared access key',
      how: ['Regenerate the primary or secondary key of the shared access policy named in the connection string.'],
      reference: 'https://learn.microsoft.com/azure/service-bus-messaging/service-bus-sas',
    },
  },
  {
    match: [['azure', 'storage'], ['accountkey'], ['storage', 'connection']],
    advice: {
      what: 'Azure Storage account key',
      how: ['Regenerate the key that leaked (key1 or key2) in the storage account (Security + networking → Access keys), after moving clients to the other key or to Entra ID auth.'],
      reference: 'https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage',
    },
  },
  {
    match: [['google', 'oauth'], ['gocspx'], ['client', 'secret', 'google']],
    advice: {
      what: 'Google OAuth client secret',
      how: ['In Google Cloud Console (APIs & Services → Credentials), add a new secret to the OAuth client, deploy it, then disable and delete the leaked one.'],
      reference: 'https://support.google.com/cloud/answer/15549257',
    },
  },
  {
    match: [['gcp'], ['google', 'service', 'account'], ['google', 'api']],
    advice: {
      what: 'Google Cloud credential (API key or service account key)',
      how: ['Delete the service account key (IAM → Service accounts → Keys) or regenerate the API key (APIs & Services → Credentials), after issuing a replacement.'],
      reference: 'https://cloud.google.com/iam/docs/keys-create-delete',
    },
  },
  {
    match: [['github'], ['ghp_'], ['gho_'], ['ghs_']],
    advice: {
      what: 'GitHub token',
      how: ['Revoke the token (Settings → Developer settings → tokens, or the GitHub App / OAuth app that issued it) and issue a new one with the least scope needed.'],
      reference: 'https://docs.github.com/authentication/keeping-your-account-and-data-secure/token-expiration-and-revocation',
    },
  },
  {
    match: [['gitlab']],
    advice: { what: 'GitLab token', how: ['Revoke the token in GitLab (User / Group / Project settings → Access tokens) and issue a new one.'], reference: 'https://docs.gitlab.com/security/tokens/' },
  },
  {
    match: [['slack']],
    advice: { what: 'Slack token or webhook URL', how: ['Regenerate the token or webhook in the Slack app configuration (api.slack.com/apps); revoke the leaked one.'], reference: 'https://api.slack.com/authentication/rotation' },
  },
  {
    match: [['npm']],
    advice: { what: 'npm access token', how: ['Revoke the token (npm token revoke, or npmjs.com → Access Tokens) and create a new granular token.'], reference: 'https://docs.npmjs.com/revoking-access-tokens' },
  },
  {
    match: [['pypi']],
    advice: { what: 'PyPI API token', how: ['Delete the token in PyPI (Account settings → API tokens) and create a new project-scoped one.'], reference: 'https://pypi.org/help/#apitoken' },
  },
  {
    match: [['openai'], ['anthropic']],
    advice: { what: 'AI provider API key', how: ["Revoke the key in the provider's dashboard and create a new one."] },
  },
  {
    match: [['twilio'], ['sendgrid'], ['mailchimp'], ['mailgun']],
    advice: { what: 'messaging provider API key', how: ["Delete the key in the provider's console and create a new one with the least permissions needed."] },
  },
  {
    match: [['jwt'], ['json', 'web', 'token']],
    advice: {
      what: 'JSON Web Token, and the key that signed it',
      how: [
        'Revoke the session or token where the issuer allows it.',
        'If the token does not expire soon, rotate the signing key of the issuer so that every token it signed stops being accepted.',
      ],
    },
  },
  {
    match: [['private', 'key'], ['privatekey'], ['rsa'], ['openssh'], ['pkcs8'], ['pem']],
    advice: {
      what: 'private key (and every certificate, SSH authorisation or signature that trusts it)',
      how: [
        'Generate a new key pair.',
        'Replace the public key wherever it is trusted (authorized_keys, deploy keys, TLS certificates: revoke the certificate and issue a new one).',
        'Remove the old public key everywhere it was trusted.',
      ],
    },
  },
  {
    match: [['basic', 'auth'], ['basicauth'], ['uri'], ['url', 'password'], ['connection', 'string'], ['database'], ['postgres'], ['mysql'], ['mongodb']],
    advice: {
      what: 'password in a connection string or URL',
      how: ['Change the password of that account on the server the URL names, and prefer a credential injected at run time.'],
    },
  },
  {
    match: [['password'], ['passwd']],
    advice: { what: 'password', how: ['Change the password of the account it belongs to, everywhere it is reused.'] },
  },
];

const GENERIC: RotationAdvice = {
  what: 'the credential (token, key or password) this value is',
  how: ['Find out which service issued it (the file and variable name usually say), revoke it there and issue a new one.'],
};

/** Rotation guidance for a rule, by its id and title; the generic advice when nothing more specific is known. */
export function rotationAdviceFor(ruleId: string, title = ''): RotationAdvice {
  const tokens = new Set(`${ruleId} ${title}`.toLowerCase().split(/[^a-z0-9_]+/).filter(Boolean));
  // A word ending in `_` is a token prefix (`ghp_` matches `ghp_abc`); others are whole tokens.
  const has = (word: string) => (word.endsWith('_') ? [...tokens].some((t) => t.startsWith(word)) : tokens.has(word));
  for (const entry of ENTRIES) {
    if (entry.match.some((alternative) => alternative.every(has))) return entry.advice;
  }
  return GENERIC;
}

/** The steps to give a person: the specific ones, then what applies to every leaked secret. */
export function rotationSteps(advice: RotationAdvice): string[] {
  return [...advice.how, ...ALWAYS_AFTER];
}
