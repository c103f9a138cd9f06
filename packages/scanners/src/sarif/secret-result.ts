import { isRedactedPlaceholder, maskSecret } from '@gatehouse/findings';
import type { ToolFamily } from './classify';
import type { SarifResult } from './schema';

/** Result properties secret tools put the plaintext in (gitleaks 7: `offender`). */
const VALUE_PROPERTIES = ['secret', 'Secret', 'offender', 'Offender'];

/**
 * The plaintext secret a SARIF result carries, when it can be told apart: a known property, or
 * the region snippet of gitleaks 8 (which writes the secret itself there). Other snippets quote
 * the whole line, so they are not taken as the value; they are never kept either.
 */
export function secretValueOf(result: SarifResult, family: ToolFamily, snippet: string | undefined): string | undefined {
  const properties = result.properties ?? {};
  for (const key of VALUE_PROPERTIES) {
    const value = Object.hasOwn(properties, key) ? properties[key] : undefined;
    if (typeof value === 'string' && !isRedactedPlaceholder(value)) return value;
  }
  if (family === 'gitleaks' && snippet !== undefined && !isRedactedPlaceholder(snippet)) return snippet;
  return undefined;
}

/** Every occurrence of the value replaced by its masked preview. */
export function redactValue(text: string, value: string): string {
  return value === '' ? text : text.split(value).join(maskSecret(value));
}

/** The commit a secret result names (gitleaks 7 `properties.commit`, gitleaks 8 `partialFingerprints.commitSha`). */
export function secretCommitOf(result: SarifResult): string | undefined {
  const candidates = [result.properties?.commit, result.partialFingerprints?.commitSha];
  const commit = candidates.find((c): c is string => typeof c === 'string' && /^[0-9a-f]{4,64}$/i.test(c));
  return commit;
}
