import { isRedactedPlaceholder, maskSecret } from '@gatehouse/findings';
import type { SecretlintMessage } from './schema';

/**
 * Keys of `data` that hold the secret itself in secretlint's rules (`KEY`, `TOKEN`, `CREDENTIAL`,
 * ...), most specific first. Other keys name things (`PATTERN_NAME`, `FILE_NAME`, `typeName`).
 */
const SECRET_DATA_KEYS = ['CREDENTIAL', 'TOKEN', 'KEY', 'SECRET', 'PASSWORD', 'ID', 'URI', 'URL'] as const;

const unmasked = (value: unknown): value is string => typeof value === 'string' && value !== '' && !isRedactedPlaceholder(value) && !/^\*+$/.test(value);

/** Every plaintext secret value a message's data carries (unmasked reports, as the runner writes them). */
export function secretValuesOfData(message: SecretlintMessage): string[] {
  const data = message.data ?? {};
  const values: string[] = [];
  for (const key of SECRET_DATA_KEYS) {
    const value = Object.hasOwn(data, key) ? data[key] : undefined;
    if (unmasked(value) && !values.includes(value)) values.push(value);
  }
  return values;
}

/**
 * The value of one finding. From `data` when the report is unmasked (the runner's, or
 * `secretlint --no-maskSecrets`); else the message's range in `sourceContent` (secretlint's default
 * masks data, but its JSON still holds the whole file). Undefined when neither is there.
 */
export function secretValueOf(message: SecretlintMessage, sourceContent: string | null | undefined): string | undefined {
  const fromData = secretValuesOfData(message)[0];
  if (fromData !== undefined) return fromData;
  const [start, end] = message.range;
  if (typeof sourceContent === 'string' && end > start && end <= sourceContent.length) {
    const value = sourceContent.slice(start, end);
    return unmasked(value) ? value : undefined;
  }
  return undefined;
}

/** The message with each value replaced by its masked preview: secretlint messages quote the secret. */
export function redactMessage(text: string, values: readonly string[]): string {
  let out = text;
  // Longest first, so a value that contains another is masked whole.
  for (const value of [...values].sort((a, b) => b.length - a.length)) out = out.split(value).join(maskSecret(value));
  return out;
}
