import { createHash } from 'node:crypto';
import { ConfigurationError } from '@gatehouse/findings';
import { parseBaseline, parsePolicy, parseVexDocument, policyPreset, type LoadedPolicy, type PresetName, type VexStatement } from '@gatehouse/policy';
import type { TrustedFiles } from './trusted-files';

/** The policy and everything it points at, all read from one trusted source. */
export interface TrustedPolicy {
  loaded: LoadedPolicy;
  /** The repository-relative path asked for (`policy` input). */
  path: string;
  /** Where it was read from, in words. */
  where: string;
  /** The commit it was read at through GitHub, if it was. */
  ref: string | undefined;
  /** Statements of the VEX documents the policy lists. */
  vex: VexStatement[];
  /** Finding ids of `newOnly.baselineFile`, when the policy names one. */
  baselineIds: ReadonlySet<string> | undefined;
  /** One line for the summary: which policy decided, and from where. */
  description: string;
}

function builtinPolicy(preset: PresetName, reason: string): LoadedPolicy {
  const policy = policyPreset(preset);
  return { policy, source: { kind: 'builtin', preset, reason }, sha256: createHash('sha256').update(JSON.stringify(policy), 'utf8').digest('hex') };
}

async function requiredFile(files: TrustedFiles, path: string, what: string): Promise<string> {
  const file = await files.read(path);
  if (!file.found) throw new ConfigurationError(`the policy lists ${what} ${path}, which does not exist in ${files.description}`);
  return file.text;
}

/**
 * Reads the policy file and the VEX documents and baseline it names from `files` (the base commit on
 * pull requests). A missing policy file gives the built-in `preset` (default: `default`; image-scan
 * asks for `deploy`), said in `description`; a policy file, when there is one, decides alone (its own
 * `preset:` key says what it starts from). A policy that does not validate, or a listed VEX document
 * or baseline that is missing or unreadable, throws: the run must not go on with less than the
 * policy asks for.
 */
export async function loadTrustedPolicy(files: TrustedFiles, path: string, preset: PresetName = 'default'): Promise<TrustedPolicy> {
  const file = await files.read(path);
  const loaded = file.found ? parsePolicy(file.text, path) : builtinPolicy(preset, `no ${path} in ${files.description}`);
  const vex: VexStatement[] = [];
  for (const document of loaded.policy.vex.documents) {
    vex.push(...parseVexDocument(await requiredFile(files, document, 'the VEX document'), document));
  }
  const baselineFile = loaded.policy.newOnly.baselineFile;
  const baselineIds = baselineFile ? parseBaseline(await requiredFile(files, baselineFile, 'the baseline'), baselineFile).ids : undefined;
  const description = file.found
    ? `${path} from ${files.description}`
    : `the built-in ${preset} policy (no ${path} in ${files.description})`;
  return { loaded, path, where: files.description, ref: files.ref, vex, baselineIds, description };
}
