import { KIND_LABELS, SUMMARY_LABELS } from '../kind-labels';
import type { Notification } from '../notification';
import { contextRows, renderPlainText } from '../plain-text-message';
import { escapeHtml, htmlHref } from '../text/html';
import { cleanLine, fitText } from '../text/plain-text';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** RFC 5322 recommends lines under 78 characters; nodemailer folds longer subjects, we keep them short. */
const SUBJECT_MAX = 200;

/** One line: CR and LF cannot survive cleanLine, so a title cannot add a header. */
export function renderSubject(n: Notification, prefix = '[Gatehouse]'): string {
  return fitText(cleanLine(`${prefix} ${KIND_LABELS[n.kind]}: ${n.title} (${n.target.repository})`), SUBJECT_MAX);
}

function rowHtml(label: string, value: string, n: Notification): string {
  let cell = escapeHtml(value, 2_100);
  if (label === 'Run') {
    const href = htmlHref(n.target.runUrl);
    if (href) cell = `<a href="${href}">${escapeHtml('View the run', 50)}</a>`;
  } else if (label === 'Ticket' && n.ticket) {
    const href = htmlHref(n.ticket.url);
    cell = href ? `<a href="${href}">${escapeHtml(n.ticket.id, 100)}</a>` : escapeHtml(n.ticket.id, 100);
  }
  return `<tr><th align="left" style="padding-right:12px">${escapeHtml(label, 40)}</th><td>${cell}</td></tr>`;
}

/** HTML part: every value HTML-escaped, links only for https URLs, no images or remote content. */
export function renderEmailHtml(n: Notification): string {
  const parts = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<h2>${escapeHtml(`${KIND_LABELS[n.kind]}: ${n.title}`, 300)}</h2>`,
  ];
  if (n.summary) parts.push(`<p><strong>${escapeHtml(SUMMARY_LABELS[n.kind], 40)}</strong><br>\n${escapeHtml(n.summary, 2_000, { multiline: true })}</p>`);
  parts.push('<table>', ...contextRows(n).map(([label, value]) => rowHtml(label, value, n)), '</table>');
  if (n.findings.length > 0 || n.findingsOmitted > 0) {
    parts.push(`<h3>Findings</h3>`, '<table border="1" cellpadding="4" style="border-collapse:collapse">');
    parts.push('<tr><th>Severity</th><th>Rule</th><th>Title</th><th>Location</th><th>Fix</th></tr>');
    for (const f of n.findings) {
      const secret = f.secretPreview ? `<br>secret: ${escapeHtml(f.secretPreview, 8)} (masked)` : '';
      parts.push(
        `<tr><td>${escapeHtml(f.severity.toUpperCase(), 10)}</td><td>${escapeHtml(f.ruleId, 200)}</td><td>${escapeHtml(f.title, 300)}${secret}</td>` +
          `<td>${escapeHtml(f.location, 500)}</td><td>${escapeHtml(f.fix ?? '', 300)}</td></tr>`,
      );
    }
    parts.push('</table>');
    if (n.findingsOmitted > 0) parts.push(`<p>${n.findingsOmitted} more finding(s) not listed: see the run summary.</p>`);
  }
  parts.push(`<p style="color:#666">Notification ${escapeHtml(n.id, 130)}, ${escapeHtml(n.occurredAt, 40)}. Sent by Gatehouse.</p>`, '</body></html>');
  return parts.join('\n');
}

export function renderEmail(n: Notification, subjectPrefix?: string): EmailContent {
  return { subject: renderSubject(n, subjectPrefix), text: renderPlainText(n), html: renderEmailHtml(n) };
}
