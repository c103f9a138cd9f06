import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ALLOWLIST_PATHS, exampleSecret, findSecretRuleMatches, gitleaksRuleFields, pathMatchesAnyGlob, SECRET_RULES } from '../secret-rules';
import { DEFAULT_CONFIG_FILE, renderDefaultGitleaksConfig } from './default-config';

interface TomlRule {
  id: string;
  regex: string;
  secretGroup: number;
  keywords: string[];
  entropy?: number;
  allowlists?: { regexTarget?: string; regexes?: string[]; paths?: string[] }[];
}
interface TomlConfig {
  extend: { useDefault: boolean };
  allowlist: { paths: string[] };
  rules: TomlRule[];
}

const config = () => parse(renderDefaultGitleaksConfig()) as unknown as TomlConfig;

/** RE2's inline (?i) at the start becomes JavaScript's i flag; the rest of the subset reads the same. */
const jsRegex = (re2: string, flags = 'u') => (re2.startsWith('(?i)') ? new RegExp(re2.slice(4), `${flags}i`) : new RegExp(re2, flags));

const ALLOWLISTED = ['src/__fixtures__/leak.env', 'pkg/testdata/config.yml', 'package-lock.json', 'web/pnpm-lock.yaml', '.env.example', 'api/.env.example'];

describe("Gatehouse's default .gitleaks.toml", () => {
  it('is committed as rendered from the rule definitions (regenerate with write-default-config.ts when this fails)', () => {
    expect(readFileSync(DEFAULT_CONFIG_FILE, 'utf8')).toBe(renderDefaultGitleaksConfig());
  });

  it("parses as TOML, extends gitleaks' defaults and holds every rule with its fields", () => {
    const toml = config();
    expect(toml.extend).toEqual({ useDefault: true });
    expect(toml.rules.map((r) => r.id)).toEqual(SECRET_RULES.map((r) => r.id));
    for (const rule of SECRET_RULES) {
      const fields = gitleaksRuleFields(rule);
      const rendered = toml.rules.find((r) => r.id === rule.id)!;
      expect(rendered.regex, rule.id).toBe(fields.regex);
      expect(rendered.secretGroup).toBe(1);
      expect(rendered.keywords).toEqual(fields.keywords);
      expect(rendered.entropy).toBe(fields.entropy);
      expect(rendered.allowlists?.flatMap((a) => a.regexes ?? []) ?? []).toEqual(fields.allowlists[0]!.regexes);
    }
  });

  it('has the Stripe, Azure, JWT, private key, Google OAuth rules and a generic rule at entropy >= 4.5', () => {
    const ids = config().rules.map((r) => r.id);
    for (const id of ['gatehouse-stripe-secret-key', 'gatehouse-stripe-restricted-key', 'gatehouse-stripe-publishable-key', 'gatehouse-azure-storage-connection-string', 'gatehouse-azure-service-bus-connection-string', 'gatehouse-jwt', 'gatehouse-private-key', 'gatehouse-google-oauth-client-secret']) {
      expect(ids).toContain(id);
    }
    expect(config().rules.find((r) => r.id === 'gatehouse-generic-high-entropy-token')!.entropy).toBeGreaterThanOrEqual(4.5);
  });

  it.each(SECRET_RULES.map((r) => r.id))('%s: the rendered regex captures exactly a generated secret, as the secretlint rendering matches it', (ruleId) => {
    const rule = config().rules.find((r) => r.id === ruleId)!;
    const example = exampleSecret(ruleId);
    expect(jsRegex(rule.regex).exec(example.text)?.[rule.secretGroup]).toBe(example.value);
    expect(findSecretRuleMatches(example.text, 'config/app.env').filter((m) => m.ruleId === ruleId).map((m) => m.value)).toEqual([example.value]);
  });

  it('allowlists test fixtures, lockfiles and .env.example for every rule, as the rule definitions do', () => {
    const paths = config().allowlist.paths.map((p) => jsRegex(p));
    for (const path of ALLOWLISTED) {
      expect(paths.some((re) => re.test(path)), path).toBe(true);
      expect(pathMatchesAnyGlob(path, DEFAULT_ALLOWLIST_PATHS), path).toBe(true);
    }
    for (const path of ['src/app.py', 'fixtures/a.env', '.env', '.env.examples', 'package.json']) expect(paths.some((re) => re.test(path)), path).toBe(false);
  });

  it('allowlists placeholder values of a rule, not real-looking ones', () => {
    const rule = config().rules.find((r) => r.id === 'gatehouse-stripe-secret-key')!;
    const allow = rule.allowlists!.flatMap((a) => a.regexes ?? []).map((r) => jsRegex(r));
    expect(rule.allowlists![0]!.regexTarget).toBe('secret');
    expect(allow.some((re) => re.test(['sk', 'test', 'EXAMPLEEXAMPLEEXAMPLEEXAMPLE'].join('_')))).toBe(true);
    expect(allow.some((re) => re.test(exampleSecret('gatehouse-stripe-secret-key').value))).toBe(false);
  });
});
