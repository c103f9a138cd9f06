import { contextHashOfLine, severityFromLabel, type DraftWithHints, type Location } from '@gatehouse/findings';
import type { ParseContext } from '../adapter';
import { codeLocation } from '../code-location';
import { imageLocation, layerOf, pathOfTarget, type TrivyArtifact } from './artifact';
import { canonicalCheckId } from './rule-id';
import type { TrivyCodeLine, TrivyMisconfiguration } from './schema';

const oneLine = (text: string, max: number) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** A file inside an archive, as trivy names Helm chart templates: `chart.tgz:templates/pod.yaml`. */
const ARCHIVE_MEMBER = /^(.+?\.(?:tgz|tar\.gz|tar|zip))[:!](.+)$/i;

/** The first line trivy marks as the cause, when it is whole (a truncated line is not the source line). */
export function firstCauseLine(lines: readonly TrivyCodeLine[] | null | undefined): string | undefined {
  const cause = (lines ?? []).find((l) => l.IsCause && typeof l.Content === 'string');
  return cause && !cause.Truncated ? cause.Content : undefined;
}

function linesText(start: number | undefined, end: number | undefined): string {
  if (!start) return '';
  return end && end > start ? `lines ${start}-${end}` : `line ${start}`;
}

/**
 * A misconfiguration (category iac): trivy's check id in its current spelling, the cause lines as
 * the location, the first cause line as the identity stand-in. Findings in a Helm chart archive are
 * placed on the archive (the template path and lines go in the message); findings in an image on
 * the image. `EXCEPTION` (excepted by a Rego exception) is kept as an inline suppression.
 */
export function misconfigurationToDraft(m: TrivyMisconfiguration, artifact: TrivyArtifact, target: string, ctx: ParseContext): DraftWithHints {
  const ruleId = canonicalCheckId(m.ID, m.AVDID);
  const cause = m.CauseMetadata ?? undefined;
  const startLine = cause?.StartLine && cause.StartLine > 0 ? cause.StartLine : undefined;
  const endLine = cause?.EndLine && startLine && cause.EndLine >= startLine ? cause.EndLine : undefined;
  const causeLine = firstCauseLine(cause?.Code?.Lines);
  const title = oneLine(m.Title || ruleId, 300) || ruleId;
  const notes: string[] = [];
  if (cause?.Resource) notes.push(`resource ${oneLine(cause.Resource, 300)}`);
  const calls = (cause?.Occurrences ?? []).map((o) => `${o.Resource ?? 'module'} at ${o.Filename ?? '?'}${o.Location?.StartLine ? `:${o.Location.StartLine}` : ''}`);
  if (calls.length) notes.push(`created through ${calls.slice(0, 5).join(' < ')}`);

  let location: Location;
  let contextHash: string | undefined;
  const member = ARCHIVE_MEMBER.exec(target);
  if (artifact.isImage) {
    const layer = layerOf(m.Layer);
    location = imageLocation(artifact, { target: target.slice(0, 4_096), ...(layer ? { layer } : {}) });
    if (startLine) notes.push(`${target} ${linesText(startLine, endLine)}`);
  } else if (member) {
    const placed = codeLocation({ path: pathOfTarget(artifact, member[1]!) }, ctx);
    location = placed.location;
    notes.push(`in ${member[2]} ${linesText(startLine, endLine)}`.trim());
    if (placed.refused) notes.push(`location not used: ${placed.refused}`);
    // No line of the archive itself: the template's path and cause line tell its findings apart.
    contextHash = contextHashOfLine(`${member[2]}\n${causeLine ?? m.Message ?? ''}`);
  } else {
    const placed = codeLocation({ path: pathOfTarget(artifact, target), startLine, endLine }, ctx);
    location = placed.location;
    if (placed.refused) notes.push(`location not used: ${placed.refused}`);
  }
  if (contextHash && location.kind === 'code') location = { ...location, contextHash };

  const severity = severityFromLabel(m.Severity);
  const references = [...new Set([m.PrimaryURL, ...(m.References ?? [])].filter((u): u is string => typeof u === 'string' && /^https?:\/\//i.test(u)).map((u) => u.slice(0, 2_000)))].slice(0, 50);
  const message = oneLine(m.Message || m.Description || title, 5_000);
  const excepted = (m.Status ?? '').toUpperCase() === 'EXCEPTION';
  return {
    category: 'iac',
    ruleId,
    title,
    message: notes.length ? `${message} (${notes.join('; ')})` : message,
    severity,
    severityBasis: severity === 'unknown' ? { kind: 'none' } : { kind: 'tool', label: oneLine(m.Severity ?? '', 100), source: 'trivy' },
    identifiers: [{ type: 'RULE', value: ruleId, ...(m.PrimaryURL && /^https?:\/\//i.test(m.PrimaryURL) ? { url: m.PrimaryURL.slice(0, 2_000) } : {}) }],
    aliases: [],
    location,
    fix: { available: false, versions: [], state: 'unknown', ...(m.Resolution ? { advice: oneLine(m.Resolution, 2_000) } : {}) },
    sources: [{ engine: 'trivy', nativeId: m.ID.slice(0, 1_000), ...(m.Severity ? { nativeSeverity: m.Severity.slice(0, 100) } : {}) }],
    ...(references.length ? { references } : {}),
    tags: [m.Type, cause?.Provider, cause?.Service].filter((t): t is string => !!t).map((t) => oneLine(t, 200)),
    ...(excepted ? { suppression: { kind: 'inline' as const, reason: 'excepted by a trivy check exception', ref: `trivy:${m.Namespace ?? ruleId}`.slice(0, 1_000) } } : {}),
    ...(causeLine !== undefined && !member ? { identityHints: { snippet: causeLine } } : {}),
  };
}
