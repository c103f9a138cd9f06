import type { FindingsDocument, Reason } from '@gatehouse/findings';
import { escapeHtml } from '../escape-html';

const MAX_REASONS = 50;
const KIND_ORDER: Record<Reason['kind'], number> = { block: 0, incomplete: 1, warn: 2, info: 3 };
const KIND_LABEL: Record<Reason['kind'], string> = { block: 'Blocks', incomplete: 'Incomplete', warn: 'Warning', info: 'Note' };

export interface VerdictState {
  blocked: boolean;
  incomplete: boolean;
  headline: string;
  /** CSS class: verdict-pass, verdict-warn, verdict-block, verdict-incomplete. */
  className: string;
}

/** Blocked and incomplete are told apart and both said when both hold (the exit code is then 2). */
export function verdictState(doc: FindingsDocument): VerdictState {
  const { decision } = doc;
  const blocked = decision.verdict === 'block' || decision.blockingIds.length > 0 || decision.reasons.some((r) => r.kind === 'block');
  const incomplete = decision.verdict === 'incomplete' || decision.reasons.some((r) => r.kind === 'incomplete');
  if (blocked && incomplete) return { blocked, incomplete, headline: 'Blocked and incomplete', className: 'verdict-block' };
  if (incomplete) return { blocked, incomplete, headline: 'Incomplete', className: 'verdict-incomplete' };
  if (blocked) return { blocked, incomplete, headline: 'Blocked', className: 'verdict-block' };
  if (decision.verdict === 'warn') return { blocked, incomplete, headline: 'Passed with warnings', className: 'verdict-warn' };
  return { blocked, incomplete, headline: 'Passed', className: 'verdict-pass' };
}

function targetLine(doc: FindingsDocument): string {
  const t = doc.target;
  const parts = [t.name, t.repository, t.ref, t.commit ? t.commit.slice(0, 12) : undefined].filter((p): p is string => Boolean(p));
  return [...new Set(parts)].map(escapeHtml).join(' · ');
}

function reasonsList(reasons: readonly Reason[]): string {
  if (reasons.length === 0) return '<p class="note">No reason was recorded.</p>';
  const ordered = [...reasons].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  const items = ordered
    .slice(0, MAX_REASONS)
    .map((r) => `<li class="reason reason-${r.kind}"><span class="reason-kind">${KIND_LABEL[r.kind]}</span> ${escapeHtml(r.message)}</li>`)
    .join('');
  const more = ordered.length > MAX_REASONS ? `<li class="note">and ${ordered.length - MAX_REASONS} more in findings.json</li>` : '';
  return `<ul class="reasons">${items}${more}</ul>`;
}

function enginesNote(doc: FindingsDocument): string {
  const notComplete = doc.engines.filter((e) => e.status !== 'ran');
  if (notComplete.length === 0) return '';
  const items = notComplete
    .map((e) => `<strong>${escapeHtml(e.id)}</strong> ${e.status === 'incomplete' ? 'is incomplete' : 'did not run'}${e.reason ? `: ${escapeHtml(e.reason)}` : ''}`)
    .join('; ');
  return `<p class="engines-note" id="engines-not-complete">${items}.</p>`;
}

function tiles(doc: FindingsDocument): string {
  const c = doc.decision.counts;
  const tile = (label: string, value: number, id: string) => `<div class="tile" id="count-${id}"><dt>${label}</dt><dd>${value}</dd></div>`;
  return `<dl class="tiles">${tile('Open', c.open, 'open')}${tile('Blocking', c.blocking, 'blocking')}${tile('New', c.new, 'new')}${tile('Overdue', c.overdue, 'overdue')}${tile('Suppressed', c.suppressed, 'suppressed')}${tile('Total', c.total, 'total')}</dl>`;
}

/** The top of the page: the verdict, why, what did not run, and the counts that matter. */
export function renderVerdictBanner(doc: FindingsDocument): string {
  const state = verdictState(doc);
  return (
    `<header class="banner ${state.className}" id="verdict" data-verdict="${escapeHtml(doc.decision.verdict)}" data-blocked="${state.blocked}" data-incomplete="${state.incomplete}">` +
    `<div class="banner-inner">` +
    `<p class="eyebrow">Gatehouse security report</p>` +
    `<h1 class="verdict">${escapeHtml(state.headline)}</h1>` +
    `<p class="target">${targetLine(doc)} · generated ${escapeHtml(doc.generatedAt)}</p>` +
    `<h2 class="why">Why</h2>${reasonsList(doc.decision.reasons)}` +
    enginesNote(doc) +
    tiles(doc) +
    `</div></header>`
  );
}
