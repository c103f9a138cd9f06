import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScanPlanSetup } from '@gatehouse/action-runtime';
import { commitIfPresent, materialiseTrustedSecretsConfig, presentSecretsConfigFiles, SECRETS_TRUSTED_FILES } from '@gatehouse/scanners';

export interface TrustedSecretsConfig {
  /** The private copy the engines read their configuration from; undefined when the workspace is trusted. */
  dir: string | undefined;
  /** Which of SECRETS_TRUSTED_FILES the trusted source has. */
  files: string[];
  notes: string[];
}

/** The commit whose configuration a pull request (or a merge queue group) is scanned with. */
function trustedCommit(setup: ScanPlanSetup): string | undefined {
  const { event } = setup.context;
  if (event.kind === 'pull_request') return event.base.sha;
  if (event.kind === 'merge_group') return event.baseSha;
  return undefined;
}

/**
 * Where the secrets engines read `.gitleaks.toml`, `.gitleaksignore`, `.secretlintignore` and
 * `.secrets.baseline` (docs/secrets.md, "Configuration a pull request cannot weaken"). On a pull
 * request: a private copy of the base commit's files and what they reference
 * (`materialiseTrustedSecretsConfig`); when the checkout lacks the base commit, the four files
 * through the contents API (their references cannot be followed; the history engines are
 * incomplete then anyway, as the range cannot be walked). Elsewhere the workspace is trusted.
 */
export async function trustedSecretsConfig(setup: ScanPlanSetup): Promise<TrustedSecretsConfig> {
  const commit = trustedCommit(setup);
  if (!commit) return { dir: undefined, files: presentSecretsConfigFiles(setup.workspace), notes: [] };
  const dir = join(setup.privateDir, 'trusted-config');
  if (await commitIfPresent(setup.workspace, commit)) {
    return { dir, files: await materialiseTrustedSecretsConfig(setup.workspace, commit, dir), notes: [] };
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const files: string[] = [];
  for (const path of SECRETS_TRUSTED_FILES) {
    const file = await setup.files.read(path);
    if (!file.found) continue;
    await writeFile(join(dir, path), file.text, { mode: 0o600 });
    files.push(path);
  }
  return {
    dir,
    files,
    notes: [`the base commit ${commit.slice(0, 7)} is not in the checkout: the secrets engines' configuration was read from it through the API (files it references are not followed)`],
  };
}
