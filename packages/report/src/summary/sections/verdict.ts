import type { Reason } from '@gatehouse/findings';
import { markdownText } from '../../text/escape-markdown';
import { plural } from '../plural';
import type { SummaryFacts } from '../summary-facts';

const VERDICT = {
  pass: { icon: '✅', word: 'Pass' },
  warn: { icon: '⚠️', word: 'Warn' },
  block: { icon: '⛔', word: 'Blocked' },
  incomplete: { icon: '❗', word: 'Incomplete' },
} as const;

/**
 * The first line: the verdict in one glance. An incomplete run that also has blocking findings says
 * both (it exits 2, but the blocking findings are just as real).
 */
export function verdictLine(facts: SummaryFacts, heading: '##' | '###'): string {
  const { decision } = facts.doc;
  const blocking = Math.max(decision.counts.blocking, decision.blockingIds.length);
  const incompleteCount = facts.incompleteEngines || decision.reasons.filter((r) => r.kind === 'incomplete').length;
  const didNotFinish = incompleteCount > 0 ? `${plural(incompleteCount, 'engine')} did not finish` : 'the scan did not finish';
  const blocks = `${plural(blocking, 'finding')} ${blocking === 1 ? 'blocks' : 'block'} this change`;
  switch (decision.verdict) {
    case 'pass':
      return `${heading} ${VERDICT.pass.icon} ${VERDICT.pass.word}: nothing blocks this change`;
    case 'warn':
      return `${heading} ${VERDICT.warn.icon} ${VERDICT.warn.word}: ${plural(Math.max(decision.counts.warning, decision.warningIds.length), 'finding')} to look at, nothing blocks`;
    case 'block':
      return `${heading} ${VERDICT.block.icon} ${VERDICT.block.word}: ${blocks}`;
    case 'incomplete':
      return blocking > 0
        ? `${heading} ${VERDICT.incomplete.icon} ${VERDICT.incomplete.word} and ${VERDICT.block.icon} blocked: ${didNotFinish} and ${blocks}`
        : `${heading} ${VERDICT.incomplete.icon} ${VERDICT.incomplete.word}: ${didNotFinish}, so this result is not clean`;
    default:
      return `${heading} ${VERDICT.incomplete.icon} Unknown verdict`;
  }
}

/** What was scanned and how much was found, in one line. */
export function targetLine(facts: SummaryFacts): string {
  const { target } = facts.doc;
  const parts = [`**${markdownText(target.name, 200)}**`];
  if (target.ref) parts.push(`ref ${markdownText(target.ref, 100)}`);
  if (target.commit) parts.push(`commit ${markdownText(target.commit.slice(0, 12), 12)}`);
  parts.push(`${plural(facts.open, 'open finding')}`);
  if (facts.suppressed) parts.push(`${plural(facts.suppressed, 'suppressed finding')}`);
  const extra =
    facts.doc.decision.verdict !== 'incomplete' && facts.incompleteEngines > 0
      ? `\n\n❗ ${plural(facts.incompleteEngines, 'engine')} did not finish; the policy does not fail the gate for it.`
      : '';
  return `${parts.join(' · ')}${extra}`;
}

const REASON_ORDER: Record<Reason['kind'], number> = { incomplete: 0, block: 1, warn: 2, info: 3 };
const REASON_ICON: Record<Reason['kind'], string> = { incomplete: '❗', block: '⛔', warn: '⚠️', info: 'ℹ️' };

/** The policy's reasons, gravest first, each escaped and cut. */
export function reasonLines(facts: SummaryFacts, max: number): string | undefined {
  const reasons = [...facts.doc.decision.reasons].sort((a, b) => (REASON_ORDER[a.kind] ?? 9) - (REASON_ORDER[b.kind] ?? 9));
  if (reasons.length === 0) return undefined;
  const lines = reasons.slice(0, max).map((r) => `- ${REASON_ICON[r.kind] ?? '•'} ${markdownText(r.message, 400)}`);
  if (reasons.length > max) lines.push(`- … and ${plural(reasons.length - max, 'more reason')}`);
  return lines.join('\n');
}
