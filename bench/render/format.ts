import type { Spread } from '../harness/statistics';

/** "1.23× (1.10–1.40)": a ratio's median with the min and max of its runs. */
export function ratio(spread: Spread | undefined): string {
  if (!spread || !Number.isFinite(spread.median)) return '—';
  return spread.runs > 1 ? `${spread.median.toFixed(2)}× (${spread.min.toFixed(2)}–${spread.max.toFixed(2)})` : `${spread.median.toFixed(2)}×`;
}

/** A measured quantity's median with its range, in the given unit. */
export function amount(spread: Spread | undefined, unit: string, digits = 0): string {
  if (!spread || !Number.isFinite(spread.median)) return '—';
  const f = (n: number) => n.toFixed(digits);
  return spread.runs > 1 ? `${f(spread.median)} ${unit} (${f(spread.min)}–${f(spread.max)})` : `${f(spread.median)} ${unit}`;
}

export function percent(spread: Spread | undefined): string {
  if (!spread || !Number.isFinite(spread.median)) return '—';
  const f = (n: number) => `${(n * 100).toFixed(1)}%`;
  return spread.runs > 1 ? `${f(spread.median)} (${f(spread.min)}–${f(spread.max)})` : f(spread.median);
}

export function mib(bytes: number | undefined): string {
  return bytes === undefined || !Number.isFinite(bytes) ? '—' : `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

export function count(n: number): string {
  if (n >= 1_000_000 && n % 1_000_000 === 0) return `${n / 1_000_000}M`;
  if (n >= 1_000 && n % 1_000 === 0) return `${n / 1_000}k`;
  return String(n);
}

/** A Markdown table (also readable as plain text in a terminal). */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [`| ${head.map(cell).join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}
