/**
 * GitHub's `primaryLocationLineHash`, computed exactly as github/codeql-action's upload does
 * (src/fingerprints.ts, function `hash`), so alerts uploaded by Gatehouse match up with the alerts
 * the upload action or GitHub itself would fingerprint, and survive lines moving.
 *
 * The algorithm: a polynomial rolling hash (multiplier 37, arithmetic modulo 2^64) over a window of
 * the next 100 characters starting at each line, skipping spaces and tabs, with CR and CRLF read as
 * LF and one end-of-file character (65535) followed by zeros at the end. The hash of a line is
 * written when its first character leaves the window, as `<hex without leading zeros>:<n>`, where n
 * counts how often that hash value has been seen so far in the file. So a line's hash depends on the
 * lines after it (up to 100 non-blank characters) and the occurrence counter on the lines before it:
 * it needs the whole file, not just the line.
 *
 * Our own implementation: 64-bit arithmetic on two 32-bit halves instead of a Long library, and a
 * string instead of a stream (codeql-action reads the file with Node's utf8 decoding, which keeps a
 * byte-order mark; read the file the same way, e.g. `readFileSync(path, 'utf8')`).
 */

const BLOCK_SIZE = 100;
const END_OF_FILE = 65535;
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TWO_POW_32 = 4294967296;

// 37^100 modulo 2^64: the weight of the character leaving the window.
const FIRST_MOD = BigInt.asUintN(64, 37n ** BigInt(BLOCK_SIZE));
const FIRST_MOD_HI = Number(FIRST_MOD >> 32n);
const FIRST_MOD_LO = Number(FIRST_MOD & 0xffffffffn);

/** The hash of every line of `content`: element i belongs to line i + 1. A trailing newline adds a last, empty line. */
export function lineHashes(content: string): string[] {
  const hashes: string[] = [];
  const window = new Int32Array(BLOCK_SIZE);
  const lineNumbers = new Int32Array(BLOCK_SIZE).fill(-1);
  const seen = new Map<string, number>();
  let hi = 0;
  let lo = 0;
  let index = 0;
  let lineNumber = 0;
  let lineStart = true;
  let prevCR = false;

  const outputHash = () => {
    const value = hi === 0 ? lo.toString(16) : hi.toString(16) + lo.toString(16).padStart(8, '0');
    const count = (seen.get(value) ?? 0) + 1;
    seen.set(value, count);
    hashes[lineNumbers[index]! - 1] = `${value}:${count}`;
    lineNumbers[index] = -1;
  };

  const updateHash = (current: number) => {
    const begin = window[index]!;
    window[index] = current;
    // hash = 37 * hash + current - 37^100 * begin  (mod 2^64)
    const lo37 = lo * 37;
    const carry = Math.floor(lo37 / TWO_POW_32);
    hi = (hi * 37 + carry) >>> 0;
    const added = (lo37 >>> 0) + current;
    lo = added >>> 0;
    if (added >= TWO_POW_32) hi = (hi + 1) >>> 0;
    if (begin !== 0) {
      const productLo = FIRST_MOD_LO * begin;
      const productHi = (FIRST_MOD_HI * begin + Math.floor(productLo / TWO_POW_32)) >>> 0;
      const difference = lo - (productLo >>> 0);
      lo = difference >>> 0;
      hi = (hi - productHi - (difference < 0 ? 1 : 0)) >>> 0;
    }
    index = (index + 1) % BLOCK_SIZE;
  };

  const processCharacter = (code: number) => {
    if (code === SPACE || code === TAB || (prevCR && code === LF)) {
      prevCR = false;
      return;
    }
    let current = code;
    if (current === CR) {
      current = LF;
      prevCR = true;
    } else {
      prevCR = false;
    }
    if (lineNumbers[index] !== -1) outputHash();
    if (lineStart) {
      lineStart = false;
      lineNumber += 1;
      lineNumbers[index] = lineNumber;
    }
    if (current === LF) lineStart = true;
    updateHash(current);
  };

  for (let i = 0; i < content.length; i += 1) processCharacter(content.charCodeAt(i));
  processCharacter(END_OF_FILE);
  for (let i = 0; i < BLOCK_SIZE; i += 1) {
    if (lineNumbers[index] !== -1) outputHash();
    updateHash(0);
  }
  return hashes;
}

/** The `primaryLocationLineHash` of one line (1-based) of a file's content, or undefined past its end. */
export function primaryLocationLineHash(content: string, line: number): string | undefined {
  if (!Number.isInteger(line) || line < 1) return undefined;
  return lineHashes(content)[line - 1];
}
