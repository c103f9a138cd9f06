import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import type { TrustedFiles } from '@gatehouse/action-runtime';
import { ConfigurationError } from '@gatehouse/findings';
import { checkRepositoryPath } from '@gatehouse/github';
import { gitleaksExtendPath } from '@gatehouse/scanners';

/** gitleaks follows two levels of `[extend]` at most (config.go maxExtendDepth). */
const MAX_EXTEND_HOPS = 2;

export type GitleaksConfigCopy = { status: 'copied'; path: string; source: string } | { status: 'missing'; reason: string };

/**
 * The `gitleaks-config` input: a gitleaks config of the repository other than `.gitleaks.toml`,
 * copied from the trusted source (the base commit on pull requests, else the workspace) into the
 * run's private directory, with the files its `[extend] path` chain names (relative to the config's
 * folder, as the gitleaks adapter resolves them). The engine reads only the copy; a chain that
 * cannot be followed is reported by the gitleaks run itself, with the file and position.
 */
export async function copyGitleaksConfig(files: TrustedFiles, path: string, privateDir: string): Promise<GitleaksConfigCopy> {
  let repoPath: string;
  try {
    repoPath = checkRepositoryPath(path.replace(/^\.\//, ''));
  } catch (error) {
    throw new ConfigurationError(`input "gitleaks-config": ${(error as Error).message}`);
  }
  const top = await files.read(repoPath);
  if (!top.found) return { status: 'missing', reason: `the gitleaks config ${repoPath} (input gitleaks-config) is not in ${files.description}` };
  const root = join(privateDir, 'gitleaks-config');
  const target = join(root, posix.basename(repoPath));
  await mkdir(root, { recursive: true, mode: 0o700 });
  await writeFile(target, top.text, { mode: 0o600 });

  const folder = posix.dirname(repoPath);
  let text = top.text;
  for (let hop = 0; hop < MAX_EXTEND_HOPS; hop++) {
    let next: string | undefined;
    try {
      next = gitleaksExtendPath(text, repoPath);
    } catch {
      break;
    }
    const relative = next === undefined ? undefined : posix.normalize(next);
    if (relative === undefined || relative.startsWith('../') || relative === '..') break;
    const file = await files.read(folder === '.' ? relative : `${folder}/${relative}`);
    if (!file.found) break;
    const copy = join(root, relative);
    await mkdir(dirname(copy), { recursive: true, mode: 0o700 });
    await writeFile(copy, file.text, { mode: 0o600 });
    text = file.text;
  }
  return { status: 'copied', path: target, source: repoPath };
}
