import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { z } from 'zod';
import { ConfigurationError } from '@gatehouse/findings';
import type { RunOptions } from '../adapter';
import { describeIssues } from '../zod-issues';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
const JsonValue: z.ZodType<Json> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValue).max(10_000), z.record(z.string().regex(/^[A-Za-z0-9_.-]+$/), JsonValue)]),
);

/**
 * `[tool.bandit]` as bandit ≥ 1.7 reads it from pyproject.toml: the same keys as its YAML config
 * (`tests`, `skips`, `exclude_dirs`, and per-plugin tables such as `[tool.bandit.assert_used]`).
 */
const BanditTableSchema = z.record(z.string().regex(/^[A-Za-z0-9_.-]+$/, 'not a bandit option name'), JsonValue).and(
  z.object({
    tests: z.array(z.string()).optional(),
    skips: z.array(z.string()).optional(),
    exclude_dirs: z.array(z.string()).optional(),
  }),
);
export type BanditConfig = z.infer<typeof BanditTableSchema>;

/**
 * The `[tool.bandit]` table of a pyproject.toml, validated, or undefined when there is none.
 * Dates and times (TOML-only types) become strings; bandit options never use them.
 */
export function banditConfigFromPyproject(text: string, file: string): BanditConfig | undefined {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TomlError) throw new ConfigurationError(error.message.split('\n')[0]!, file, error.line, error.column);
    throw new ConfigurationError(error instanceof Error ? error.message : String(error), file);
  }
  const tool = Object.hasOwn(doc, 'tool') ? doc.tool : undefined;
  const table = tool && typeof tool === 'object' && Object.hasOwn(tool, 'bandit') ? (tool as Record<string, unknown>).bandit : undefined;
  if (table === undefined) return undefined;
  const parsed = BanditTableSchema.safeParse(JSON.parse(JSON.stringify(table)));
  if (!parsed.success) throw new ConfigurationError(`[tool.bandit] is not a valid bandit configuration: ${describeIssues(parsed.error)}`, file);
  return parsed.data;
}

/** bandit reads its `-c` file as YAML, and JSON is YAML: the translation is the table as JSON. */
export function renderBanditConfig(config: BanditConfig): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

/**
 * Before bandit runs: a YAML config given as `configPath` is passed as is; a TOML one (or the
 * workspace's pyproject.toml when no config was given) has its `[tool.bandit]` table translated
 * into `workDir`, because Debian's bandit 1.6 reads only YAML. A given TOML file without the table
 * is a configuration error; a pyproject.toml without it just means "no bandit configuration".
 */
export async function prepareBanditRun(opts: RunOptions): Promise<RunOptions> {
  const given = opts.configPath;
  if (given && !/\.toml$/i.test(given)) return opts;
  const source = given ?? join(opts.workspace, 'pyproject.toml');
  if (!existsSync(source)) {
    if (given) throw new ConfigurationError('bandit configuration file not found', given);
    return opts;
  }
  const config = banditConfigFromPyproject(await readFile(source, 'utf8'), source);
  if (!config) {
    if (given) throw new ConfigurationError('no [tool.bandit] table in this file', given);
    return opts;
  }
  if (!opts.workDir) throw new Error('bandit: prepare needs opts.workDir to write the translated configuration');
  const translated = join(opts.workDir, 'bandit-config.yaml');
  await writeFile(translated, renderBanditConfig(config), { mode: 0o600 });
  return { ...opts, configPath: translated };
}
