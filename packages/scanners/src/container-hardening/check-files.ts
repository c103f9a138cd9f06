import { contextHashOfLine, errorMessage } from '@gatehouse/findings';
import { ComposeSyntaxError, checkCompose } from './compose-rules';
import { checkDockerfile, NotADockerfileError, type RuleHit } from './dockerfile-rules';
import { HARDENING_REPORT_VERSION, HARDENING_TOOL, type HardeningError, type HardeningReport, type HardeningResult } from './report';
import { HARDENING_RULES, ruleByKey } from './rules';
import type { HardenedFileKind } from './collect-files';

export interface CheckedFile {
  path: string;
  kind: HardenedFileKind;
  text: string;
}

/** One file's results: the rule hits with their titles, advice and the hash of their source line. */
function resultsOf(file: CheckedFile, hits: readonly RuleHit[]): HardeningResult[] {
  const lines = file.text.split(/\r?\n/);
  return hits.map((hit) => {
    const rule = ruleByKey(hit.rule);
    const source = hit.line !== undefined ? lines[hit.line - 1] : undefined;
    return {
      rule: rule.key,
      ruleId: rule.ruleId,
      title: rule.title,
      severity: rule.severity,
      path: file.path,
      ...(hit.line !== undefined ? { startLine: hit.line } : {}),
      ...(hit.endLine !== undefined ? { endLine: hit.endLine } : {}),
      ...(source !== undefined ? { contextHash: contextHashOfLine(source) } : {}),
      message: hit.message.slice(0, 2_000),
      advice: rule.advice,
    };
  });
}

/**
 * Runs the rules that are on over files already read, and writes the native report. Pure: the
 * same files and switches give the same report. A file that cannot be parsed is an error of the
 * report (the scan is incomplete for it), and the other files are still checked.
 */
export function checkFiles(files: readonly CheckedFile[], disabled: ReadonlySet<string>, errors: readonly HardeningError[] = []): HardeningReport {
  const enabled = (rule: string) => !disabled.has(rule);
  const report: HardeningReport = {
    tool: HARDENING_TOOL,
    schemaVersion: HARDENING_REPORT_VERSION,
    rules: HARDENING_RULES.map((r) => ({ key: r.key, ruleId: r.ruleId, enabled: enabled(r.key) })),
    scanned: [],
    results: [],
    errors: [...errors],
  };
  for (const file of files) {
    try {
      const hits = file.kind === 'dockerfile' ? checkDockerfile(file.text, enabled) : checkCompose(file.text, enabled);
      report.scanned.push(file.path);
      report.results.push(...resultsOf(file, hits));
    } catch (error) {
      const why = error instanceof ComposeSyntaxError || error instanceof NotADockerfileError ? error.message : `could not be parsed: ${errorMessage(error)}`;
      report.errors.push({ path: file.path, message: why.slice(0, 2_000) });
    }
  }
  return report;
}
