import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { copyTrustedFile, type TrustedFiles } from '@gatehouse/action-runtime';
import { banditConfigFromPyproject, renderBanditConfig } from '@gatehouse/scanners';

export type TrustedBanditConfig = { status: 'config'; path: string; note: string } | { status: 'missing'; reason: string };

/**
 * bandit's configuration on a pull request, from the trusted source (the base commit), never the
 * pull request: the `bandit-config` file when given; else the base commit's `pyproject.toml`
 * `[tool.bandit]` table, translated to the YAML bandit reads; else an empty configuration, so that a
 * `[tool.bandit]` table the pull request adds (skipping checks, excluding its own files) is not read.
 */
export async function trustedBanditConfig(files: TrustedFiles, given: string | undefined, privateDir: string): Promise<TrustedBanditConfig> {
  const dir = join(privateDir, 'bandit');
  if (given) {
    const copy = await copyTrustedFile(files, given.replace(/^\.\//, ''), dir);
    if (!copy) return { status: 'missing', reason: `the bandit config ${given} (input bandit-config) is not in ${files.description}` };
    return { status: 'config', path: copy, note: `bandit uses ${given} from ${files.description}` };
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const pyproject = await files.read('pyproject.toml');
  const table = pyproject.found ? banditConfigFromPyproject(pyproject.text, 'pyproject.toml') : undefined;
  const path = join(dir, 'bandit-config.yaml');
  await writeFile(path, table ? renderBanditConfig(table) : '{}\n', { mode: 0o600 });
  return {
    status: 'config',
    path,
    note: table ? `bandit uses [tool.bandit] of pyproject.toml from ${files.description}` : `bandit runs with its defaults: pyproject.toml in ${files.description} has no [tool.bandit] table`,
  };
}
