import { sha256Hex, type Finding } from '@gatehouse/findings';
import { suggestFixVersion } from '../finding-view/fix-version';
import { reportingEngines } from '../finding-view/finding-order';
import { installedVersion } from '../finding-view/location-label';
import { truncateText } from '../text/truncate-text';
import { SARIF_TEXT_LIMITS } from './limits';
import { resultLocation, type LocationOptions } from './result-location';
import { sarifLevel } from './security-severity';
import type { SarifResult } from './sarif-log';
import { nonEmpty, sarifText } from './sarif-text';
import type { LineHashCache } from './source-file-reader';

/** Our own fingerprint: the finding's identity, which survives lines moving and version bumps. */
export const GATEHOUSE_FINGERPRINT_KEY = 'gatehouse/v1';

/**
 * One SARIF result for one open finding.
 *
 * `primaryLocationLineHash` is GitHub's hash of the source line when the file is at hand (as the
 * upload action computes it). Where a real line hash would be wrong, it is derived from the finding
 * id instead: for secrets (the line holds the secret) and for package, image and repository
 * findings (every finding of a manifest points at line 1, and one hash for all of them would make
 * GitHub merge their alerts). Without the source it is left out, so the upload action can fill it in.
 */
export function sarifResult(
  finding: Finding,
  ruleId: string,
  ruleIndex: number,
  lineHashes: LineHashCache,
  options: LocationOptions,
): SarifResult {
  const { location, hashedLine } = resultLocation(finding, options);
  const partialFingerprints: Record<string, string> = { [GATEHOUSE_FINGERPRINT_KEY]: finding.id };
  if (hashedLine) {
    const hash = lineHashes.hashOf(hashedLine.path, hashedLine.line);
    if (hash) partialFingerprints.primaryLocationLineHash = hash;
  } else if (finding.location.kind !== 'code' || finding.category === 'secret') {
    partialFingerprints.primaryLocationLineHash = syntheticLineHash(finding.id);
  }
  // Kept small: 25,000 results per run add up. Due dates and "new" live in findings.json and the summary.
  const properties: Record<string, unknown> = { severity: finding.severity };
  // The run names the primary engine; list engines only when others reported it too.
  if (finding.sources.length > 1) {
    const engines = reportingEngines(finding);
    if (engines.length > 1) properties.engines = engines.slice(0, 10).map((e) => truncateText(e, 100));
  }
  return {
    ruleId,
    ruleIndex,
    level: sarifLevel(finding.severity),
    message: { text: sarifText(resultMessage(finding), SARIF_TEXT_LIMITS.message) },
    locations: [location],
    partialFingerprints,
    properties,
  };
}

/** `<16 hex>:1`, the shape of GitHub's line hash, derived from the finding's identity. */
export function syntheticLineHash(findingId: string): string {
  return `${sha256Hex(`gatehouse-location:${findingId}`).slice(0, 16)}:1`;
}

/**
 * What the alert says. A secret's message is built here from safe parts only (rule, masked preview,
 * verification), never the scanner's text, so no value can reach code scanning through it.
 */
function resultMessage(finding: Finding): string {
  const loc = finding.location;
  const what = nonEmpty(finding.message, finding.title, finding.ruleId);
  if (finding.category === 'secret') {
    const preview = finding.secret?.preview ? ` (${truncateText(finding.secret.preview, 8, '')})` : '';
    const verified = finding.secret?.verified ? ' The scanner verified that it is live.' : '';
    return `${nonEmpty(finding.title, finding.ruleId)}: a secret${preview} is committed here. Rotate it, then remove it.${verified}`;
  }
  const fix = fixSentence(finding, what);
  switch (loc.kind) {
    case 'package': {
      const pkg = `${loc.name}${loc.version ? ` ${loc.version}` : ''}${loc.ecosystem ? ` (${loc.ecosystem})` : ''}`;
      return `${truncateText(pkg, 400)}: ${what}${fix}`;
    }
    case 'image': {
      const component = loc.name ?? loc.purl ?? loc.target;
      const where = `image ${loc.ref}${loc.target && loc.target !== component ? `, ${loc.target}` : ''}`;
      const subject = component ? `${component}${loc.version ? ` ${loc.version}` : ''} in ${where}` : where;
      return `${truncateText(subject, 600)}: ${what}${fix}`;
    }
    default:
      return `${what}${fix}`;
  }
}

/** A closing sentence on the fix, after a full stop if the scanner's text had none. */
function fixSentence(finding: Finding, before: string): string {
  const suggested = suggestFixVersion(finding.fix.versions, installedVersion(finding));
  const sentence = suggested ? `Fixed in ${truncateText(suggested, 100)}.` : finding.fix.advice ? truncateText(finding.fix.advice, 500) : '';
  if (!sentence) return '';
  return /[.!?:]$/.test(before) ? ` ${sentence}` : `. ${sentence}`;
}
