import { ConfigurationError } from '@gatehouse/findings';

// A deliberately plain subset of RFC 5321 addresses: dot-atom local part, LDH domain labels, ASCII only.
// Nothing that could carry a header break, a second address, a comment or a display name.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export function isPlainEmailAddress(value: string): boolean {
  if (value.length > 254) return false;
  const at = value.lastIndexOf('@');
  if (at < 1) return false;
  const local = value.slice(0, at);
  const labels = value.slice(at + 1).split('.');
  return local.length <= 64 && LOCAL_PART.test(local) && labels.length >= 2 && labels.every((label) => DOMAIN_LABEL.test(label));
}

/** The address, or a ConfigurationError naming the option (and showing the refused value, bounded). */
export function checkEmailAddress(value: unknown, option: string): string {
  if (typeof value === 'string' && isPlainEmailAddress(value)) return value;
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : typeof value;
  throw new ConfigurationError(`${option}: ${shown} is not a plain e-mail address (name@example.com, ASCII, no display name)`);
}

export function checkEmailAddresses(values: readonly unknown[] | undefined, option: string): string[] {
  if (values === undefined) return [];
  if (!Array.isArray(values)) throw new ConfigurationError(`${option} must be a list of e-mail addresses`);
  return [...new Set(values.map((value, index) => checkEmailAddress(value, `${option}[${index}]`).toLowerCase()))];
}
