// Reads the release SHAs of third-party actions from the shared pins list (a Markdown table:
// | action | release | commit SHA | ...), when it is beside the checkout.
import { existsSync, readFileSync } from 'node:fs';

export function readPinsTable(path: string): Map<string, { sha: string; version: string }> | undefined {
  if (!existsSync(path)) return undefined;
  const table = new Map<string, { sha: string; version: string }>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    // | github/codeql-action (init, analyze, upload-sarif) | v4.36.2 | <sha> | ...
    const repository = /^([A-Za-z0-9-]+\/[A-Za-z0-9._-]+)/.exec(cells[1] ?? '')?.[1];
    if (repository && /^v\d+\.\d+\.\d+$/.test(cells[2] ?? '') && /^[0-9a-f]{40}$/.test(cells[3] ?? '')) {
      table.set(repository, { sha: cells[3]!, version: cells[2]! });
    }
  }
  return table;
}
