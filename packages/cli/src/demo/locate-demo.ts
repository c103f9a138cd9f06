import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigurationError } from '@gatehouse/findings';

/** examples/vulnerable-app of this checkout: found from the current directory or from the CLI's own location. */
export function locateDemoApp(cwd = process.cwd()): string {
  const starts = [resolve(cwd), dirname(fileURLToPath(import.meta.url))];
  for (const start of starts) {
    let dir = start;
    for (;;) {
      const candidate = join(dir, 'examples', 'vulnerable-app');
      if (existsSync(join(candidate, 'api', 'app.py'))) return candidate;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new ConfigurationError('examples/vulnerable-app not found: run `gatehouse demo` inside a Gatehouse checkout');
}
