import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError } from '@gatehouse/findings';
import type { RunOptions } from '../adapter';
import { manifestKindOf } from '../manifests/manifest-kind';
import { readManifests } from '../manifests/read-manifests';

/** The file `prepare` writes into the run's private workDir and pip-audit reads. */
export const PINNED_REQUIREMENTS_FILE = 'pip-audit-requirements.txt';

/**
 * pip-audit audits requirements files; Gatehouse gives it one it wrote itself from the manifest it
 * read (requirements*.txt with its -r includes, poetry.lock, uv.lock or Pipfile.lock): one
 * `name==version` line per pinned package. pip-audit then never follows an include out of the
 * repository, never meets a format it cannot read, and never needs pip to resolve anything.
 * Unpinned lines are not in it (the manifest reader lists them as "not pinned — cannot be audited
 * exactly"). A manifest that cannot be read stops the run (incomplete), naming the file.
 */
export async function preparePipAuditRun(opts: RunOptions): Promise<RunOptions> {
  const manifest = opts.targets[0];
  if (!manifest || opts.targets.length !== 1) throw new ConfigurationError('pip-audit audits exactly one Python manifest per invocation');
  const kind = manifestKindOf(manifest);
  if (!kind || !['requirements.txt', 'poetry.lock', 'uv.lock', 'Pipfile.lock'].includes(kind)) {
    throw new ConfigurationError(`pip-audit cannot audit ${manifest}: not a Python manifest (requirements*.txt, poetry.lock, uv.lock, Pipfile.lock)`);
  }
  if (!opts.workDir) throw new ConfigurationError('pip-audit needs a private work directory for its requirements file');
  const { results, failures } = await readManifests(opts.workspace, [{ path: manifest, kind }]);
  if (failures.length) throw new Error(`pip-audit: ${failures[0]!.reason}`);
  const lines = [...new Set(results[0]!.packages.map((p) => `${p.name}==${p.version}`))].sort();
  const path = join(opts.workDir, PINNED_REQUIREMENTS_FILE);
  await writeFile(path, lines.length ? `${lines.join('\n')}\n` : '', { mode: 0o600 });
  return { ...opts, targets: [path] };
}
