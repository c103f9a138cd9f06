import { readFile } from 'node:fs/promises';
import { errorMessage } from '@gatehouse/findings';
import type { RunOptions } from '../adapter';
import { checkFiles, type CheckedFile } from './check-files';
import { collectFiles, readChecked } from './collect-files';
import type { HardeningError } from './report';
import { disabledRules } from './rules';

/**
 * The engine, in process: finds the Dockerfiles and compose files under the targets (or the
 * targets file, one path per line), reads each (at most 1 MiB, UTF-8), runs the rules that are on
 * (`--disable <rule>` in extraArgs switches one off) and returns the native report as JSON text.
 * Honours `signal` between files.
 */
export async function runContainerHardening(opts: RunOptions, signal: AbortSignal): Promise<string> {
  const disabled = disabledRules(opts.extraArgs);
  let targets = [...opts.targets];
  if (opts.targetsFile) {
    targets = (await readFile(opts.targetsFile, 'utf8'))
      .split(/\r?\n/)
      .map((t) => t.trim())
      .filter(Boolean);
  }
  const collected = await collectFiles(opts.workspace, targets, signal);
  const errors: HardeningError[] = [...collected.errors];
  const files: CheckedFile[] = [];
  for (const file of collected.files) {
    if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('container-hardening: aborted');
    const read = await readChecked(opts.workspace, file.path).catch((error: unknown) => ({ error: `could not be read: ${errorMessage(error)}` }));
    if ('error' in read) errors.push({ path: file.path, message: read.error.slice(0, 2_000) });
    else files.push({ ...file, text: read.text });
  }
  return `${JSON.stringify(checkFiles(files, disabled, errors), null, 2)}\n`;
}
