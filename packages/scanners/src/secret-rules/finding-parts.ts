import { isRedactedPlaceholder, type Fix, type RatedSeverity } from '@gatehouse/findings';
import { secretRuleById } from './rules';

/**
 * Pieces every secret engine's adapter puts into its findings the same way, so that findings of
 * gitleaks, secretlint, trufflehog and detect-secrets about one secret read alike and merge.
 */

export function defaultSecretRating(engine: string): RatedSeverity {
  return {
    severity: 'high',
    severityBasis: { kind: 'default', reason: `${engine} gives no severity; a found credential counts as high until it is rotated` },
  };
}

/** Gatehouse's own rules may rate lower (publishable keys); anything else gets the engine's default. */
export function secretRatingFor(ruleId: string, engine: string): RatedSeverity {
  const own = secretRuleById(ruleId);
  if (own?.severity) return { severity: own.severity, severityBasis: { kind: 'default', reason: own.severityReason ?? `severity of Gatehouse rule ${own.id}` } };
  return defaultSecretRating(engine);
}

export const SECRET_FIX: Fix = { available: false, versions: [], state: 'unknown', advice: 'rotate the secret, then remove it from the code and the history' };

/**
 * A value that can identify the secret: not empty, not a placeholder a redacting report wrote
 * (`REDACTED`, `****`), not gitleaks' partial redaction (`--redact=N` keeps a prefix and appends `...`).
 */
export function usableSecretValue(value: string | null | undefined): value is string {
  if (typeof value !== 'string' || isRedactedPlaceholder(value)) return false;
  return !value.endsWith('...');
}

/** A git commit id as reports write it (full or abbreviated hex); anything else is not kept. */
export function commitId(value: string | null | undefined): string | undefined {
  return typeof value === 'string' && /^[0-9a-f]{4,64}$/i.test(value) ? value.toLowerCase() : undefined;
}

/** `Name <email>` from whatever parts a report has, placeholders (`****`) left out; at most 300 characters. */
export function authorOf(name: string | null | undefined, email: string | null | undefined): string | undefined {
  const n = typeof name === 'string' && !isRedactedPlaceholder(name) ? name.replace(/[\r\n\t]+/g, ' ').trim() : '';
  const e = typeof email === 'string' && !isRedactedPlaceholder(email) ? email.replace(/[\r\n\t<>]+/g, '').trim() : '';
  const author = n && e ? `${n} <${e}>` : n || e;
  return author ? author.slice(0, 300) : undefined;
}

/** A date as the report wrote it (ISO 8601 from gitleaks and git, other shapes from old tools); at most 100 characters. */
export function committedAtOf(date: string | null | undefined): string | undefined {
  const d = typeof date === 'string' ? date.trim() : '';
  return d ? d.slice(0, 100) : undefined;
}

/** An http(s) URL a report gives (a commit link), or undefined. */
export function httpUrl(value: unknown): string | undefined {
  return typeof value === 'string' && /^https?:\/\/[^\s]+$/i.test(value) ? value.slice(0, 2_000) : undefined;
}
