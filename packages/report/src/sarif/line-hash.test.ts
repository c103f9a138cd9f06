import { describe, expect, it } from 'vitest';
import { lineHashes, primaryLocationLineHash } from './line-hash';

// Expected values published with github/codeql-action's own tests of its fingerprinting
// (src/fingerprints.test.ts, test "hash"): inputs and outputs of the upload's algorithm.
const UPSTREAM_VECTORS: [string, string[]][] = [
  ['', ['c129715d7a2bc9a3:1']],
  [' a\nb\n  \t\tc\n d', ['271789c17abda88f:1', '54703d4cd895b18:1', '180aee12dab6264:1', 'a23a3dc5e078b07b:1']],
  [
    ' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End',
    ['8b7cf3e952e7aeb2:1', 'b1ae1287ec4718d9:1', 'bff680108adb0fcc:1', 'c6805c5e1288b612:1', 'b86d3392aea1be30:1', 'e6ceba753e1a442:1'],
  ],
];

const WITH_TRAILING_NEWLINE = [
  'e9496ae3ebfced30:1',
  'fb7c023a8b9ccb3f:1',
  'ce8ba1a563dcdaca:1',
  'e20e36e16fcb0cc8:1',
  'b3edc88f2938467e:1',
  'c8e28b0b4002a3a0:1',
  'c129715d7a2bc9a3:1',
];

describe('lineHashes', () => {
  it.each(UPSTREAM_VECTORS)('matches codeql-action for %j', (input, expected) => {
    expect(lineHashes(input)).toEqual(expected);
  });

  it.each([
    ' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n',
    ' hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r',
    ' hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n',
    ' hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n',
  ])('reads LF, CR and CRLF line ends alike (%j)', (input) => {
    expect(lineHashes(input)).toEqual(WITH_TRAILING_NEWLINE);
  });

  it('numbers repeated hashes by occurrence, as the upload does', () => {
    expect(lineHashes('Lorem ipsum dolor sit amet.\n'.repeat(10))).toEqual([
      'a7f2ff13bc495cf2:1',
      'a7f2ff13bc495cf2:2',
      'a7f2ff13bc495cf2:3',
      'a7f2ff13bc495cf2:4',
      'a7f2ff13bc495cf2:5',
      'a7f2ff13bc495cf2:6',
      'a7f2ff1481e87703:1',
      'a9cf91f7bbf1862b:1',
      '55ec222b86bcae53:1',
      'cc97dc7b1d7d8f7b:1',
      'c129715d7a2bc9a3:1',
    ]);
  });

  it('gives a line the same hash when lines are inserted above it with different content', () => {
    const body = 'def run(cmd):\n    subprocess.call(cmd, shell=True)\n    return 0\n';
    const before = lineHashes(body);
    const after = lineHashes(`import os\nimport sys\n\n${body}`);
    expect(after[4]).toBe(before[1]);
  });

  it('hashes long lines on their first 100 non-blank characters only', () => {
    const a = `${'x'.repeat(150)}a\nnext\n`;
    const b = `${'x'.repeat(150)}b\nnext\n`;
    expect(lineHashes(a)[0]).toBe(lineHashes(b)[0]);
    expect(lineHashes(a)[0]).not.toBe(lineHashes(`${'x'.repeat(98)}a\nnext\n`)[0]);
  });
});

describe('primaryLocationLineHash', () => {
  it('returns the hash of the requested line and nothing past the end', () => {
    expect(primaryLocationLineHash(' a\nb\n  \t\tc\n d', 3)).toBe('180aee12dab6264:1');
    expect(primaryLocationLineHash(' a\nb\n  \t\tc\n d', 5)).toBeUndefined();
    expect(primaryLocationLineHash(' a\nb', 0)).toBeUndefined();
  });
});
