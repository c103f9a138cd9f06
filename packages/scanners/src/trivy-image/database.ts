import { errorMessage } from '@gatehouse/findings';
import { refreshDatabase, runCommand, type CommandResult, type DatabaseRefresh, type RefreshDatabaseOptions, type ToolCommand } from '@gatehouse/toolchain';
import { describeTrivyFailure } from './failure';
import { javaDbRepositoryFor } from './repositories';

/**
 * trivy's databases kept at most a day old in `databaseCacheDir('trivy')`: for each source of the
 * versions file (`databases.trivy.sources`, then GATEHOUSE_TRIVY_DB_REPOSITORY), with retries and
 * backoff, `trivy image --download-db-only` and `--download-java-db-only` into the cache. When all
 * sources fail the result is `incomplete`; the scan is then not run (never reported clean).
 */
export function trivyDatabaseUpdateCommands(executable: string, repository: string, cacheDir: string): ToolCommand[] {
  const common = ['--cache-dir', cacheDir, '--no-progress', '--skip-version-check', '--disable-telemetry'];
  const java = javaDbRepositoryFor(repository);
  return [
    { executable, args: ['image', '--download-db-only', '--db-repository', repository, ...common] },
    { executable, args: ['image', '--download-java-db-only', ...(java ? ['--java-db-repository', java] : []), ...common] },
  ];
}

export interface RefreshTrivyDatabaseOptions extends RefreshDatabaseOptions {
  executable: string;
  timeoutMs?: number;
  run?: (command: ToolCommand, limits: { timeoutMs: number; outputCapBytes: number }) => Promise<CommandResult>;
}

export async function refreshTrivyDatabase(options: RefreshTrivyDatabaseOptions): Promise<DatabaseRefresh> {
  const run = options.run ?? runCommand;
  const limits = { timeoutMs: options.timeoutMs ?? 10 * 60_000, outputCapBytes: 1024 * 1024 };
  return refreshDatabase(
    'trivy',
    async (source, dir) => {
      for (const command of trivyDatabaseUpdateCommands(options.executable, source, dir)) {
        let result: CommandResult;
        try {
          result = await run(command, limits);
        } catch (error) {
          throw new Error(`trivy ${command.args[1]}: ${errorMessage(error)}`);
        }
        if (result.exitCode !== 0 || result.signal) {
          const what = result.signal ? `killed by ${result.signal}` : `exit code ${result.exitCode}`;
          throw new Error(`trivy ${command.args[1]} ${what}: ${describeTrivyFailure(result.stderr).reason}`);
        }
      }
    },
    options,
  );
}
