import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ARCHIVE_LIMITS, checkEntryPath } from './archive-entry-policy';
import { extractTarGz } from './extract-tar';
import { extractZip } from './extract-zip';
import { buildTarGz, type TarEntry } from './test-support/tar-builder';
import { buildZip, type ZipEntry } from './test-support/zip-builder';

let work: string;
let target: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'gh-extract-'));
  target = join(work, 'sandbox', 'target');
  mkdirSync(target, { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function tar(entries: TarEntry[], limits = DEFAULT_ARCHIVE_LIMITS) {
  const file = join(work, 'a.tar.gz');
  writeFileSync(file, buildTarGz(entries));
  return extractTarGz(file, target, limits);
}

function zip(entries: ZipEntry[], limits = DEFAULT_ARCHIVE_LIMITS) {
  const file = join(work, 'a.zip');
  writeFileSync(file, buildZip(entries));
  return extractZip(file, target, limits);
}

/** Everything that exists outside the target after an extraction: must stay just the archives and dirs. */
const outside = () => readdirSync(work, { recursive: true }).map(String).filter((p) => !p.startsWith(join('sandbox', 'target')));

describe('tar.gz extraction', () => {
  it('extracts files, directories and a downward symlink', async () => {
    await tar([
      { path: 'pkg/', type: 'directory' },
      { path: 'pkg/tool', content: 'bin' },
      { path: 'pkg/current', type: 'symlink', linkTarget: 'tool' },
    ]);
    expect(readFileSync(join(target, 'pkg/tool'), 'utf8')).toBe('bin');
    expect(readlinkSync(join(target, 'pkg/current'))).toBe('tool');
  });

  it.each([
    ['a ../ path', [{ path: '../escaped', content: 'x' }], /escapes the target with "\.\."/],
    ['an absolute path', [{ path: '/tmp/escaped', content: 'x' }], /absolute path/],
    ['a symlink to an absolute path', [{ path: 'etc', type: 'symlink', linkTarget: '/etc' }], /points outside the target/],
    ['a symlink climbing out', [{ path: 'up', type: 'symlink', linkTarget: '../../..' }], /points outside the target/],
    ['a hard link to a path outside', [{ path: 'passwd', type: 'hardlink', linkTarget: '../../etc/passwd' }], /escapes the target/],
    ['a FIFO', [{ path: 'pipe', type: 'fifo' }], /unsupported type FIFO/],
  ] satisfies [string, TarEntry[], RegExp][])('refuses %s and writes nothing', async (_name, entries, message) => {
    await expect(tar([{ path: 'first', content: 'ok' }, ...entries])).rejects.toThrow(message);
    expect(readdirSync(target)).toEqual([]);
    expect(outside()).toEqual(['a.tar.gz', 'sandbox']);
  });

  it('refuses an archive over the entry budget', async () => {
    const entries = Array.from({ length: 5 }, (_, i) => ({ path: `f${i}`, content: 'x' }));
    await expect(tar(entries, { maxEntries: 4, maxTotalBytes: 1_000 })).rejects.toThrow(/more than 4 entries/);
  });

  it('refuses an archive over the size budget', async () => {
    await expect(tar([{ path: 'big', content: 'x'.repeat(2_000) }], { maxEntries: 10, maxTotalBytes: 1_000 })).rejects.toThrow(/more than 1000 bytes/);
  });
});

describe('zip extraction', () => {
  it('extracts files, directories and a downward symlink', async () => {
    await zip([{ path: 'bin/' }, { path: 'bin/tool.exe', content: 'bin' }, { path: 'bin/alias', symlinkTarget: 'tool.exe' }]);
    expect(readFileSync(join(target, 'bin/tool.exe'), 'utf8')).toBe('bin');
    expect(lstatSync(join(target, 'bin/alias')).isSymbolicLink()).toBe(true);
  });

  it.each([
    ['zip-slip with ../', [{ path: '../../escaped', content: 'x' }]],
    ['an absolute path', [{ path: '/tmp/escaped', content: 'x' }]],
    ['a backslash path', [{ path: '..\\escaped', content: 'x' }]],
    ['a symlink climbing out', [{ path: 'up', symlinkTarget: '../../..' }]],
    ['a symlink to an absolute path', [{ path: 'etc', symlinkTarget: '/etc' }]],
  ] satisfies [string, ZipEntry[]][])('refuses %s', async (_name, entries) => {
    await expect(zip(entries)).rejects.toThrow();
    expect(readdirSync(target)).toEqual([]);
    expect(outside()).toEqual(['a.zip', 'sandbox']);
  });

  it('refuses a duplicate entry instead of overwriting the first', async () => {
    await expect(zip([{ path: 'tool', content: 'good' }, { path: 'tool', content: 'evil' }])).rejects.toThrow(/EEXIST/);
    expect(readFileSync(join(target, 'tool'), 'utf8')).toBe('good');
  });

  it('refuses an archive over the size budget', async () => {
    await expect(zip([{ path: 'big', content: 'x'.repeat(2_000) }], { maxEntries: 10, maxTotalBytes: 1_000 })).rejects.toThrow(/more than 1000 bytes/);
  });
});

describe('checkEntryPath', () => {
  it('canonicalises harmless forms and refuses drive letters and NUL', () => {
    expect(checkEntryPath('./pkg//tool')).toBe('pkg/tool');
    expect(() => checkEntryPath('C:/Windows/x')).toThrow(/absolute/);
    expect(() => checkEntryPath('a\0b')).toThrow(/NUL/);
    expect(() => checkEntryPath('./')).toThrow(/archive root/);
  });
});
