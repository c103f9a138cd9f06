import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@gatehouse/findings';
import { describe, expect, it } from 'vitest';
import { resolveEngineExecutable } from './resolve-engine';

describe('resolveEngineExecutable', () => {
  it('runs npm audit with the npm on the runner’s PATH, recording its version', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'gatehouse-npm-'));
    writeFileSync(join(bin, 'npm'), '#!/bin/sh\n[ "$1" = "--version" ] && echo 10.9.2\n');
    chmodSync(join(bin, 'npm'), 0o755);
    expect(await resolveEngineExecutable('npm-audit', { logger: silentLogger, env: { PATH: bin, GITHUB_ACTIONS: 'true' } })).toEqual({
      status: 'available',
      engine: 'npm-audit',
      path: join(bin, 'npm'),
      version: '10.9.2',
      source: 'path',
    });
  });

  it('makes npm audit incomplete when the runner has no npm', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'gatehouse-no-npm-'));
    expect(await resolveEngineExecutable('npm-audit', { logger: silentLogger, env: { PATH: empty, GITHUB_ACTIONS: 'true' } })).toMatchObject({
      status: 'incomplete',
      reason: expect.stringContaining('npm is not on PATH'),
    });
  });

  it('runs built-in engines in process', async () => {
    expect(await resolveEngineExecutable('osv-offline', { logger: silentLogger, env: { GITHUB_ACTIONS: 'true' } })).toMatchObject({ status: 'available', path: 'in-process' });
  });
});
