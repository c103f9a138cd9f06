import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';

/**
 * The first executable called `name` on PATH. Relative PATH entries (`.`, `bin`) are skipped: Gatehouse
 * runs inside repositories it is scanning, and a repository must not be able to plant the "scanner".
 */
export async function findOnPath(name: string, pathValue: string | undefined, platform: NodeJS.Platform = process.platform): Promise<string | undefined> {
  if (!pathValue || name.includes('/') || name.includes('\\')) return undefined;
  const extensions = platform === 'win32' ? ['', '.exe', '.cmd', '.bat'] : [''];
  for (const dir of pathValue.split(platform === 'win32' ? ';' : delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    for (const extension of extensions) {
      const candidate = join(dir, name + extension);
      try {
        if (!(await stat(candidate)).isFile()) continue;
        await access(candidate, platform === 'win32' ? constants.F_OK : constants.X_OK);
        return candidate;
      } catch {
        /* not here */
      }
    }
  }
  return undefined;
}
