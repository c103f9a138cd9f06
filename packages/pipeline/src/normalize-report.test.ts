import { chmodSync, closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryLogger, ParseError } from '@gatehouse/findings';
import { createDefaultRegistry, MAX_WHOLE_DOCUMENT_BYTES, type ScannerAdapter } from '@gatehouse/scanners';
import { normalizeReportFile } from './normalize-report';
import { runEngine } from './run-engine';

const dir = mkdtempSync(join(tmpdir(), 'gatehouse-normalize-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A sparse file of `size` bytes: costs no disk and no time, however large. */
function sparseFile(name: string, size: number): string {
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  ftruncateSync(fd, size);
  closeSync(fd);
  return path;
}

describe('normalizeReportFile on a report past V8\'s string limit', () => {
  it('refuses a whole document too large to be one string with a ParseError naming the file, before reading it', () => {
    const path = sparseFile('huge-trivy.json', MAX_WHOLE_DOCUMENT_BYTES + 1);
    expect(statSync(path).size).toBeGreaterThan(0x1fff_ffe8 - 1024);
    const trivy = createDefaultRegistry().get('trivy');
    let thrown: unknown;
    try {
      normalizeReportFile(trivy, path, { file: 'reports/huge-trivy.json', workspace: dir, salt: 'salt-for-the-test-0123' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ParseError);
    expect((thrown as ParseError).file).toBe('reports/huge-trivy.json');
    expect((thrown as ParseError).message).toMatch(/^reports\/huge-trivy\.json: report is \d+ bytes, over the \d+-byte limit for one document$/);
  });

  it('makes an engine whose report is past the limit incomplete, naming the cause, without reading the report', async () => {
    // A stub engine that "writes" a 512 MiB report as a sparse file.
    const engine = join(dir, 'huge-report-engine');
    writeFileSync(engine, `#!${process.execPath}\nconst fs = require('fs');\nconst fd = fs.openSync(process.argv[2], 'w');\nfs.ftruncateSync(fd, ${MAX_WHOLE_DOCUMENT_BYTES + 1});\nprocess.exit(1);\n`);
    chmodSync(engine, 0o755);
    const adapter: ScannerAdapter = {
      id: 'toy',
      displayName: 'toy',
      categories: ['sast'],
      formats: ['json'],
      exitCodes: { clean: [0], findings: [1] },
      reportOn: 'file',
      command: (opts) => ({ executable: opts.executable, args: [opts.reportPath], cwd: opts.workspace }),
      parse: () => {
        throw new Error('parse must not be reached');
      },
    };
    const outcome = await runEngine({ adapter, executable: engine, options: { workspace: dir, targets: ['.'], mode: 'full' }, parse: { workspace: dir, salt: 'salt-for-the-test-0123' }, logger: new MemoryLogger() });
    expect(outcome.engine.status).toBe('incomplete');
    expect(outcome.engine.reason).toMatch(/its report could not be read: toy report: report is \d+ bytes, over the \d+-byte limit for one document/);
  });
});
