import { describe, expect, it } from 'vitest';
import { exampleSecret, SECRET_RULES } from '../secret-rules';
import { lintText } from './lint-text';

/** Gatehouse's rules as secretlint really runs them: rendered pattern options, entropy applied by the runner. */
const found = async (text: string, path: string) =>
  (await lintText(text, path)).messages.map((m) => ({ name: m.data?.PATTERN_NAME ?? m.ruleId, value: m.data?.CREDENTIAL, suppressed: m.gatehouse?.suppressedBy }));

describe("Gatehouse's secret rules in secretlint", () => {
  it.each(SECRET_RULES.map((r) => r.id))('%s finds a generated example of its type', async (ruleId) => {
    const example = exampleSecret(ruleId);
    const messages = await found(`# settings\n${example.text}`, 'deploy/settings.env');
    expect(messages).toContainEqual({ name: ruleId, value: example.value, suppressed: undefined });
  });

  it.each(SECRET_RULES.map((r) => r.id))('%s stays quiet on allowlisted paths', async (ruleId) => {
    const example = exampleSecret(ruleId);
    for (const path of ['src/__fixtures__/leak.env', 'testdata/x.yml', 'web/package-lock.json', '.env.example']) {
      expect((await found(example.text, path)).filter((m) => m.name === ruleId), path).toEqual([]);
    }
  });

  it('applies the entropy threshold the pattern rule cannot express', async () => {
    expect(await found(`api_token = "${'ab'.repeat(15)}"\n`, 'a.py')).toEqual([]);
  });

  it('keeps a secret under a secretlint-disable-line comment, marked suppressed', async () => {
    const example = exampleSecret('gatehouse-google-oauth-client-secret');
    const messages = await found(`${example.text.trim()} // secretlint-disable-line\n`, 'a.js');
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((m) => m.suppressed === 'secretlint-disable comment')).toBe(true);
  });

  it('runs the recommended preset too', async () => {
    const key = exampleSecret('gatehouse-private-key');
    const names = (await found(key.text, 'id_rsa')).map((m) => m.name);
    expect(names).toContain('@secretlint/secretlint-rule-privatekey');
    expect(names).toContain('gatehouse-private-key');
  });
});
