import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { STEP_SUMMARY_LIMIT_BYTES, appendSummary, summaryBytesRemaining } from './job-summary';

// @actions/core remembers the summary path of the process, so one file serves every test here.
const file = join(mkdtempSync(join(tmpdir(), 'gatehouse-summary-')), 'step-summary.md');
process.env.GITHUB_STEP_SUMMARY = file;

describe('appendSummary', () => {
  beforeEach(() => writeFileSync(file, ''));

  it('appends Markdown as given', async () => {
    await appendSummary('# Verdict: pass\n');
    const result = await appendSummary('| a | b |\n');
    expect(readFileSync(file, 'utf8')).toBe('# Verdict: pass\n| a | b |\n');
    expect(result).toEqual({ writtenBytes: 10, omittedBytes: 0 });
  });

  it('never lets the file pass 1 MiB: cuts at a line break and says what happened', async () => {
    writeFileSync(file, 'x'.repeat(STEP_SUMMARY_LIMIT_BYTES - 5_000));
    const rows = Array.from({ length: 400 }, (_, i) => `| finding ${i} | é ✓ |`).join('\n');
    const result = await appendSummary(rows);
    const written = readFileSync(file);
    expect(written.length).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT_BYTES);
    const text = written.toString('utf8');
    expect(text).not.toContain('\uFFFD');
    expect(text).toContain('left out to stay within GitHub’s 1 MiB step-summary limit');
    const kept = text.slice(STEP_SUMMARY_LIMIT_BYTES - 5_000).split('\n\n> [!WARNING]')[0]!;
    expect(kept.endsWith('|\n')).toBe(true);
    expect(result.omittedBytes).toBeGreaterThan(0);
    expect(result.writtenBytes + result.omittedBytes).toBe(Buffer.byteLength(rows));
    expect(summaryBytesRemaining()).toBeLessThan(200);
  });

  it('keeps concurrent appends within the limit', async () => {
    writeFileSync(file, 'x'.repeat(STEP_SUMMARY_LIMIT_BYTES - 3_000));
    const chunk = `${'y'.repeat(999)}\n`;
    await Promise.all([appendSummary(chunk), appendSummary(chunk), appendSummary(chunk), appendSummary(chunk)]);
    expect(readFileSync(file).length).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT_BYTES);
  });

  it('writes nothing when even the note would not fit', async () => {
    writeFileSync(file, 'x'.repeat(STEP_SUMMARY_LIMIT_BYTES - 10));
    expect(await appendSummary('# more than ten bytes\n')).toEqual({ writtenBytes: 0, omittedBytes: 22 });
    expect(readFileSync(file).length).toBe(STEP_SUMMARY_LIMIT_BYTES - 10);
  });

  it('writes nothing outside GitHub Actions', async () => {
    expect(await appendSummary('# x\n', {})).toEqual({ writtenBytes: 0, omittedBytes: 4 });
    expect(summaryBytesRemaining({})).toBe(0);
  });
});
