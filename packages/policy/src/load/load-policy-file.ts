import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { ConfigurationError } from '@gatehouse/findings';
import { defaultPolicy } from '../schema/presets';
import { MAX_POLICY_BYTES, parsePolicy, type LoadedPolicy } from './parse-policy';

/** Where a repository keeps its policy, relative to its root. */
export const DEFAULT_POLICY_PATH = '.github/gatehouse.yml';

/**
 * Loads a policy file. No path, or a path where no file exists, gives the built-in defaults, and the
 * returned source says so (the summary shows it). Any other failure to read is a ConfigurationError:
 * a policy that exists but cannot be read never silently becomes the defaults.
 */
export function loadPolicyFile(path: string | undefined): LoadedPolicy {
  if (path === undefined) return builtinDefaults('no policy file given; using the built-in default policy');
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return builtinDefaults(`no policy file at ${path}; using the built-in default policy`);
    throw new ConfigurationError(`cannot read the policy file (${code ?? 'unknown error'})`, path);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new ConfigurationError('is not a regular file', path);
    if (stat.size > MAX_POLICY_BYTES) {
      throw new ConfigurationError(`is larger than ${MAX_POLICY_BYTES} bytes; a policy file is never this big`, path);
    }
    // Read at most one byte past the cap, whatever the size said: the file may grow after fstat.
    const buffer = Buffer.alloc(MAX_POLICY_BYTES + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > MAX_POLICY_BYTES) throw new ConfigurationError(`is larger than ${MAX_POLICY_BYTES} bytes`, path);
    }
    const bytes = buffer.subarray(0, length);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new ConfigurationError('is not valid UTF-8 text', path);
    }
    return parsePolicy(text, path);
  } finally {
    closeSync(fd);
  }
}

function builtinDefaults(reason: string): LoadedPolicy {
  const policy = defaultPolicy();
  return {
    policy,
    source: { kind: 'builtin', preset: 'default', reason },
    sha256: createHash('sha256').update(JSON.stringify(policy), 'utf8').digest('hex'),
  };
}
