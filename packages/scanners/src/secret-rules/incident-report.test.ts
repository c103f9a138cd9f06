import { describe, expect, it } from 'vitest';
import { codeDraft } from '@gatehouse/findings/test-support';
import { finalizeFindings, hashSecret, type Finding } from '@gatehouse/findings';
import { buildSecretIncidentReport, incidentReportLines } from './incident-report';
import { rotationAdviceFor } from './rotation';

const SALT = 'incident-test-salt-0123456789';

function secretFinding(overrides: Partial<Parameters<typeof codeDraft>[0]> = {}): Finding {
  const draft = codeDraft({
    category: 'secret',
    ruleId: 'gatehouse-stripe-secret-key',
    title: 'Stripe secret API key (sk_live_ / sk_test_)',
    message: 'Stripe secret API key in config/payment.env:2',
    severity: 'high',
    severityBasis: { kind: 'default', reason: 'x' },
    location: { kind: 'code', path: 'config/payment env.txt', startLine: 2, commit: '3f2a9c1d4e5b6a7f8091a2b3c4d5e6f708192a3b' },
    secret: { hash: hashSecret('value-not-in-the-report-0123456789', SALT), preview: 'sk_l…', author: 'Dana Developer <dana@example.test>', committedAt: '2024-05-02T10:11:12Z' },
    sources: [{ engine: 'gitleaks', nativeId: 'gatehouse-stripe-secret-key' }, { engine: 'secretlint', nativeId: 'gatehouse-stripe-secret-key' }],
    ...overrides,
  });
  return finalizeFindings([draft]).findings[0]!;
}

describe('the incident report of a leaked secret', () => {
  it('says file, line, rule, commit, author, and what to rotate and how, with links to the commit and file', () => {
    const report = buildSecretIncidentReport(secretFinding(), { serverUrl: 'https://github.com', repository: 'acme/shop' });
    expect(report).toMatchObject({
      title: 'Secret leaked: Stripe API key in config/payment env.txt:2',
      rule: { id: 'gatehouse-stripe-secret-key' },
      file: 'config/payment env.txt',
      line: 2,
      commit: '3f2a9c1d4e5b6a7f8091a2b3c4d5e6f708192a3b',
      author: 'Dana Developer <dana@example.test>',
      committedAt: '2024-05-02T10:11:12Z',
      preview: 'sk_l…',
      engines: ['gitleaks', 'secretlint'],
      whatToRotate: 'Stripe API key (secret or restricted)',
    });
    expect(report.howToRotate[0]).toMatch(/Roll the key in the Stripe Dashboard/);
    expect(report.howToRotate.at(-2)).toMatch(/stays in git history/);
    expect(report.references).toEqual([
      'https://docs.stripe.com/keys#rolling-keys',
      'https://github.com/acme/shop/commit/3f2a9c1d4e5b6a7f8091a2b3c4d5e6f708192a3b',
      'https://github.com/acme/shop/blob/3f2a9c1d4e5b6a7f8091a2b3c4d5e6f708192a3b/config/payment%20env.txt#L2',
    ]);
    expect(JSON.stringify(report)).not.toContain(hashSecret('value-not-in-the-report-0123456789', SALT));
  });

  it('reads as plain text for an e-mail', () => {
    const lines = incidentReportLines(buildSecretIncidentReport(secretFinding()));
    expect(lines.slice(0, 8)).toEqual([
      'Secret leaked: Stripe API key in config/payment env.txt:2',
      '',
      'Rule: Stripe secret API key (sk_live_ / sk_test_) (gatehouse-stripe-secret-key)',
      'Severity: high',
      'File: config/payment env.txt, line 2',
      'Commit: 3f2a9c1d4e5b6a7f8091a2b3c4d5e6f708192a3b',
      'Author: Dana Developer <dana@example.test>, 2024-05-02T10:11:12Z',
      'Value: starts with sk_l… (the full value is not kept anywhere)',
    ]);
  });

  it('names an image and says when the value is not shown at all', () => {
    const finding = secretFinding({ ruleId: 'AWS', title: 'AWS credential', location: { kind: 'image', ref: 'shop:1.2', layer: 'sha256:abc', target: '/app/.env' }, secret: { preview: '****', verified: true } });
    const report = buildSecretIncidentReport(finding);
    expect(report).toMatchObject({ image: { ref: 'shop:1.2', layer: 'sha256:abc', path: '/app/.env' }, verified: true, whatToRotate: expect.stringMatching(/^AWS access key/) });
    expect(incidentReportLines(report)).toContain('Value: not shown (the full value is not kept anywhere)');
  });

  it('refuses a finding that is not a secret', () => {
    expect(() => buildSecretIncidentReport(finalizeFindings([codeDraft()]).findings[0]!)).toThrow(/for secret findings, not sast/);
  });

  it('gives no repository links for a URL that is not https or a repository that is not owner/name', () => {
    expect(buildSecretIncidentReport(secretFinding(), { serverUrl: 'javascript:alert(1)', repository: 'acme/shop' }).references).toEqual(['https://docs.stripe.com/keys#rolling-keys']);
    expect(buildSecretIncidentReport(secretFinding(), { serverUrl: 'https://github.com', repository: '../x' }).references).toHaveLength(1);
  });
});

describe('rotation guidance', () => {
  it.each([
    ['aws-access-token', '', /^AWS/],
    ['@secretlint/secretlint-rule-aws:AWSSecretAccessKey', '', /^AWS/],
    ['AWS Access Key', '', /^AWS/],
    ['gatehouse-stripe-publishable-key', '', /^Stripe publishable/],
    ['stripe-access-token', '', /^Stripe API key/],
    ['PrivateKey', '', /^private key/],
    ['private-key', '', /^private key/],
    ['gatehouse-azure-storage-connection-string', '', /^Azure Storage/],
    ['gatehouse-azure-service-bus-connection-string', '', /^Azure Service Bus/],
    ['gatehouse-google-oauth-client-secret', '', /^Google OAuth/],
    ['github-pat', '', /^GitHub token/],
    ['URI', '', /connection string or URL/],
    ['@secretlint/secretlint-rule-basicauth:BasicAuth', '', /connection string or URL/],
    ['gatehouse-jwt', '', /^JSON Web Token/],
    ['Secret Keyword', '', /^the credential/],
    ['gatehouse-generic-high-entropy-token', 'High-entropy value assigned to a key-like name', /^the credential/],
  ])('%s: %s', (ruleId, title, what) => {
    expect(rotationAdviceFor(ruleId, title).what).toMatch(what);
  });

  it('matches whole words, not parts of words ("security" is not "uri")', () => {
    expect(rotationAdviceFor('security-token').what).toMatch(/^the credential/);
  });
});
