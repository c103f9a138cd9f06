import { describe, expect, it } from 'vitest';
import { SECRET_RULES } from './rules';
import { exampleSecret } from './examples';
import { findSecretRuleMatches } from './matcher';
import { gitleaksRuleFields } from './render-gitleaks';
import { secretlintPatternOptions, secretlintRegexString } from './render-secretlint';
import { shannonEntropy } from './entropy';
import { globToRegexSource, pathMatchesAnyGlob } from './path-glob';

const ALLOWLISTED_PATHS = ['src/__fixtures__/leak.env', 'pkg/testdata/config.yml', 'package-lock.json', 'web/pnpm-lock.yaml', '.env.example', 'api/.env.example'];

describe('custom secret rules', () => {
  it.each(SECRET_RULES.map((r) => r.id))('%s finds a generated example of its type', (ruleId) => {
    const example = exampleSecret(ruleId);
    const matches = findSecretRuleMatches(`# config\n${example.text}# end\n`, 'config/settings.env');
    expect(matches.filter((m) => m.ruleId === ruleId).map((m) => m.value)).toEqual([example.value]);
  });

  it('finds live Stripe keys as well as test keys', () => {
    for (const ruleId of ['gatehouse-stripe-secret-key', 'gatehouse-stripe-restricted-key', 'gatehouse-stripe-publishable-key']) {
      const live = exampleSecret(ruleId, 'live');
      expect(live.value).toContain('_live_');
      expect(findSecretRuleMatches(live.text, 'app.env').map((m) => m.ruleId)).toContain(ruleId);
    }
  });

  it.each(SECRET_RULES.map((r) => r.id))('%s stays quiet on allowlisted paths', (ruleId) => {
    const example = exampleSecret(ruleId);
    for (const path of ALLOWLISTED_PATHS) {
      expect(findSecretRuleMatches(example.text, path).filter((m) => m.ruleId === ruleId), path).toEqual([]);
    }
  });

  it('stays quiet on obvious non-secrets', () => {
    const notSecrets = [
      'api_token = "your-api-token-here"',
      'password = "changeme"',
      'token = process.env.API_TOKEN_FOR_THE_SERVICE',
      'secret: ${{ secrets.STRIPE_SECRET_KEY }}',
      `client_secret = "${'a'.repeat(40)}"`,
      `auth_token = "${'0123456789'.repeat(3)}"`,
      'tokenizer = load_tokenizer("bert-base-uncased-whole-word-masking")',
      `aws_access_key_id = ${['AK', 'IA'].join('')}IOSFODNN7${'EXAMPLE'}`,
      `STRIPE_KEY=${['sk', 'test', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxx'].join('_')}`,
      'sk_live_short',
      'integrity sha512-Qj8kEXAMPLEnotakeyatall0000000000000000000000000000000000000000000==',
      'See https://example.com/docs/api-keys for how to create a key.',
    ];
    for (const text of notSecrets) expect(findSecretRuleMatches(text, 'src/app.py'), text).toEqual([]);
  });

  it('needs a key-like name before a generic high-entropy value', () => {
    const { value } = exampleSecret('gatehouse-generic-high-entropy-token');
    expect(findSecretRuleMatches(`checksum = "${value}"`, 'a.py')).toEqual([]);
    expect(findSecretRuleMatches(`SECRET_KEY: '${value}'`, 'a.yml').map((m) => m.value)).toEqual([value]);
  });

  it('writes regex pieces without capturing groups, so the secret is group 1 for gitleaks', () => {
    for (const rule of SECRET_RULES) {
      for (const piece of [rule.prefix, rule.secret, rule.suffix]) {
        if (piece) expect(piece, rule.id).not.toMatch(/(^|[^\\])\((?!\?)/);
      }
    }
  });

  it('renders gitleaks fields whose group 1 is exactly the secret', () => {
    for (const rule of SECRET_RULES) {
      const fields = gitleaksRuleFields(rule);
      const example = exampleSecret(rule.id);
      // JavaScript cannot read the inline (?i) flag; RE2 can. Translate it for this check only.
      const source = fields.regex.replace(/^\(\?i\)/, '');
      const match = new RegExp(source, fields.regex.startsWith('(?i)') ? 'iu' : 'u').exec(example.text);
      expect(match?.[fields.secretGroup], rule.id).toBe(example.value);
      expect(fields.allowlists[0]!.paths.length).toBe(rule.allowlistPaths.length);
    }
  });

  it('renders secretlint pattern options that negate every allowlisted path', () => {
    const options = secretlintPatternOptions();
    expect(options.patterns.map((p) => p.name)).toEqual(SECRET_RULES.map((r) => r.id));
    for (const pattern of options.patterns) {
      expect(pattern.filePathGlobs[0]).toBe('**');
      expect(pattern.filePathGlobs).toContain('!**/__fixtures__/**');
    }
    expect(options.allows).toContain('/EXAMPLE/');
    expect(secretlintRegexString(SECRET_RULES.find((r) => r.prefix)!)).toMatch(/^\/\(\?<=/);
  });
});

describe('entropy', () => {
  it('scores random tokens above 4.5 and repeated or short text below', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaaaaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
    expect(shannonEntropy('0123456789'.repeat(3))).toBeCloseTo(Math.log2(10));
    expect(shannonEntropy('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')).toBeCloseTo(Math.log2(62));
  });
});

describe('path globs', () => {
  it('matches ** across directories and * within one segment', () => {
    expect(pathMatchesAnyGlob('a/b/__fixtures__/c/d.json', ['**/__fixtures__/**'])).toBe(true);
    expect(pathMatchesAnyGlob('__fixtures__/d.json', ['**/__fixtures__/**'])).toBe(true);
    expect(pathMatchesAnyGlob('a/fixtures/d.json', ['**/__fixtures__/**'])).toBe(false);
    expect(pathMatchesAnyGlob('yarn.lock', ['**/yarn.lock'])).toBe(true);
    expect(pathMatchesAnyGlob('./web/yarn.lock', ['**/yarn.lock'])).toBe(true);
    expect(pathMatchesAnyGlob('src/a.ts', ['src/*.ts'])).toBe(true);
    expect(pathMatchesAnyGlob('src/x/a.ts', ['src/*.ts'])).toBe(false);
    expect(pathMatchesAnyGlob('.env.examples', ['**/.env.example'])).toBe(false);
  });

  it('escapes regex characters in globs', () => {
    expect(globToRegexSource('a+b/(x).txt')).toBe('^a\\+b/\\(x\\)\\.txt$');
  });
});
