const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface SlaState {
  dueAt: Date;
  overdue: boolean;
  /** Due within the next seven days. */
  dueSoon: boolean;
  /** "overdue by 3d", "due in 5h", "due in <1h". */
  label: string;
}

/** Where a finding stands against its SLA due date at `now`; undefined without a valid date. */
export function slaState(slaDueAt: string | undefined, now: Date): SlaState | undefined {
  if (!slaDueAt) return undefined;
  const dueAt = new Date(slaDueAt);
  if (Number.isNaN(dueAt.getTime())) return undefined;
  const delta = dueAt.getTime() - now.getTime();
  const overdue = delta < 0;
  const span = duration(Math.abs(delta));
  return { dueAt, overdue, dueSoon: !overdue && delta <= 7 * DAY, label: overdue ? `overdue by ${span}` : `due in ${span}` };
}

function duration(ms: number): string {
  if (ms >= DAY) return `${Math.floor(ms / DAY)}d`;
  if (ms >= HOUR) return `${Math.floor(ms / HOUR)}h`;
  return '<1h';
}

/** `2026-05-03 14:00 UTC`: a date every reader reads the same way. */
export function formatDueDate(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
