/**
 * Deterministic variety for generated reports: the same index always gives the same entry, so two
 * runs of the bench read byte-identical inputs, and no two entries share an identity (a generated
 * report that merged away would measure less work than it claims).
 */

/** A small linear congruential generator seeded by the entry index: cheap, stable, good enough to spread choices. */
export function pick<T>(choices: readonly T[], index: number, salt = 0): T {
  const mixed = Math.imul(index + 1, 2654435761) ^ Math.imul(salt + 7, 40503);
  return choices[(mixed >>> 0) % choices.length]!;
}

/** A hex string of `length` characters derived from the index (not random; stable across runs). */
export function hexOf(index: number, length: number, salt = 0): string {
  let out = '';
  let state = (Math.imul(index + 1, 2246822519) ^ Math.imul(salt + 3, 3266489917)) >>> 0;
  while (out.length < length) {
    state = (Math.imul(state ^ (state >>> 15), 2246822519) + 0x6d2b79f5) >>> 0;
    out += state.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

/** Severity labels in roughly the mix real reports have: few critical, many medium and low. */
export const SEVERITY_MIX = ['CRITICAL', 'HIGH', 'HIGH', 'MEDIUM', 'MEDIUM', 'MEDIUM', 'LOW', 'LOW', 'LOW', 'UNKNOWN'] as const;

/** Writes a JSON array of entries piece by piece, so a generator never holds a whole big document as one string. */
export interface ChunkSink {
  write(chunk: string): void;
}

export function writeJsonArray(sink: ChunkSink, count: number, entry: (index: number) => unknown): void {
  sink.write('[');
  for (let i = 0; i < count; i++) sink.write(`${i ? ',' : ''}\n${JSON.stringify(entry(i))}`);
  sink.write('\n]');
}
