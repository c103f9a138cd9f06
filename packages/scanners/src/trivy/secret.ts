import { contextHashOfLine, hashSecret, severityFromLabel, type DraftWithHints, type Location } from '@gatehouse/findings';
import type { ParseContext } from '../adapter';
import { codeLocation } from '../code-location';
import { imageLocation, layerOf, pathOfTarget, type TrivyArtifact } from './artifact';
import type { TrivySecret } from './schema';

const oneLine = (text: string, max: number) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** trivy masks the secret in `Match` and in the cause lines of `Code` with a run of asterisks. */
const MASKED = /\*{4,}/;

/**
 * A secret trivy found (category secret). trivy already masks the value in `Match` and the cause
 * lines, so there is normally no value to hash: the masked match line (no secret left in it) tells
 * findings apart instead. A `Match` without the mask (a modified or future trivy) is treated as
 * plaintext: hashed with the salt, handed to onSecretValue, never kept. Nothing of `Code.Lines` is
 * kept either: its context lines are not masked and may hold other credentials.
 */
export function secretToDraft(s: TrivySecret, artifact: TrivyArtifact, target: string, ctx: ParseContext): DraftWithHints {
  const match = s.Match ?? '';
  const masked = MASKED.test(match);
  let hash: string | undefined;
  if (match.trim() !== '' && !masked) {
    ctx.onSecretValue?.(match);
    hash = hashSecret(match, ctx.salt);
  }
  const startLine = s.StartLine && s.StartLine > 0 ? s.StartLine : undefined;
  const endLine = s.EndLine && startLine && s.EndLine >= startLine ? s.EndLine : undefined;
  const title = oneLine(s.Title || s.RuleID, 300) || s.RuleID;
  let location: Location;
  let refused: string | undefined;
  if (artifact.isImage) {
    const layer = layerOf(s.Layer);
    location = imageLocation(artifact, { target: target.slice(0, 4_096), ...(layer ? { layer } : {}) });
  } else {
    const placed = codeLocation({ path: pathOfTarget(artifact, target), startLine, endLine }, ctx);
    location = placed.location;
    refused = placed.refused;
    if (location.kind === 'code' && masked) location = { ...location, contextHash: contextHashOfLine(match) };
  }
  const severity = severityFromLabel(s.Severity);
  const where = artifact.isImage ? ` in ${target}${startLine ? `:${startLine}` : ''}` : '';
  return {
    category: 'secret',
    ruleId: s.RuleID,
    title,
    message: `${title}${s.Category ? ` (${oneLine(s.Category, 100)})` : ''} found by trivy${where}; the value is not shown${refused ? ` (location not used: ${refused})` : ''}`,
    severity,
    severityBasis: severity === 'unknown' ? { kind: 'none' } : { kind: 'tool', label: oneLine(s.Severity ?? '', 100), source: 'trivy' },
    identifiers: [],
    aliases: [],
    location,
    fix: { available: false, versions: [], state: 'unknown', advice: 'rotate the secret, then remove it from the code and the history' },
    secret: { ...(hash ? { hash } : {}), preview: '****' },
    sources: [{ engine: 'trivy', nativeId: s.RuleID.slice(0, 1_000), ...(s.Severity ? { nativeSeverity: s.Severity.slice(0, 100) } : {}) }],
  };
}
