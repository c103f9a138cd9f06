import type { Identifier } from '@gatehouse/findings';

/**
 * What a semgrep rule's `metadata` says about its findings. Rule authors write `cwe` and `owasp`
 * as a string or a list ("CWE-79: Improper Neutralization...", ["A07:2017 - XSS", "A03:2021 -
 * Injection"]); every other key is free-form, so each is read defensively.
 */

export function stringList(value: unknown, max = 50): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string').slice(0, max);
  return [];
}

export function weaknessIdentifiers(metadata: Record<string, unknown>): Identifier[] {
  const out: Identifier[] = [];
  const seen = new Set<string>();
  const add = (type: 'CWE' | 'OWASP', value: string) => {
    if (seen.has(`${type}:${value}`)) return;
    seen.add(`${type}:${value}`);
    out.push({ type, value });
  };
  for (const text of stringList(metadata.cwe)) {
    const match = /^\s*cwe[-_ ]?0*(\d{1,5})\b/i.exec(text);
    if (match && match[1] !== '0') add('CWE', `CWE-${match[1]}`);
  }
  for (const text of stringList(metadata.owasp)) {
    const match = /^\s*(?:owasp[-_ ]?)?(a\d{1,2})(?::(\d{4}))?\b/i.exec(text);
    if (match) add('OWASP', match[2] ? `${match[1]!.toUpperCase()}:${match[2]}` : match[1]!.toUpperCase());
  }
  return out;
}

const CONFIDENCE: Record<string, 'high' | 'medium' | 'low'> = { high: 'high', medium: 'medium', low: 'low' };

export function confidenceOf(metadata: Record<string, unknown>): 'high' | 'medium' | 'low' | undefined {
  return typeof metadata.confidence === 'string' ? CONFIDENCE[metadata.confidence.trim().toLowerCase()] : undefined;
}

const isHttpUrl = (u: string) => /^https?:\/\/\S+$/i.test(u.trim());

/** The rule's own page first (`source`, `shortlink`), then its references; http(s) links only. */
export function referencesOf(metadata: Record<string, unknown>): string[] {
  const urls = [...stringList(metadata.source, 1), ...stringList(metadata.shortlink, 1), ...stringList(metadata.references)]
    .map((u) => u.trim())
    .filter(isHttpUrl)
    .map((u) => u.slice(0, 2_000));
  return [...new Set(urls)].slice(0, 20);
}

export function tagsOf(metadata: Record<string, unknown>): string[] {
  const tags = [
    ...stringList(metadata.category, 1).map((c) => `category:${c}`),
    ...stringList(metadata.subcategory, 5).map((c) => `subcategory:${c}`),
    ...stringList(metadata.technology, 20).map((t) => `technology:${t}`),
  ];
  return [...new Set(tags.map((t) => t.replace(/\s+/g, ' ').trim().slice(0, 200)).filter(Boolean))];
}

/**
 * Rules of semgrep's secrets packs (`p/secrets`, `p/gitleaks`) find credentials: their id has a
 * `secrets` segment or their metadata lists `secrets` as a technology or category. Their findings
 * are secrets (hashed and masked), not code weaknesses.
 */
export function isSecretRule(checkId: string, metadata: Record<string, unknown>): boolean {
  if (checkId.split('.').some((segment) => segment === 'secrets' || segment === 'secret')) return true;
  const words = [...stringList(metadata.technology), ...stringList(metadata.category, 1), ...stringList(metadata.product, 1)].map((w) => w.toLowerCase());
  return words.includes('secrets') || words.includes('secret');
}
