import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** ../shared beside the checkout (CI has it); tests over it skip when it is absent. */
export const SHARED = join(REPO_ROOT, '..', 'shared');
export const SHARED_FIXTURES = join(SHARED, 'fixtures');
export const OFFICIAL_SARIF_SCHEMA = join(SHARED, 'schemas', 'sarif-schema-2.1.0.json');
export const hasSharedFixtures = existsSync(SHARED_FIXTURES);

/** Every file under ../shared/fixtures whose name matches. */
export function sharedFixtureFiles(match: (folder: string, file: string) => boolean): string[] {
  if (!hasSharedFixtures) return [];
  const files: string[] = [];
  for (const folder of readdirSync(SHARED_FIXTURES, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    for (const file of readdirSync(join(SHARED_FIXTURES, folder.name))) {
      if (match(folder.name, file)) files.push(join(SHARED_FIXTURES, folder.name, file));
    }
  }
  return files.sort();
}
