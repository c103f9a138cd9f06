import { hexOf, pick, writeJsonArray, type ChunkSink } from './variety';

/**
 * A `gitleaks git --report-format json` report (gitleaks 8): one object per leak with the rule, file,
 * lines, columns, commit, author and fingerprint. The secrets are fake and distinct per entry (the
 * parser hashes each one, which is part of what is measured).
 */

const RULES: readonly [string, string, (i: number) => string][] = [
  ['generic-api-key', 'Detected a Generic API Key, potentially exposing access to various services and sensitive operations.', (i) => `k3y_${hexOf(i, 32, 1)}`],
  ['slack-webhook-url', 'Discovered a Slack Webhook, which could lead to unauthorized message posting and data leakage in Slack channels.', (i) => `https://hooks.example.invalid/services/T${hexOf(i, 8, 2).toUpperCase()}/B${hexOf(i, 8, 3).toUpperCase()}/${hexOf(i, 24, 4)}`],
  ['private-key', 'Identified a Private Key, which may compromise cryptographic security and sensitive data encryption.', (i) => `-----BEGIN FAKE KEY-----${hexOf(i, 64, 5)}`],
  ['jwt', 'Uncovered a JSON Web Token, which may lead to unauthorized access to web applications and sensitive user data.', (i) => `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJiZW5jaC0${hexOf(i, 12, 6)}In0.${hexOf(i, 43, 7)}`],
];

function leak(index: number): Record<string, unknown> {
  const [rule, description, secretOf] = pick(RULES, index);
  const secret = secretOf(index);
  const file = `config/${pick(['prod', 'staging', 'dev'], index, 1)}/service-${Math.floor(index / 20)}/settings_${index % 20}.env`;
  const line = 1 + (index % 300);
  const commit = hexOf(Math.floor(index / 7), 40, 8);
  return {
    RuleID: rule,
    Description: description,
    StartLine: line,
    EndLine: line,
    StartColumn: 14,
    EndColumn: 14 + secret.length,
    Match: `API_TOKEN=${secret}`,
    Secret: secret,
    File: file,
    SymlinkFile: '',
    Commit: commit,
    Link: `https://github.com/example/shop/blob/${commit}/${file}#L${line}`,
    Entropy: 4.5 + (index % 10) / 10,
    Author: pick(['Ada Lovelace', 'Grace Hopper', 'Alan Turing'], index, 9),
    Email: 'dev@example.invalid',
    Date: '2025-02-11T09:21:37Z',
    Message: `config: settings for service ${Math.floor(index / 20)}`,
    Tags: [],
    Fingerprint: `${commit}:${file}:${rule}:${line}`,
  };
}

export function writeGitleaksReport(sink: ChunkSink, options: { findings: number }): void {
  writeJsonArray(sink, options.findings, leak);
  sink.write('\n');
}
