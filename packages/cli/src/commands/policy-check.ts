import { resolve } from 'node:path';
import type { Logger } from '@gatehouse/findings';
import { loadPolicyFile, parsePolicy } from '@gatehouse/policy';
import { existsSync, readFileSync } from 'node:fs';
import { ConfigurationError } from '@gatehouse/findings';

/** `gatehouse policy check [file]`: 0 when valid; 2 with every mistake at file:line:col otherwise. */
export function policyCheckCommand(args: { file?: string }, logger: Logger): 0 | 2 {
  const file = args.file ?? '.github/gatehouse.yml';
  const path = resolve(file);
  if (!existsSync(path)) {
    if (args.file) throw new ConfigurationError(`${file}: file not found`);
    const loaded = loadPolicyFile(undefined);
    logger.info(`policy: no ${file}; the built-in defaults apply (sha256 ${loaded.sha256.slice(0, 12)})`);
    return 0;
  }
  const loaded = parsePolicy(readFileSync(path, 'utf8'), file);
  logger.info(`policy: ${file} is valid (sha256 ${loaded.sha256.slice(0, 12)})`);
  return 0;
}
