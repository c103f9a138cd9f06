import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, normalize } from 'node:path';
import { gitleaksExtendPath, GITLEAKS_MAX_EXTEND_DEPTH } from '../gitleaks/user-config';
import { fileAtCommit } from './repository-facts';

/** The secrets engines' configuration files, relative to the repository root. */
export const SECRETS_TRUSTED_FILES = ['.gitleaks.toml', '.gitleaksignore', '.secretlintignore', '.secrets.baseline'] as const;

async function copyAtCommit(workspace: string, commit: string, path: string, destDir: string): Promise<string | undefined> {
  const clean = normalize(path).replace(/\\/g, '/');
  if (clean.startsWith('../') || clean.startsWith('/')) return undefined;
  const text = await fileAtCommit(workspace, commit, clean);
  if (text === undefined) return undefined;
  const target = join(destDir, clean);
  await mkdir(dirname(target), { recursive: true, mode: 0o700 });
  await writeFile(target, text, { mode: 0o600 });
  return text;
}

/**
 * Copies the secrets engines' configuration as the trusted commit (the pull request's base) has
 * it into `destDir`, keeping paths: `.gitleaks.toml` and the files its `[extend] path` chain names,
 * `.gitleaksignore`, `.secretlintignore`, `.secrets.baseline` and the word list its filters name.
 * On pull_request, engines read their configuration from there (`trustedConfigDir`), so a PR
 * cannot weaken its own scan; a changed config applies once merged. Returns the files present.
 */
export async function materialiseTrustedSecretsConfig(workspace: string, commit: string, destDir: string): Promise<string[]> {
  await mkdir(destDir, { recursive: true, mode: 0o700 });
  const present: string[] = [];
  for (const file of SECRETS_TRUSTED_FILES) {
    const text = await copyAtCommit(workspace, commit, file, destDir);
    if (text === undefined) continue;
    present.push(file);
    if (file === '.gitleaks.toml') {
      let current: string | undefined = text;
      for (let depth = 0; current !== undefined && depth < GITLEAKS_MAX_EXTEND_DEPTH; depth++) {
        let next: string | undefined;
        try {
          next = gitleaksExtendPath(current);
        } catch {
          break; // an invalid file is reported by the gitleaks run itself, with its position
        }
        current = next ? await copyAtCommit(workspace, commit, next, destDir) : undefined;
      }
    }
    if (file === '.secrets.baseline') {
      try {
        const doc = JSON.parse(text) as { filters_used?: { file_name?: unknown }[] };
        for (const filter of Array.isArray(doc.filters_used) ? doc.filters_used : []) {
          if (typeof filter?.file_name === 'string') await copyAtCommit(workspace, commit, filter.file_name, destDir);
        }
      } catch {
        /* reported by the detect-secrets run */
      }
    }
  }
  return present;
}

/** Which of the secrets engines' configuration files a directory (the workspace, on push) has. */
export function presentSecretsConfigFiles(dir: string): string[] {
  return SECRETS_TRUSTED_FILES.filter((file) => existsSync(join(dir, file)));
}
