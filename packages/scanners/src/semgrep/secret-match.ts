import { hashSecret, isPlaceholderSnippet, isRedactedPlaceholder, maskSecret, type SecretInfo } from '@gatehouse/findings';
import type { ParseContext } from '../adapter';

interface Span {
  start: { line: number; col?: number | undefined };
  end?: { line: number; col?: number | undefined } | undefined;
}

/**
 * The text a secret rule matched, cut out of `extra.lines` (the whole lines of the match) with the
 * match's columns (1-based, end exclusive). Undefined when the lines are a placeholder ("requires
 * login"), the columns are missing, or the lines do not cover the span.
 */
export function matchedText(lines: string | undefined, span: Span): string | undefined {
  if (lines === undefined || isPlaceholderSnippet(lines)) return undefined;
  const { start, end } = span;
  if (!end || start.col === undefined || end.col === undefined || end.line < start.line) return undefined;
  const rows = lines.replace(/\r\n/g, '\n').split('\n');
  const count = end.line - start.line + 1;
  if (rows.length < count) return undefined;
  const picked = rows.slice(0, count);
  if (count === 1) return nonEmpty(picked[0]!.slice(start.col - 1, end.col - 1));
  picked[0] = picked[0]!.slice(start.col - 1);
  picked[count - 1] = picked[count - 1]!.slice(0, end.col - 1);
  return nonEmpty(picked.join('\n'));
}

const nonEmpty = (text: string) => (text.trim() === '' ? undefined : text);

export interface RedactedSecret {
  secret: SecretInfo;
  /** The message with every copy of the value masked; undefined when the value is unknown. */
  redact: (text: string) => string;
  known: boolean;
}

/** Hashes and masks what a secret rule matched, and hands the plaintext to onSecretValue. */
export function redactSecret(value: string | undefined, ctx: ParseContext): RedactedSecret {
  if (value === undefined || isRedactedPlaceholder(value)) {
    return { secret: { preview: '****' }, redact: (text) => text, known: false };
  }
  ctx.onSecretValue?.(value);
  const preview = maskSecret(value);
  return {
    secret: { hash: hashSecret(value, ctx.salt), preview },
    redact: (text) => text.split(value).join(preview),
    known: true,
  };
}
