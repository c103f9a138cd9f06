import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root (bench/ sits directly under it). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');

/** Built workers and generated reports (git-ignored). */
export const BENCH_OUT = join(REPO_ROOT, 'bench', '.out');
