import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Real upstream reports live outside the repository, in ../shared relative to its root; tests that
 * read them skip when the folder is absent (as in CI).
 */
export function sharedPath(relative: string): string {
  return fileURLToPath(new URL(`../../../../../shared/${relative}`, import.meta.url));
}

export function hasShared(relative: string): boolean {
  return existsSync(sharedPath(relative));
}
