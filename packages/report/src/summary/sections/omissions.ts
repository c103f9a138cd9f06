import { SEVERITIES } from '@gatehouse/findings';
import type { OmissionReason, OmissionReport } from '../../sarif/omission-report';
import { markdownText } from '../../text/escape-markdown';
import { severityLabel } from '../severity-style';
import { plural } from '../plural';

const REASON_TEXT: Record<OmissionReason, string> = {
  'engine-incomplete': 'engine did not finish: its run is not uploaded, so its existing alerts are not closed by a partial scan',
  'runs-limit': 'more engines than GitHub accepts runs in one upload (20)',
  'results-per-run-limit': "over GitHub's 25,000 results per run",
  'rules-per-run-limit': "over GitHub's 25,000 rules per run",
  'size-limit': "over GitHub's 10 MB upload size",
};

/** What the SARIF upload does not carry and why; nothing when everything open is in it. */
export function omissionsText(omitted: OmissionReport | undefined, maxEngines: number): string | undefined {
  if (!omitted || omitted.total === 0) return undefined;
  const bySeverity = SEVERITIES.filter((s) => omitted.bySeverity[s] > 0)
    .map((s) => `${severityLabel(s).toLowerCase()} ${omitted.bySeverity[s].toLocaleString('en-US')}`)
    .join(', ');
  const limited = omitted.engines.some((e) => Object.keys(e.byReason).some((r) => r !== 'engine-incomplete'));
  const lines = [
    `${plural(omitted.total, 'open finding')} ${omitted.total === 1 ? 'is' : 'are'} not in the code scanning upload (${bySeverity}). ` +
      'They are in findings.json and still count for the gate.' +
      (limited ? " To stay within GitHub's limits the most severe were kept; code scanning may show earlier alerts for the rest as fixed." : ''),
    '',
  ];
  for (const engine of omitted.engines.slice(0, maxEngines)) {
    const reasons = (Object.entries(engine.byReason) as [OmissionReason, number][])
      .map(([reason, count]) => `${count.toLocaleString('en-US')} ${REASON_TEXT[reason] ?? markdownText(reason, 50)}`)
      .join('; ');
    lines.push(`- ${markdownText(engine.engine, 60)}: ${reasons}`);
  }
  if (omitted.engines.length > maxEngines) lines.push(`- … and ${plural(omitted.engines.length - maxEngines, 'more engine')}`);
  return lines.join('\n').trimEnd();
}
