import { ParseError } from '@gatehouse/findings';
import type { ParseContext, ParseResult } from '../adapter';
import { isJsonObject, readJsonReport } from '../json-document';
import { describeIssues } from '../zod-issues';
import { toolFamily } from './classify';
import { resultToDraft, messageText, type RunScope } from './result-draft';
import { RuleIndex } from './rules';
import { InvocationSchema, ResultSchema, RunContextSchema, ToolSchema, type SarifInvocation } from './schema';

/** Result kinds that are not problems (SARIF §3.27.9): not findings, and not counted as entries. */
const NOT_A_PROBLEM = new Set(['pass', 'notApplicable']);
const MAX_REASONS_PER_RUN = 20;

/** The document must say it is SARIF 2.1.0 before anything else is read. */
function checkSignature(doc: unknown, file: string): unknown[] {
  if (!isJsonObject(doc)) {
    throw new ParseError(`not a SARIF log: expected a JSON object with "version" and "runs", found ${Array.isArray(doc) ? 'an array' : doc === null ? 'null' : typeof doc}`, file);
  }
  if (!Object.hasOwn(doc, 'runs') && !Object.hasOwn(doc, 'version')) {
    throw new ParseError('not a SARIF log: no "version" or "runs" (is this another tool\'s report?)', file);
  }
  if (doc.version !== '2.1.0') {
    throw new ParseError(`unsupported SARIF version ${JSON.stringify(doc.version ?? null)}; only 2.1.0 is read`, file);
  }
  if (!Array.isArray(doc.runs)) throw new ParseError('not a SARIF log: "runs" is not an array', file);
  return doc.runs;
}

/** What the invocations say about an incomplete run: a failed execution, error-level notifications. */
function invocationProblems(raw: unknown, toolName: string): { reasons: string[]; skipped?: string } {
  if (raw === undefined) return { reasons: [] };
  if (!Array.isArray(raw)) return { reasons: [`${toolName}: "invocations" is not an array, so whether the run succeeded is unknown`] };
  const reasons: string[] = [];
  let total = 0;
  const add = (reason: string) => {
    total++;
    if (reasons.length < MAX_REASONS_PER_RUN) reasons.push(reason);
  };
  raw.forEach((entry, index) => {
    const parsed = InvocationSchema.safeParse(entry);
    if (!parsed.success) {
      add(`${toolName}: invocation ${index} could not be read (${describeIssues(parsed.error)}), so whether it succeeded is unknown`);
      return;
    }
    const inv: SarifInvocation = parsed.data;
    if (inv.executionSuccessful === false) {
      const code = inv.exitCode !== undefined ? ` (exit code ${inv.exitCode}${inv.exitCodeDescription ? `: ${inv.exitCodeDescription}` : ''})` : '';
      add(`${toolName}: the tool reported executionSuccessful: false${code}`);
    }
    for (const notification of [...(inv.toolExecutionNotifications ?? []), ...(inv.toolConfigurationNotifications ?? [])]) {
      if (notification.level?.toLowerCase() !== 'error') continue;
      const where = notification.locations?.[0]?.physicalLocation?.artifactLocation?.uri;
      const text = messageText(notification.message, undefined) ?? notification.descriptor?.id ?? 'error notification';
      add(`${toolName}: ${text.replace(/\s+/g, ' ').slice(0, 500)}${where ? ` (${where})` : ''}`);
    }
  });
  if (total > reasons.length) reasons.push(`${toolName}: and ${total - reasons.length} more error notifications`);
  return { reasons };
}

export function parseSarif(content: string, ctx: ParseContext): ParseResult {
  const runs = checkSignature(readJsonReport(content, ctx.file), ctx.file);
  const out: ParseResult = { findings: [], skipped: [], incomplete: [], nativeCount: 0, notes: [] };
  const versions = new Set<string>();
  let notProblems = 0;
  let absent = 0;
  let externalSuppressions = 0;
  let suppressedInline = 0;

  runs.forEach((run, runIndex) => {
    const at = `runs[${runIndex}]`;
    if (!isJsonObject(run)) {
      out.nativeCount++;
      out.skipped.push({ at, reason: 'run is not an object' });
      return;
    }
    const results = run.results;
    const tool = ToolSchema.safeParse(run.tool);
    if (!tool.success) {
      // Without the tool there is no telling what the results are: each is counted and skipped.
      const count = Array.isArray(results) ? results.length : 1;
      out.nativeCount += count;
      for (let i = 0; i < count; i++) {
        out.skipped.push({ at: Array.isArray(results) ? `${at}.results[${i}]` : at, reason: `run has no readable tool.driver (${describeIssues(tool.error)})` });
      }
      return;
    }
    const driver = tool.data.driver;
    const toolName = driver.name.trim().slice(0, 200) || 'unnamed tool';
    const toolVersion = driver.semanticVersion ?? driver.version;
    if (toolVersion) versions.add(`${toolName} ${toolVersion}`);
    const context = RunContextSchema.safeParse(run);
    const rules = new RuleIndex(tool.data);
    if (rules.invalidRules > 0) out.notes!.push(`${toolName}: ${rules.invalidRules} rule descriptions could not be read; their results are kept with the rule id only`);
    const scope: RunScope = {
      toolName,
      ...(toolVersion ? { toolVersion } : {}),
      family: toolFamily(driver.name),
      rules,
      uris: context.success ? { originalUriBaseIds: context.data.originalUriBaseIds, artifacts: context.data.artifacts } : {},
      ...(context.success && context.data.properties ? { properties: context.data.properties } : {}),
    };
    if (!context.success) out.notes!.push(`${toolName}: run's artifacts/originalUriBaseIds could not be read (${describeIssues(context.error)}); paths are taken as written`);

    out.incomplete.push(...invocationProblems(run.invocations, toolName).reasons);
    if (results === undefined || results === null) {
      // §3.14.23: absent results mean the tool did not produce any (it failed), unlike an empty array.
      out.incomplete.push(`${toolName}: run ${runIndex} has no "results" array, so the tool did not report its results`);
      return;
    }
    if (!Array.isArray(results)) {
      out.nativeCount++;
      out.skipped.push({ at: `${at}.results`, reason: '"results" is not an array' });
      return;
    }
    results.forEach((raw, index) => {
      const where = `${at}.results[${index}]`;
      if (isJsonObject(raw) && typeof raw.kind === 'string' && NOT_A_PROBLEM.has(raw.kind)) {
        notProblems++;
        return;
      }
      if (isJsonObject(raw) && raw.baselineState === 'absent') {
        absent++;
        return;
      }
      out.nativeCount++;
      const parsed = ResultSchema.safeParse(raw);
      if (!parsed.success) {
        out.skipped.push({ at: where, reason: describeIssues(parsed.error) });
        return;
      }
      if (parsed.data.suppressions?.some((s) => s.kind === 'external')) externalSuppressions++;
      const draft = resultToDraft(parsed.data, scope, ctx);
      if (draft.suppression) suppressedInline++;
      out.findings.push(draft);
    });
  });

  if (versions.size > 0) out.engineVersion = [...versions].join(', ').slice(0, 100);
  if (notProblems > 0) out.notes!.push(`${notProblems} results of kind pass/notApplicable are not problems and were not read as findings`);
  if (absent > 0) out.notes!.push(`${absent} results with baselineState "absent" (gone since the baseline) were not read as findings`);
  if (suppressedInline > 0) out.notes!.push(`${suppressedInline} results were suppressed in the source (kept as suppressed)`);
  if (externalSuppressions > 0) {
    out.notes!.push(`${externalSuppressions} results carry external suppressions, which are not honoured: add a policy exception instead`);
  }
  return out;
}
