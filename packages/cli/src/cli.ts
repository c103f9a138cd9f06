import { parseArgs } from 'node:util';
import { ConfigurationError } from '@gatehouse/findings';
import { reportError } from './cli-error';
import { baselineCommand } from './commands/baseline';
import { demoCommand } from './commands/demo';
import { normalizeCommand } from './commands/normalize';
import { policyCheckCommand } from './commands/policy-check';
import { scanCommand } from './commands/scan';
import { stderrLogger } from './progress';
import { USAGE } from './usage';
import { VERSION } from './version';

/** Parses argv and runs one command; resolves to the process exit code. Never throws. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        from: { type: 'string' },
        policy: { type: 'string' },
        out: { type: 'string' },
        workspace: { type: 'string' },
        engines: { type: 'string' },
        staged: { type: 'boolean' },
        sbom: { type: 'boolean' },
        'osv-db': { type: 'string' },
        'allow-download': { type: 'boolean' },
        verbose: { type: 'boolean' },
        version: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.version) {
      process.stdout.write(`${VERSION}\n`);
      return 0;
    }
    const [command, ...rest] = positionals;
    if (values.help || !command) {
      process.stdout.write(USAGE);
      return command || values.help ? 0 : 2;
    }
    const logger = stderrLogger(values.verbose ?? false);
    const common = { ...(values.policy ? { policy: values.policy } : {}), ...(values.out ? { out: values.out } : {}) };
    switch (command) {
      case 'scan':
        return await scanCommand(
          {
            ...common,
            ...(rest[0] ? { path: rest[0] } : {}),
            ...(values.engines ? { engines: values.engines.split(',').map((e) => e.trim()) } : {}),
            allowDownload: values['allow-download'] ?? false,
            ...(values.staged ? { staged: true } : {}),
            ...(values.sbom ? { sbom: true } : {}),
            ...(values['osv-db'] ? { osvDatabase: values['osv-db'] } : {}),
          },
          logger,
        );
      case 'normalize':
        return normalizeCommand({ ...common, from: values.from, reports: rest, ...(values.workspace ? { workspace: values.workspace } : {}) }, logger);
      case 'policy':
        if (rest[0] !== 'check') throw new ConfigurationError('usage: gatehouse policy check [file]');
        return policyCheckCommand(rest[1] ? { file: rest[1] } : {}, logger);
      case 'baseline':
        return await baselineCommand({ ...common, ...(rest[0] ? { path: rest[0] } : {}) }, logger);
      case 'demo':
        return await demoCommand(common, logger);
      default:
        throw new ConfigurationError(`unknown command "${command}"; see gatehouse --help`);
    }
  } catch (error) {
    if (error instanceof TypeError && 'code' in error && String((error as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
      return reportError(new ConfigurationError(`${error.message}; see gatehouse --help`));
    }
    return reportError(error);
  }
}
