import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ConfigurationError } from '@gatehouse/findings';
import type { ExitCodeTable, ToolCommand } from '@gatehouse/toolchain';
import type { RunOptions } from '../adapter';
import { isJsonObject, readJsonReport } from '../json-document';

/** The name detect-secrets' documentation and pre-commit hook use. */
export const SECRETS_BASELINE_FILE = '.secrets.baseline';

/** `detect-secrets scan` exits 0 whether or not it finds anything (the report says); anything else is a failure. */
export const DETECT_SECRETS_EXIT_CODES: ExitCodeTable = {
  clean: [0],
  findings: [],
  failures: { 1: 'detect-secrets failed (its last log line says why)', 2: 'detect-secrets refused its arguments' },
};

const escapeRegex = (text: string) => text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

/**
 * `detect-secrets scan --baseline <copy> --exclude-files <the repository's baseline>`, in the
 * workspace. With `--baseline`, detect-secrets takes its plugins and filters from the baseline,
 * scans the git-tracked files, carries the audit decisions (`is_secret`) of secrets it finds again
 * over, and writes the result back to that file: the report is the updated baseline. The copy lives
 * in the run's private directory (prepare writes it), so the repository's file is never changed;
 * the repository's own baseline file is excluded from the scan (its hashes look like secrets).
 */
export function detectSecretsCommand(opts: RunOptions): ToolCommand {
  if (!opts.configPath) throw new Error('detect-secrets: prepare must run before command (it copies the baseline)');
  return {
    executable: opts.executable,
    args: ['scan', '--baseline', opts.reportPath, '--exclude-files', `(^|/)${escapeRegex(basename(opts.configPath))}$`, ...(opts.extraArgs ?? [])],
    cwd: opts.workspace,
    reportPath: opts.reportPath,
  };
}

/** A plugin or filter given by file (`file://…`, 0.x `custom_plugin_paths`) is Python code from the checkout. */
function customCode(doc: Record<string, unknown>): string[] {
  const found: string[] = [];
  const fromPath = (list: unknown, what: string) => {
    if (!Array.isArray(list)) return;
    for (const item of list) {
      if (isJsonObject(item) && typeof item.path === 'string' && item.path.startsWith('file:')) found.push(`${what} ${item.path.slice(0, 200)}`);
    }
  };
  fromPath(doc.plugins_used, 'plugin');
  fromPath(doc.filters_used, 'filter');
  if (Array.isArray(doc.custom_plugin_paths) && doc.custom_plugin_paths.length > 0) found.push('custom_plugin_paths');
  return found;
}

/**
 * Copies the trusted baseline (`configPath` as given, else `<trustedConfigDir or workspace>/.secrets.baseline`)
 * to the report path, where detect-secrets updates it. On a pull request (`trustedConfigDir` set)
 * a baseline naming custom plugins or filters by file is refused (they would run the PR's code),
 * and a word list it names is read from the trusted copy.
 */
export async function prepareDetectSecretsRun(opts: RunOptions): Promise<RunOptions> {
  const trusted = opts.trustedConfigDir ?? opts.workspace;
  const source = opts.configPath ?? join(trusted, SECRETS_BASELINE_FILE);
  if (!existsSync(source)) {
    throw new ConfigurationError(`detect-secrets runs against a baseline and there is none at ${source}; create one with \`detect-secrets scan > ${SECRETS_BASELINE_FILE}\``);
  }
  const text = await readFile(source, 'utf8');
  const doc = readJsonReport(text, SECRETS_BASELINE_FILE);
  if (!isJsonObject(doc) || !isJsonObject(doc.results)) throw new ConfigurationError('not a detect-secrets baseline (no "results" object)', SECRETS_BASELINE_FILE);
  let out = text;
  if (opts.trustedConfigDir) {
    const code = customCode(doc);
    if (code.length > 0) {
      throw new ConfigurationError(`the baseline runs custom code (${code.join(', ')}), which on a pull request would be the PR's own files; Gatehouse does not run it`, SECRETS_BASELINE_FILE);
    }
    if (Array.isArray(doc.filters_used)) {
      for (const filter of doc.filters_used) {
        if (isJsonObject(filter) && typeof filter.file_name === 'string') {
          const wordList = join(opts.trustedConfigDir, filter.file_name);
          if (!existsSync(wordList)) throw new ConfigurationError(`the word list ${filter.file_name} the baseline names is not in the trusted copy`, SECRETS_BASELINE_FILE);
          filter.file_name = wordList;
        }
      }
      out = `${JSON.stringify(doc, null, 2)}\n`;
    }
  }
  await writeFile(opts.reportPath, out, { mode: 0o600 });
  return { ...opts, configPath: source };
}
