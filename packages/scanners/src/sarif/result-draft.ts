import { hashSecret, maskSecret, sha256Hex, type DraftWithHints, type Identifier, type Location, type Suppression } from '@gatehouse/findings';
import type { ParseContext } from '../adapter';
import { codeLocation } from '../code-location';
import { artifactPath, type UriContext } from './artifact-uri';
import { categoryOf, classifyResult, vulnerabilityIdsOfRule, type ToolFamily } from './classify';
import type { RuleIndex } from './rules';
import type { SarifMessage, SarifResult, SarifRule } from './schema';
import { redactValue, secretCommitOf, secretValueOf } from './secret-result';
import { rateSarifResult } from './severity';
import { fixedVersionsOf, imageRefOf, packageOf, vulnerabilityLocation } from './vulnerability-location';

/** What every result of one run shares. */
export interface RunScope {
  toolName: string;
  toolVersion?: string;
  family: ToolFamily;
  rules: RuleIndex;
  uris: UriContext;
  properties?: Record<string, unknown>;
}

const oneLine = (text: string, max: number) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** Message text: `text`, else the rule's `messageStrings[id]`; `{0}` placeholders filled from `arguments`. */
export function messageText(message: SarifMessage | undefined, rule: SarifRule | undefined): string | undefined {
  if (!message) return undefined;
  let template = message.text;
  if (template === undefined && message.id !== undefined && rule?.messageStrings && Object.hasOwn(rule.messageStrings, message.id)) {
    template = rule.messageStrings[message.id]!.text;
  }
  template ??= message.markdown;
  if (template === undefined) return undefined;
  const args = message.arguments ?? [];
  return args.length === 0 ? template : template.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));
}

/** CWE and OWASP ids from the rule's tags and `cwe`/`owasp` properties (CodeQL: `external/cwe/cwe-079`). */
export function weaknessIdentifiers(texts: readonly string[]): Identifier[] {
  const seen = new Set<string>();
  const out: Identifier[] = [];
  const add = (type: 'CWE' | 'OWASP', value: string) => {
    if (seen.has(value)) return;
    seen.add(value);
    out.push({ type, value });
  };
  for (const text of texts) {
    const cwe = /\bcwe[-_/ ]?0*(\d{1,5})\b/i.exec(text);
    if (cwe) add('CWE', `CWE-${cwe[1]}`);
    const owasp = /\bowasp[-_ ]?(a\d{1,2})(?::(\d{4}))?/i.exec(text);
    if (owasp) add('OWASP', owasp[2] ? `${owasp[1]!.toUpperCase()}:${owasp[2]}` : owasp[1]!.toUpperCase());
  }
  return out;
}

const PRECISION: Record<string, 'high' | 'medium' | 'low'> = { 'very-high': 'high', high: 'high', medium: 'medium', low: 'low' };

/**
 * Suppressions SARIF carries. `inSource` (a `nosemgrep`-style comment) is an inline suppression,
 * kept as suppressed. `external` suppressions (a server-side dismissal) carry no owner or expiry
 * the policy could check, so they are not honoured: the finding stays open (see docs/engines/sarif.md).
 */
export function inlineSuppressionOf(result: SarifResult): Suppression | undefined {
  for (const s of result.suppressions ?? []) {
    if (s.status !== undefined && s.status !== 'accepted') continue;
    if (s.kind === 'inSource') {
      return {
        kind: 'inline',
        reason: oneLine(s.justification?.trim() || 'suppressed in the source code (SARIF inSource suppression)', 2_000),
        ref: 'sarif:inSource',
      };
    }
  }
  return undefined;
}

/** The tool's fingerprints, hashed into one stable value (they may hold e-mail addresses or commit messages). */
export function fingerprintOf(result: SarifResult): string | undefined {
  const pick = (bag: Record<string, unknown> | undefined) =>
    Object.entries(bag ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '');
  const full = pick(result.fingerprints);
  const entries = full.length > 0 ? full : pick(result.partialFingerprints);
  if (entries.length === 0) return undefined;
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return sha256Hex(entries.map(([k, v]) => `${k}=${v}`).join('\n'));
}

/** What every result of one rule shares, worked out once per rule rather than once per result. */
interface RuleFacts {
  tags: string[];
  weaknesses: Identifier[];
  confidence?: 'high' | 'medium' | 'low';
  helpUri?: string;
}
const ruleFactsCache = new WeakMap<SarifRule, RuleFacts>();
const NO_RULE: RuleFacts = { tags: [], weaknesses: [] };

function factsOf(rule: SarifRule | undefined): RuleFacts {
  if (!rule) return NO_RULE;
  let facts = ruleFactsCache.get(rule);
  if (!facts) {
    const tags = [...new Set(stringsOf(rule.properties?.tags).map((t) => oneLine(t, 200)).filter(Boolean))];
    const confidence = PRECISION[String(rule.properties?.precision ?? '').toLowerCase()];
    const helpUri = rule.helpUri && /^https?:\/\//i.test(rule.helpUri) ? rule.helpUri.slice(0, 2_000) : undefined;
    facts = {
      tags,
      weaknesses: weaknessIdentifiers([...tags, ...stringsOf(rule.properties?.cwe), ...stringsOf(rule.properties?.owasp)]),
      ...(confidence ? { confidence } : {}),
      ...(helpUri ? { helpUri } : {}),
    };
    ruleFactsCache.set(rule, facts);
  }
  return facts;
}

export function resultToDraft(result: SarifResult, run: RunScope, ctx: ParseContext): DraftWithHints {
  const namesNoRule = result.ruleId === undefined && result.rule?.id === undefined;
  const rule = run.rules.resolve(result) ?? (namesNoRule ? run.rules.ruleNamedByMessage(result.message?.text) : undefined);
  const ruleId = oneLine(result.ruleId ?? result.rule?.id ?? rule?.id ?? `${run.toolName}/unnamed-rule`, 500) || 'unnamed-rule';
  const facts = factsOf(rule);
  const resultTags = stringsOf(result.properties?.tags);
  const tags = resultTags.length === 0 ? facts.tags : [...new Set([...facts.tags, ...resultTags.map((t) => oneLine(t, 200)).filter(Boolean)])];
  const vulnerabilityIds = vulnerabilityIdsOfRule(ruleId);
  const kind = classifyResult(run.family, tags, vulnerabilityIds);

  const physical = result.locations?.[0]?.physicalLocation;
  const artifact = artifactPath(physical?.artifactLocation, run.uris, ctx.workspace);
  const region = physical?.region;
  const snippet = region?.snippet?.text;
  const title = oneLine(rule?.shortDescription?.text ?? rule?.name ?? rule?.fullDescription?.text ?? ruleId, 300) || ruleId;
  let message = messageText(result.message, rule) ?? title;
  let rating = rateSarifResult(result, rule, run.toolName);

  const secretCommit = kind === 'secret' ? secretCommitOf(result) : undefined;
  let location: Location = { kind: 'repository' };
  const notes: string[] = [];
  if (artifact && 'path' in artifact) {
    const placed = codeLocation(
      {
        path: artifact.path,
        startLine: region?.startLine,
        endLine: region?.endLine,
        startColumn: region?.startColumn,
        endColumn: region?.endColumn,
        ...(secretCommit ? { commit: secretCommit } : {}),
      },
      ctx,
    );
    location = placed.location;
    if (placed.refused) notes.push(`location not used: ${placed.refused}`);
  } else if (artifact) {
    notes.push(`location not used: ${artifact.refused}`);
  }

  let inImage = false;
  if (kind === 'vulnerability') {
    const image = imageRefOf(run.properties, result, ctx.imageRef);
    inImage = image !== undefined;
    const uri = physical?.artifactLocation?.uri;
    location = vulnerabilityLocation(packageOf(rule, result, message), image, uri, location);
  }
  const category = categoryOf(kind, inImage);
  if (category === 'secret' && rating.severityBasis.kind === 'default') {
    // Secret tools rarely rate what they find (gitleaks writes no level): a found credential counts
    // as high until it is rotated, as for every secret engine.
    rating = { ...rating, severity: 'high', severityBasis: { kind: 'default', reason: 'secret found; the tool gives no severity (secret category default: high)' } };
  }

  let secret: DraftWithHints['secret'];
  if (category === 'secret') {
    const value = secretValueOf(result, run.family, snippet);
    if (value !== undefined) {
      ctx.onSecretValue?.(value);
      secret = { hash: hashSecret(value, ctx.salt), preview: maskSecret(value) };
      message = redactValue(message, value);
    } else {
      // The value cannot be told apart from the rest of the text, so none of the tool's text is kept.
      secret = { preview: '****' };
      message = `${title} found by ${run.toolName}; the report does not say which value, so its text is not shown`;
    }
  }
  if (notes.length > 0) message = `${message} (${notes.join('; ')})`;

  const weaknesses = resultTags.length === 0 ? facts.weaknesses : weaknessIdentifiers([...tags, ...stringsOf(rule?.properties?.cwe), ...stringsOf(rule?.properties?.owasp)]);
  const identifiers: Identifier[] = [
    ...vulnerabilityIds.map((id): Identifier => ({ type: id.startsWith('GHSA') ? 'GHSA' : 'CVE', value: id })),
    ...weaknesses,
  ];
  const confidence = facts.confidence;
  const suppression = inlineSuppressionOf(result);
  const fingerprint = fingerprintOf(result);
  const fixVersions = kind === 'vulnerability' ? fixedVersionsOf(message, rule?.help?.text) : [];
  const fix = fixVersions.length
    ? { available: true, versions: fixVersions, state: 'fixed' as const }
    : result.fixes?.length
      ? { available: true, versions: [], state: 'fixed' as const, advice: oneLine(result.fixes[0]?.description?.text ?? 'the tool proposes an automatic fix', 2_000) }
      : { available: false, versions: [], state: 'unknown' as const };
  const helpUri = facts.helpUri;

  return {
    category,
    ruleId,
    title,
    message,
    severity: rating.severity,
    severityBasis: rating.severityBasis,
    ...(confidence ? { confidence } : {}),
    identifiers: identifiers.slice(0, 200),
    aliases: vulnerabilityIds,
    location,
    fix,
    ...(secret ? { secret } : {}),
    sources: [
      {
        engine: 'sarif',
        ...(run.toolVersion ? { engineVersion: run.toolVersion.slice(0, 100) } : {}),
        nativeId: ruleId,
        nativeSeverity: rating.nativeSeverity,
        ...(fingerprint ? { fingerprint } : {}),
      },
    ],
    ...(helpUri ? { references: [helpUri] } : {}),
    tags: [`tool:${oneLine(run.toolName, 190)}`, ...tags].slice(0, 100),
    ...(suppression ? { suppression } : {}),
    identityHints: {
      ...(category !== 'secret' && snippet !== undefined ? { snippet } : {}),
      ...(fingerprint ? { fingerprint } : {}),
    },
  };
}
