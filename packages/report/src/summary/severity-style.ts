import type { Severity } from '@gatehouse/findings';

const ICON: Record<Severity, string> = {
  critical: '🔴',
  high: '🟠',
  medium: '🟡',
  low: '🔵',
  info: '⚪',
  unknown: '❔',
};

const LABEL: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
  unknown: 'Unknown',
};

export function severityLabel(severity: Severity): string {
  return LABEL[severity] ?? 'Unknown';
}

/** An icon and the word: colour alone says nothing to screen readers or colour-blind readers. */
export function severityBadge(severity: Severity): string {
  return `${ICON[severity] ?? ICON.unknown} ${severityLabel(severity)}`;
}
