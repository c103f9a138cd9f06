import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { parse, stringify, TomlError } from 'smol-toml';
import { ConfigurationError } from '@gatehouse/findings';

/** gitleaks follows at most this many `[extend]` hops from the config it is given (config.go maxExtendDepth). */
export const GITLEAKS_MAX_EXTEND_DEPTH = 2;

export interface ComposedConfigFile {
  /** Where to write it (absolute, inside the run's private directory). */
  path: string;
  text: string;
}

export interface ComposedUserConfig {
  /** The files to write; the first is the one given to `--config`. */
  files: ComposedConfigFile[];
  notes: string[];
}

export interface ComposeOptions {
  /** The repository's config (the trusted copy): its text and path. */
  userPath: string;
  /** Relative `[extend] path`s are resolved here (the trusted copy of the repository root) and may not leave it. */
  trustedDir: string;
  /** Gatehouse's default config, already written (absolute). */
  defaultConfigPath: string;
  /** Where composed files go. */
  workDir: string;
}

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseToml(text: string, file: string): Table {
  try {
    return parse(text) as Table;
  } catch (error) {
    if (error instanceof TomlError) throw new ConfigurationError(`invalid TOML: ${error.message.split('\n')[0]}`, file, error.line, error.column);
    throw new ConfigurationError(`invalid TOML: ${error instanceof Error ? error.message : String(error)}`, file);
  }
}

function insideDir(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * Turns the repository's `.gitleaks.toml` into what gitleaks is given, so that it builds on
 * Gatehouse's default and reads nothing from the checkout:
 *
 * - `[extend] useDefault = true` in the repository's file points at Gatehouse's default instead
 *   (which itself extends gitleaks' defaults): the repository's rules and allowlists come on top
 *   of both. gitleaks refuses `path` and `useDefault` together, and follows two hops at most, so
 *   this is the one place the chain can go through Gatehouse's file.
 * - `[extend] path = "…"` (relative) is read from the trusted copy and rewritten to an absolute
 *   copy in the private directory: gitleaks would resolve it against the working directory, the
 *   PR's own checkout. An absolute path or one leaving the repository is refused. Gatehouse's
 *   rules are then not applied by gitleaks (secretlint still applies them); a note says so.
 * - no `[extend]`: the repository's rules alone, as gitleaks reads such a file; a note says so.
 * - `[extend] url`: refused (gitleaks does not implement it).
 */
export function composeUserGitleaksConfig(options: ComposeOptions): ComposedUserConfig {
  const notes: string[] = [];
  const files: ComposedConfigFile[] = [];
  const trustedRoot = existsSync(options.trustedDir) ? realpathSync(options.trustedDir) : options.trustedDir;

  const visit = (path: string, depth: number, shownAs: string): string => {
    const doc = parseToml(readFileSync(path, 'utf8'), shownAs);
    const extend = doc.extend;
    const target = resolve(options.workDir, depth === 0 ? 'gitleaks.toml' : `gitleaks-extends-${depth}.toml`);
    if (extend !== undefined && !isTable(extend)) throw new ConfigurationError('[extend] must be a table', shownAs);
    if (isTable(extend)) {
      if (extend.url !== undefined) throw new ConfigurationError('[extend] url is not supported by gitleaks; use a path inside the repository', shownAs);
      if (extend.useDefault === true && extend.path !== undefined) throw new ConfigurationError('[extend] sets both path and useDefault, which gitleaks refuses', shownAs);
      if (depth >= GITLEAKS_MAX_EXTEND_DEPTH) {
        notes.push(`${shownAs}: its [extend] is not followed (gitleaks follows ${GITLEAKS_MAX_EXTEND_DEPTH} levels of [extend] at most)`);
        delete doc.extend;
      } else if (extend.useDefault === true && depth === 0) {
        doc.extend = { ...extend, path: options.defaultConfigPath };
        delete (doc.extend as Table).useDefault;
        notes.push(`${shownAs} extends Gatehouse's default gitleaks config (gitleaks' rules and Gatehouse's)`);
      } else if (extend.useDefault === true) {
        notes.push(`${shownAs} extends gitleaks' default rules; Gatehouse's own gitleaks rules are not in this chain (secretlint still applies them)`);
      } else if (typeof extend.path === 'string') {
        if (isAbsolute(extend.path)) throw new ConfigurationError(`[extend] path must be relative to the repository root, not ${JSON.stringify(extend.path)}`, shownAs);
        const next = resolve(trustedRoot, extend.path);
        const real = existsSync(next) ? realpathSync(next) : next;
        if (!insideDir(trustedRoot, real)) throw new ConfigurationError(`[extend] path ${JSON.stringify(extend.path)} leaves the repository`, shownAs);
        if (!existsSync(real)) throw new ConfigurationError(`[extend] path ${JSON.stringify(extend.path)} does not exist in the trusted copy of the repository`, shownAs);
        doc.extend = { ...extend, path: visit(real, depth + 1, extend.path) };
        if (depth === 0) notes.push(`${shownAs} extends ${extend.path}; Gatehouse's own gitleaks rules are not in this chain (secretlint still applies them)`);
      }
    } else if (depth === 0) {
      notes.push(`${shownAs} extends nothing, so gitleaks runs its rules only; add \`[extend] useDefault = true\` to build on Gatehouse's default`);
    }
    files.push({ path: target, text: stringify(doc) });
    return target;
  };

  visit(options.userPath, 0, '.gitleaks.toml');
  return { files: files.reverse(), notes };
}

/** The relative `[extend] path` of a config text, so an action can copy that file from the base ref too. */
export function gitleaksExtendPath(text: string, file = '.gitleaks.toml'): string | undefined {
  const extend = parseToml(text, file).extend;
  return isTable(extend) && typeof extend.path === 'string' && !isAbsolute(extend.path) ? extend.path : undefined;
}
