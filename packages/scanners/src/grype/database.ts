import { errorMessage, type Logger } from '@gatehouse/findings';
import {
  CommandError,
  refreshDatabase,
  runCommand,
  type CommandResult,
  type DatabaseRefresh,
  type RefreshDatabaseOptions,
  type ToolCommand,
} from '@gatehouse/toolchain';
import { z } from 'zod';

/**
 * grype's vulnerability database, kept at most a day old in `databaseCacheDir('grype')`
 * (docs/engines/grype.md): `grype db update` against each documented source in turn (the versions
 * file's `databases.grype.sources`, then the mirror in GATEHOUSE_GRYPE_DB_URL), with retries, then
 * `grype db status -o json` to check what was installed. A scan then runs with auto-update off.
 */

const COMMON_ENV = { GRYPE_CHECK_FOR_APP_UPDATE: 'false' };

export function grypeDatabaseUpdateCommand(executable: string, source: string, dir: string): ToolCommand {
  return {
    executable,
    args: ['db', 'update'],
    env: { ...COMMON_ENV, GRYPE_DB_CACHE_DIR: dir, GRYPE_DB_UPDATE_URL: source, GRYPE_DB_REQUIRE_UPDATE_CHECK: 'true' },
  };
}

export function grypeDatabaseStatusCommand(executable: string, dir: string): ToolCommand {
  return { executable, args: ['db', 'status', '-o', 'json'], env: { ...COMMON_ENV, GRYPE_DB_CACHE_DIR: dir } };
}

const StatusSchema = z.looseObject({
  schemaVersion: z.union([z.string(), z.number()]).optional(),
  built: z.string().optional(),
  valid: z.boolean().optional(),
  error: z.string().nullish(),
});

/** `grype db status -o json`: what is installed, and whether grype considers it valid. */
export function readGrypeDatabaseStatus(stdout: string): { valid: boolean; built?: string; reason?: string } {
  let value: unknown;
  try {
    value = JSON.parse(stdout);
  } catch {
    return { valid: false, reason: 'grype db status did not print JSON' };
  }
  const parsed = StatusSchema.safeParse(value);
  if (!parsed.success) return { valid: false, reason: 'grype db status printed an unexpected document' };
  const status = parsed.data;
  if (status.error) return { valid: false, reason: status.error.slice(0, 300), ...(status.built ? { built: status.built } : {}) };
  if (status.valid === false) return { valid: false, reason: 'grype reports the installed database as not valid', ...(status.built ? { built: status.built } : {}) };
  return { valid: true, ...(status.built ? { built: status.built } : {}) };
}

/** The line of grype's stderr that says why, without the log noise around it. */
export function grypeFailureLine(result: Pick<CommandResult, 'stderr' | 'exitCode' | 'signal'>): string {
  const lines = result.stderr.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const telling = lines.reverse().find((l) => /unable to update vulnerability database|failed to load vulnerability db|db could not be loaded|vulnerability database|error/i.test(l)) ?? lines[0];
  const what = result.signal ? `killed by ${result.signal}` : `exit code ${result.exitCode}`;
  return `${what}${telling ? `: ${telling.slice(0, 300)}` : ''}`;
}

export interface RefreshGrypeDatabaseOptions extends RefreshDatabaseOptions {
  executable: string;
  /** How long one `grype db update` may take (the database is a few hundred MB). */
  timeoutMs?: number;
  /** Injected by tests; runCommand otherwise. */
  run?: (command: ToolCommand, limits: { timeoutMs: number; outputCapBytes: number }) => Promise<CommandResult>;
  logger?: Logger;
}

/** Keeps grype's database fresh; `incomplete` (never "fresh") when no source could provide it. */
export async function refreshGrypeDatabase(options: RefreshGrypeDatabaseOptions): Promise<DatabaseRefresh> {
  const run = options.run ?? runCommand;
  const limits = { timeoutMs: options.timeoutMs ?? 10 * 60_000, outputCapBytes: 1024 * 1024 };
  return refreshDatabase(
    'grype',
    async (source, dir) => {
      let result: CommandResult;
      try {
        result = await run(grypeDatabaseUpdateCommand(options.executable, source, dir), limits);
      } catch (error) {
        throw new Error(error instanceof CommandError ? error.message : `grype db update: ${errorMessage(error)}`);
      }
      if (result.exitCode !== 0 || result.signal) throw new Error(`grype db update ${grypeFailureLine(result)}`);
      const status = await run(grypeDatabaseStatusCommand(options.executable, dir), limits);
      const read = readGrypeDatabaseStatus(status.stdout.toString('utf8'));
      if (status.exitCode !== 0 || !read.valid) throw new Error(`grype db status: ${read.reason ?? grypeFailureLine(status)}`);
    },
    options,
  );
}
