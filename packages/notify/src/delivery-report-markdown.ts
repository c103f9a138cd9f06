import type { DeliveryReport } from './delivery-report';
import { escapeGitHubMarkdown } from './text/github-markdown';

/**
 * The delivery report as GitHub Markdown for a job summary: one row per channel, then the required
 * channels that are not configured. Error texts come from remote servers, so they are escaped.
 */
export function renderDeliveryReportMarkdown(report: DeliveryReport): string {
  const verdict = report.allRequiredDelivered
    ? 'Every required channel confirmed delivery.'
    : '**Not every required channel confirmed delivery.**';
  const lines = [verdict, '', '| Channel | Required | Outcome | Attempts | Detail |', '|---|---|---|---|---|'];
  for (const d of report.deliveries) {
    const detail = d.outcome === 'delivered' ? (d.receipt?.reference ?? d.receipt?.detail ?? '') : `${d.lastError ?? ''}${d.gaveUp ? ` (${d.gaveUp})` : ''}`;
    lines.push(
      `| ${escapeGitHubMarkdown(d.channel, 80)} (${d.kind}) | ${d.required ? 'yes' : 'no'} | ${d.outcome} | ${d.attempts} | ${escapeGitHubMarkdown(detail, 400) || ' '} |`,
    );
  }
  for (const name of report.missingRequired) lines.push(`| ${escapeGitHubMarkdown(name, 80)} | yes | not configured | 0 | required but not configured |`);
  return `${lines.join('\n')}\n`;
}
