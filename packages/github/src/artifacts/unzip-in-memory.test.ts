import { deflateRawSync } from 'node:zlib';
import { zipArchive } from '@gatehouse/testing-harness';
import { describe, expect, it } from 'vitest';
import { ArchiveRefused, unzipInMemory } from './unzip-in-memory';

/** Marks every entry of a zip as made on Unix with this st_mode (symlinks, devices). */
function withUnixMode(zip: Buffer, mode: number): Buffer {
  const copy = Buffer.from(zip);
  for (let offset = copy.indexOf(0x02014b50 & 0xff); offset >= 0 && offset < copy.length - 46; offset += 1) {
    if (copy.readUInt32LE(offset) !== 0x02014b50) continue;
    copy.writeUInt16LE((3 << 8) | 20, offset + 4);
    copy.writeUInt32LE((mode << 16) >>> 0, offset + 38);
  }
  return copy;
}

/** A one-entry zip whose deflated data expands far beyond what it declares or what we allow. */
function deflatedZip(name: string, data: Buffer): Buffer {
  const stored = zipArchive({ [name]: data });
  const compressed = deflateRawSync(data);
  const local = Buffer.from(stored.subarray(0, 30 + name.length));
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(compressed.length, 18);
  const centralStart = stored.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  const central = Buffer.from(stored.subarray(centralStart, stored.length - 22));
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(compressed.length, 20);
  const end = Buffer.from(stored.subarray(stored.length - 22));
  end.writeUInt32LE(local.length + compressed.length, 16);
  return Buffer.concat([local, compressed, central, end]);
}

describe('unzipInMemory', () => {
  it('reads the files of an artifact zip by their paths', async () => {
    const files = await unzipInMemory(zipArchive({ 'findings.json': '{"findings":[]}', 'reports/gitleaks.json': '[]', 'é.txt': 'é' }));
    expect([...files.keys()]).toEqual(['findings.json', 'reports/gitleaks.json', 'é.txt']);
    expect(files.get('reports/gitleaks.json')!.toString()).toBe('[]');
  });

  it('reads only the files asked for; the others are name-checked but neither read nor counted', async () => {
    const bomb = deflatedZip('report.html', Buffer.alloc(5 * 1024 * 1024, 0x20));
    const files = await unzipInMemory(bomb, { maxTotalBytes: 1024, include: (name) => name === 'findings.json' });
    expect([...files.keys()]).toEqual([]);
    const mixed = zipArchive({ 'findings.json': '{}', 'report.html': '<html>', '../escape': 'x' });
    await expect(unzipInMemory(mixed, { include: (name) => name === 'findings.json' })).rejects.toBeInstanceOf(ArchiveRefused);
    const read = await unzipInMemory(zipArchive({ 'findings.json': '{}', 'report.html': '<html>' }), { include: (name) => name === 'findings.json' });
    expect([...read.keys()]).toEqual(['findings.json']);
  });

  it('refuses entries that climb out of the artifact or are absolute', async () => {
    for (const name of ['../../.bashrc', 'a/../../b', '/etc/passwd', 'C:/windows/x', 'a\\..\\b']) {
      await expect(unzipInMemory(zipArchive({ [name]: 'x' })), name).rejects.toBeInstanceOf(ArchiveRefused);
    }
  });

  it('refuses symlinks and other special files', async () => {
    await expect(unzipInMemory(withUnixMode(zipArchive({ link: '/etc/shadow' }), 0o120777))).rejects.toThrow(/links and special files are refused/);
    expect((await unzipInMemory(withUnixMode(zipArchive({ file: 'x' }), 0o100644))).get('file')!.toString()).toBe('x');
  });

  it('stops a zip bomb at the byte cap, whatever the entry declares', async () => {
    const bomb = deflatedZip('bomb.json', Buffer.alloc(5 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(20_000);
    await expect(unzipInMemory(bomb, { maxTotalBytes: 1024 * 1024 })).rejects.toThrow(/more than 1048576 uncompressed bytes/);
    expect((await unzipInMemory(bomb)).get('bomb.json')!.length).toBe(5 * 1024 * 1024);
  });

  it('refuses too many entries, duplicate names, and what is not a zip', async () => {
    const many = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, 'x']));
    await expect(unzipInMemory(zipArchive(many), { maxEntries: 10 })).rejects.toThrow(/more than 10 entries/);
    const twice = zipArchive({ 'dup-one.json': '1', 'dup-two.json': '2' });
    const renamed = Buffer.from(twice.toString('latin1').replaceAll('dup-two', 'dup-one'), 'latin1');
    await expect(unzipInMemory(renamed)).rejects.toThrow(/dup-one\.json: duplicate entry/);
    await expect(unzipInMemory(Buffer.from('not a zip at all'))).rejects.toThrow(/not a readable zip/);
  });
});
