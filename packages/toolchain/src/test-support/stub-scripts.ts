import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes an executable shell script into `dir` and returns its path. */
export function writeScript(dir: string, name: string, body: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, body.startsWith('#!') ? body : `#!/bin/sh\n${body}`);
  chmodSync(path, 0o755);
  return path;
}

/** Writes an executable Node script (CommonJS) into `dir`: stubs for python3 and npm that record their argv. */
export function writeNodeScript(dir: string, name: string, source: string): string {
  return writeScript(dir, name, `#!/usr/bin/env node\n${source}`);
}
