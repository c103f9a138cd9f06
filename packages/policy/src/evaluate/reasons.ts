import { SEVERITIES, type Reason, type Severity } from '@gatehouse/findings';

const MAX_MESSAGE = 2_000;

/** A decision reason; the message is capped at the schema's limit (engine reasons are untrusted text). */
export function reason(kind: Reason['kind'], code: string, message: string, extra: Partial<Pick<Reason, 'findingIds' | 'engine'>> = {}): Reason {
  const text = message.length <= MAX_MESSAGE ? message : `${message.slice(0, MAX_MESSAGE - 1)}…`;
  const result: Reason = { kind, code, message: text };
  if (extra.findingIds) result.findingIds = extra.findingIds;
  if (extra.engine !== undefined) result.engine = extra.engine.slice(0, 100);
  return result;
}

/** Findings that share a reason, with their severities counted for the message. */
export class FindingGroup {
  readonly ids: string[] = [];
  private readonly severities = new Map<Severity, number>();

  add(id: string, severity: Severity): void {
    this.ids.push(id);
    this.severities.set(severity, (this.severities.get(severity) ?? 0) + 1);
  }

  get size(): number {
    return this.ids.length;
  }

  /** `3 findings (1 critical, 2 high)`. */
  describe(): string {
    const parts = SEVERITIES.filter((s) => this.severities.has(s)).map((s) => `${this.severities.get(s)} ${s}`);
    return `${this.size} finding${this.size === 1 ? '' : 's'} (${parts.join(', ')})`;
  }
}

const ORDER: Record<Reason['kind'], number> = { incomplete: 0, block: 1, warn: 2, info: 3 };

/** Incomplete first, then block, warn, info; stable within a kind. */
export function sortReasons(reasons: Reason[]): Reason[] {
  return reasons
    .map((r, index) => ({ r, index }))
    .sort((a, b) => ORDER[a.r.kind] - ORDER[b.r.kind] || a.index - b.index)
    .map(({ r }) => r);
}
