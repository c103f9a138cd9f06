const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/**
 * A path as git prints it in diff headers: as is, or C-quoted (`"a\tb\303\251.txt"`) when it holds
 * a quote, a backslash or a control character (and, without core.quotePath=false, non-ASCII bytes).
 * Octal escapes are bytes of UTF-8.
 */
export function unquoteGitPath(raw: string): string {
  if (!raw.startsWith('"') || !raw.endsWith('"') || raw.length < 2) return raw;
  const bytes: number[] = [];
  const body = raw.slice(1, -1);
  let i = 0;
  while (i < body.length) {
    const char = String.fromCodePoint(body.codePointAt(i)!);
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      i += char.length;
      continue;
    }
    const next = body[i + 1] ?? '';
    const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1))?.[0];
    if (octal) {
      bytes.push(parseInt(octal, 8) & 0xff);
      i += 1 + octal.length;
    } else if (Object.hasOwn(SIMPLE_ESCAPES, next)) {
      bytes.push(SIMPLE_ESCAPES[next]!);
      i += 2;
    } else {
      bytes.push(92);
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
