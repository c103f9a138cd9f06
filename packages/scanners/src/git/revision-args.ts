/**
 * A set of commits as git selects them: everything reachable from `include` and from none of
 * `exclude`, or every ref (`all`). Ranges are built from commit ids only (never branch names from an
 * event payload), so the same string can go to `git log`, `git rev-list` and gitleaks' `--log-opts`
 * without any risk of being read as an option.
 */
export type RevisionRange = { kind: 'all' } | { kind: 'commits'; include: readonly string[]; exclude: readonly string[] };

const SHA = /^[0-9a-f]{7,64}$/;

/** The range as git arguments: `base..head` for the common case, else `<tip> ^<a> ^<b>…`, or `--all`. */
export function revisionArgs(range: RevisionRange): string[] {
  if (range.kind === 'all') return ['--all'];
  if (range.include.length === 1 && range.exclude.length === 1) return [`${range.exclude[0]}..${range.include[0]}`];
  return [...range.include, ...range.exclude.map((sha) => `^${sha}`)];
}

/** The range as gitleaks' `--log-opts` takes it (one string, split on spaces); undefined for all history (its default). */
export function gitleaksLogOpts(range: RevisionRange): string | undefined {
  return range.kind === 'all' ? undefined : revisionArgs(range).join(' ');
}

/** Throws unless every argument is a commit id, `^<id>`, `<id>..<id>` or `--all`. */
export function assertSafeRevisionArgs(args: readonly string[]): void {
  if (args.length === 0) throw new Error('empty git revision range');
  for (const arg of args) {
    const ok = arg === '--all' || SHA.test(arg) || (arg.startsWith('^') && SHA.test(arg.slice(1))) || (/^[^.]+\.\.[^.]+$/.test(arg) && arg.split('..').every((s) => SHA.test(s)));
    if (!ok) throw new Error(`unsafe git revision argument: ${JSON.stringify(arg.slice(0, 100))} (only commit ids are used in ranges)`);
  }
}

/** Parses what `revisionArgs` (or a RunOptions.gitRange built from it) wrote, checking every argument. */
export function parseRevisionArgs(text: string): string[] {
  const args = text.trim().split(/ +/);
  assertSafeRevisionArgs(args);
  return args;
}
