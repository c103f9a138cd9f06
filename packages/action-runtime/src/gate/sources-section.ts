import { markdownText } from '@gatehouse/report';
import { describeSourceKind, type GatheredSource } from './gathered-source';

const MAX_ROWS = 100;

/** "What the gate judged": one row per source, problems first (Markdown, every name escaped). */
export function sourcesSection(sources: readonly GatheredSource[]): string {
  if (sources.length === 0) return '';
  const ordered = [...sources].sort((a, b) => Number(b.problems.length > 0) - Number(a.problems.length > 0));
  const rows = ordered.slice(0, MAX_ROWS).map((source) => {
    const engines = source.engines.map((e) => `${e.id} (${e.status})`).join(', ') || '—';
    const status = source.problems.length ? `❗ ${markdownText(source.problems.join('; '), 500)}` : 'read';
    return `| ${describeSourceKind(source.kind)} | ${markdownText(source.name, 200)} | ${markdownText(engines, 300)} | ${source.findings.length} | ${status} |`;
  });
  const more = sources.length > MAX_ROWS ? `\n\n… and ${sources.length - MAX_ROWS} more sources.` : '';
  return ['### What the gate judged', '', '| source | name | engines | findings | status |', '|---|---|---|---|---|', ...rows].join('\n') + more;
}

/** One line: how many of each kind of source. */
export function sourcesNote(sources: readonly GatheredSource[]): string {
  const count = (kind: GatheredSource['kind']) => sources.filter((s) => s.kind === kind).length;
  const parts = [
    `${count('artifact')} findings artifact${count('artifact') === 1 ? '' : 's'}`,
    `${count('findings-file')} findings file${count('findings-file') === 1 ? '' : 's'}`,
    `${count('sarif-file')} SARIF file${count('sarif-file') === 1 ? '' : 's'}`,
  ];
  const missing = count('expected-artifact');
  return `Gathered ${parts.join(', ')}${missing ? `; ${missing} expected artifact${missing === 1 ? ' is' : 's are'} missing` : ''}.`;
}
