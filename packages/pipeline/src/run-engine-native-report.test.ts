import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@gatehouse/findings';
import type { ScannerAdapter } from '@gatehouse/scanners';
import { describe, expect, it } from 'vitest';
import { runEngine } from './run-engine';

const REPORT = JSON.stringify({ results: [] });

function stubAdapter(holdsPlaintextSecrets: boolean): ScannerAdapter {
  return {
    id: 'stub',
    displayName: 'stub',
    categories: ['sast'],
    formats: ['json'],
    parse: () => ({ findings: [], skipped: [], incomplete: [], nativeCount: 0 }),
    command: () => ({ executable: process.execPath, args: ['-e', `process.stdout.write(${JSON.stringify(REPORT)})`] }),
    exitCodes: { clean: [0], findings: [1], failures: {} },
    reportOn: 'stdout',
    holdsPlaintextSecrets,
  };
}

async function run(holdsPlaintextSecrets: boolean): Promise<string> {
  const workspace = mkdtempSync(join(tmpdir(), 'gatehouse-run-engine-'));
  const nativeReportPath = join(mkdtempSync(join(tmpdir(), 'gatehouse-reports-')), 'reports', 'stub.json');
  const outcome = await runEngine({
    adapter: stubAdapter(holdsPlaintextSecrets),
    executable: process.execPath,
    options: { workspace, targets: ['.'], mode: 'full' },
    parse: { workspace, salt: 's'.repeat(16) },
    logger: silentLogger,
    nativeReportPath,
  });
  expect(outcome.engine.status).toBe('ran');
  return nativeReportPath;
}

describe('runEngine keeping the native report', () => {
  it('copies the report of an engine whose reports hold no secrets to the given path', async () => {
    const path = await run(false);
    expect(readFileSync(path, 'utf8')).toBe(REPORT);
  });

  it('never keeps the report of an engine whose reports hold plaintext secrets', async () => {
    expect(existsSync(await run(true))).toBe(false);
  });
});
