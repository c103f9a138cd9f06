/**
 * Bandit's `code` field: the issue's lines with context, each prefixed by its line number
 * ("8     return subprocess.call(cmd, shell=True)\n"). Returns line number -> source text.
 */
export function linesOfSnippet(code: string | undefined): Map<number, string> {
  const lines = new Map<number, string>();
  for (const raw of (code ?? '').split('\n')) {
    const match = /^(\d+) ?(.*)$/.exec(raw.replace(/\r$/, ''));
    if (match) lines.set(Number(match[1]), match[2]!);
  }
  return lines;
}

/**
 * Whether a `# nosec` comment on one of the issue's lines covers it. Bandit skips such lines unless
 * run with `--ignore-nosec` (as Gatehouse runs it, so suppressions stay visible). `# nosec` alone
 * covers every test; `# nosec B602, B607` (bandit ≥ 1.7.5) only the tests it names.
 */
export function nosecCovers(lines: Map<number, string>, issueLines: readonly number[], testId: string, testName: string | undefined): string | undefined {
  for (const n of issueLines) {
    const text = lines.get(n);
    const comment = text === undefined ? null : /#\s*nosec\b([^#]*)/i.exec(text);
    if (!comment) continue;
    const rest = comment[1] ?? '';
    const ids = rest.match(/\b[BE]\d{3}\b/gi)?.map((id) => id.toUpperCase()) ?? [];
    const namesTest = testName !== undefined && new RegExp(`\\b${testName.replace(/[^\w]/g, '')}\\b`).test(rest);
    if ((ids.length === 0 && !namesTest) || ids.includes(testId.toUpperCase()) || namesTest) {
      return `line ${n}: ${comment[0].trim().slice(0, 200)}`;
    }
  }
  return undefined;
}
