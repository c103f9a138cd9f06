import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ExampleSecret } from '../../../packages/scanners/src/index';

/**
 * The step log as the runner shows it: every value announced with `::add-mask::` is replaced by ***
 * in the lines after it (the runner masks from then on), and the mask commands themselves are not shown.
 */
export function visibleLog(stdout: string): string {
  const masks: string[] = [];
  const shown: string[] = [];
  for (const line of stdout.split('\n')) {
    if (line.startsWith('::add-mask::')) {
      masks.push(line.slice('::add-mask::'.length));
      continue;
    }
    shown.push(masks.reduce((text, mask) => (mask ? text.split(mask).join('***') : text), line));
  }
  return shown.join('\n');
}

/** Where a value (or its base64 / URL-encoded forms) occurs in the bytes. */
export function leaksOf(value: string, bytes: Map<string, string>): string[] {
  const forms = [value, Buffer.from(value).toString('base64'), encodeURIComponent(value)].filter((f) => f.length >= 8);
  const found: string[] = [];
  for (const [where, text] of bytes) {
    const visible = where === 'log (stdout)' ? visibleLog(text) : text;
    if (forms.some((form) => visible.includes(form))) found.push(where);
  }
  return found;
}

/** The value's lines, for multi-line secrets (a private key): any one of them leaking is a leak. */
export function valueParts(secret: ExampleSecret): string[] {
  return secret.value
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length >= 16 && !/^-----/.test(l));
}

/** Every file under `dir` (none when it does not exist), by path, as latin1 text so any byte sequence survives. */
export function readTree(dir: string, into: Map<string, string>, skip: (name: string) => boolean = () => false): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (skip(entry.name)) continue;
    if (entry.isDirectory()) readTree(path, into, skip);
    else if (entry.isFile() && statSync(path).size < 64 * 1024 * 1024) into.set(path, readFileSync(path).toString('latin1'));
  }
}
