import { ConfigurationError } from '@gatehouse/findings';
import pinnedVersions from '../versions.json' with { type: 'json' };
import { toolVersionsSchema, type ToolVersions } from './tool-versions';

export const VERSIONS_FILE = 'packages/toolchain/versions.json';

let cached: ToolVersions | undefined;

/**
 * The pinned scanner versions, validated. With no argument it reads the one versions file shipped with
 * Gatehouse (validated once, then cached); tests pass their own document. A malformed file is a
 * ConfigurationError naming the field, never a half-read table.
 */
export function loadVersions(document?: unknown): ToolVersions {
  if (document === undefined && cached) return cached;
  const parsed = toolVersionsSchema.safeParse(document ?? pinnedVersions);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.map(String).join('.') || '(root)';
    throw new ConfigurationError(`invalid versions file at ${where}: ${issue.message}`, VERSIONS_FILE);
  }
  if (document === undefined) cached = parsed.data;
  return parsed.data;
}
