/**
 * Path globs as the allowlists use them (`**` any number of directories, `*` and `?` within one
 * path segment), turned into a regex source that RE2 (gitleaks `paths`) and JavaScript both read.
 */
export function globToRegexSource(glob: string): string {
  let source = '';
  let i = 0;
  while (i < glob.length) {
    const char = glob[i]!;
    if (glob.startsWith('**/', i)) {
      source += '(?:.*/)?';
      i += 3;
    } else if (glob.startsWith('/**', i) && i + 3 === glob.length) {
      source += '(?:/.*)?';
      i += 3;
    } else if (glob.startsWith('**', i)) {
      source += '.*';
      i += 2;
    } else if (char === '*') {
      source += '[^/]*';
      i += 1;
    } else if (char === '?') {
      source += '[^/]';
      i += 1;
    } else {
      source += /[\\^$.|+()[\]{}]/.test(char) ? `\\${char}` : char;
      i += 1;
    }
  }
  return `^${source}$`;
}

const compiled = new Map<string, RegExp>();

/** True when the repository-relative path (forward slashes) matches one of the globs. */
export function pathMatchesAnyGlob(path: string, globs: readonly string[]): boolean {
  const normalised = path.replace(/\\/g, '/').replace(/^\.\//, '');
  return globs.some((glob) => {
    let re = compiled.get(glob);
    if (!re) {
      re = new RegExp(globToRegexSource(glob));
      compiled.set(glob, re);
    }
    return re.test(normalised);
  });
}
