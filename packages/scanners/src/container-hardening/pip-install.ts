import { shellCommands } from './shell-words';

/**
 * `pip install` commands in a shell command line, split into words the way a shell splits them
 * (shell-words.ts): `&&`, `;`, `|` end a command, quotes are removed, and an unquoted `pkg>=2` is
 * what the shell makes of it (`pkg`, then a redirection), so it counts as unpinned.
 */

/** pip's options that take a value (the value is not a package). */
const VALUE_OPTIONS = new Set([
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '-t',
  '--target',
  '--prefix',
  '--root',
  '--platform',
  '--python-version',
  '--implementation',
  '--abi',
  '--src',
  '--upgrade-strategy',
  '--progress-bar',
  '--trusted-host',
  '--cache-dir',
  '--log',
  '--proxy',
  '--retries',
  '--timeout',
  '--exists-action',
  '--cert',
  '--client-cert',
  '--global-option',
  '--install-option',
  '-C',
  '--config-settings',
  '--no-binary',
  '--only-binary',
  '--report',
  '--python',
]);

export interface PipInstall {
  /** Packages named without an exact version (`flask`, `flask>=2`, `flask~=2.0`, `flask==2.*`). */
  unpinned: string[];
}

/** A requirement pinned to one version (`==`/`===`, no wildcard), a local file or directory, or a VCS URL at a ref. */
export function isPinnedRequirement(token: string): boolean {
  const t = token.trim();
  if (t === '.' || t === '..' || /^(\.{1,2}\/|\/|~)/.test(t) || /\.(whl|tar\.gz|tgz|zip)$/i.test(t)) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(t) || /^(git|hg|svn|bzr)\+/i.test(t)) {
    if (!/^(git|hg|svn|bzr)\+/i.test(t)) return true; // a direct archive URL names one build
    const path = t.replace(/#.*$/, '').replace(/^[^:]+:\/\/[^/]+/, '');
    return /@[^/@]+$/.test(path);
  }
  const match = /^[A-Za-z0-9][A-Za-z0-9._-]*(\[[^\]]*\])?\s*(.*)$/.exec(t);
  if (!match) return false;
  const spec = match[2]!.split(';')[0]!.trim();
  return /^===?\s*[^\s,*]+$/.test(spec);
}

const PIP = /^pip(\d+(\.\d+)*)?$/;
const PYTHON = /^python(\d+(\.\d+)*)?$/;
const basename = (word: string) => word.slice(word.lastIndexOf('/') + 1);

/** Where pip's own arguments start in a command's words, or -1 when the command is not pip. */
function pipArgumentsStart(words: readonly string[]): number {
  let i = 0;
  while (i < words.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!) || words[i] === 'sudo' || words[i] === 'env' || words[i] === 'exec')) i++;
  const exe = words[i] === undefined ? '' : basename(words[i]!);
  if (PIP.test(exe)) return i + 1;
  if (PYTHON.test(exe)) {
    const m = words.indexOf('-m', i + 1);
    return m >= 0 && words[m + 1] === 'pip' ? m + 2 : -1;
  }
  if (exe === 'uv' && words[i + 1] === 'pip') return i + 2;
  return -1;
}

function analyseInstall(args: readonly string[]): PipInstall | undefined {
  let i = 0;
  // Global options may come before the subcommand (`pip --no-cache-dir install`).
  while (i < args.length && args[i]!.startsWith('-')) i += VALUE_OPTIONS.has(args[i]!) ? 2 : 1;
  if (args[i] !== 'install') return undefined;
  const unpinned: string[] = [];
  let pinnedByFlag = false;
  for (i++; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--require-hashes' || arg === '-c' || arg === '--constraint' || arg.startsWith('--constraint=')) {
      pinnedByFlag = true;
      if (arg === '-c' || arg === '--constraint') i++;
      continue;
    }
    if (arg === '-r' || arg === '--requirement') {
      i++;
      continue;
    }
    if (arg === '-e' || arg === '--editable') {
      const target = args[++i];
      if (target !== undefined && !isPinnedRequirement(target)) unpinned.push(target);
      continue;
    }
    if (arg.startsWith('-')) {
      if (VALUE_OPTIONS.has(arg)) i++;
      continue;
    }
    if (arg.includes('$')) continue; // a variable: cannot tell what it installs
    if (!isPinnedRequirement(arg)) unpinned.push(arg);
  }
  return { unpinned: pinnedByFlag ? [] : unpinned };
}

/** Every `pip install` in a shell command line (newlines separate commands, as in a heredoc). */
export function pipInstallsIn(script: string): PipInstall[] {
  const installs: PipInstall[] = [];
  for (const words of shellCommands(script.replace(/\r\n/g, '\n'))) {
    const start = pipArgumentsStart(words);
    if (start < 0) continue;
    const install = analyseInstall(words.slice(start));
    if (install) installs.push(install);
  }
  return installs;
}

/** An exec-form RUN (`["pip", "install", "flask"]`) is one command with no shell. */
export function pipInstallsInArgv(argv: readonly string[]): PipInstall[] {
  const start = pipArgumentsStart(argv);
  const install = start < 0 ? undefined : analyseInstall(argv.slice(start));
  return install ? [install] : [];
}
