const CANONICAL_BASE64 = /^(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$|^[A-Za-z0-9+/]{2}==$|^[A-Za-z0-9+/]{3}=$/;
/** Tab, line breaks and printable characters; no other control characters (C0, DEL, C1). */
const PRINTABLE = /^[\t\n\r\u0020-\u007e\u00a0-\u{10ffff}]+$/u;

/**
 * trufflehog's first v3 releases serialised `Raw` and `RawV2` as Go `[]byte`, which JSON writes
 * as base64; later ones write the text, and also write `DecoderName`. So a result without a
 * `DecoderName` key whose `Raw` is canonical base64 (decoding and re-encoding gives it back) of
 * valid UTF-8 made only of printable characters is taken as the old serialisation and decoded.
 * Anything else is kept as it is: a 20-character AWS key id is valid base64 too, but of bytes
 * that are not text.
 */
export function decodeLegacyBytes(raw: string): string | undefined {
  if (!CANONICAL_BASE64.test(raw)) return undefined;
  const bytes = Buffer.from(raw, 'base64');
  if (bytes.toString('base64') !== raw) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  return PRINTABLE.test(text) ? text : undefined;
}

export interface RawValues {
  /** What identifies the secret: `Raw` (the credential other engines also report), else `RawV2`. */
  value?: string;
  /** Every plaintext form in the result (as written and decoded), for masking. */
  plaintext: string[];
  decoded: boolean;
}

export function rawValuesOf(result: { Raw?: string | null; RawV2?: string | null }, legacyBytes: boolean): RawValues {
  const plaintext: string[] = [];
  let decoded = false;
  const read = (field: string | null | undefined): string | undefined => {
    if (typeof field !== 'string' || field === '') return undefined;
    plaintext.push(field);
    const text = legacyBytes ? decodeLegacyBytes(field) : undefined;
    if (text === undefined) return field;
    decoded = true;
    plaintext.push(text);
    return text;
  };
  const raw = read(result.Raw);
  const rawV2 = read(result.RawV2);
  const value = raw ?? rawV2;
  return { ...(value !== undefined ? { value } : {}), plaintext: [...new Set(plaintext)], decoded };
}
