import { DEFAULT_ALLOWLIST_PATHS, renderGitleaksToml, SECRET_RULES } from '../secret-rules';

/** Where the rendered default is committed, for people and for the staleness test. */
export const DEFAULT_CONFIG_FILE = new URL('./default-config/.gitleaks.toml', import.meta.url);

/**
 * Gatehouse's default gitleaks configuration: gitleaks' own rules (`[extend] useDefault = true`),
 * Gatehouse's rules from secret-rules/rules.ts (the same definitions secretlint runs), and an
 * allowlist of test fixtures, lockfiles and `.env.example` for every rule.
 */
export function renderDefaultGitleaksConfig(): string {
  return renderGitleaksToml(SECRET_RULES, {
    title: 'Gatehouse default gitleaks config',
    header: [
      "Gatehouse's default gitleaks configuration: gitleaks' own rules, plus Gatehouse's rules and allowlist.",
      'Generated from packages/scanners/src/secret-rules/rules.ts by renderDefaultGitleaksConfig(); do not edit.',
      'Regenerate: npx tsx packages/scanners/src/gitleaks/write-default-config.ts (a test fails when it is stale).',
      '',
      'To build on it, give your repository a .gitleaks.toml with `[extend] useDefault = true`: Gatehouse',
      'points that at this file (which extends gitleaks\' defaults). See docs/engines/gitleaks.md.',
    ],
    useDefault: true,
    globalAllowlistPaths: DEFAULT_ALLOWLIST_PATHS,
    globalAllowlistDescription: 'Gatehouse default allowlist: test fixtures, lockfiles and .env.example (every rule)',
  });
}
