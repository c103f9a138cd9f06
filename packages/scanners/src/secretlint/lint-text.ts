import { extname } from 'node:path';
import { lintSource } from '@secretlint/core';
import { passesSecretRuleFilters, secretRuleById } from '../secret-rules';
import type { RunnerFileResult, RunnerMessage } from './report-format';
import { createLintConfig, PATTERN_RULE, type DisabledRange } from './runner-config';

/** The same containment test secretlint applies to its ignore ranges. */
function covers(disabled: DisabledRange, message: { ruleId: string; range: readonly [number, number] }): boolean {
  const [start, end] = disabled.range;
  const inside = start <= message.range[0] && message.range[0] <= end && start <= message.range[1] && message.range[1] <= end;
  return inside && (disabled.targetRuleId === '*' || disabled.targetRuleId === message.ruleId);
}

/**
 * Lints one text with every rule, unmasked (the adapter hashes and masks the values; the report
 * is a private temporary file). Gatehouse's entropy thresholds, which the pattern rule cannot
 * express, are applied here.
 */
export async function lintText(content: string, filePath: string, contentType: 'text' | 'binary' = 'text'): Promise<RunnerFileResult> {
  const disabled: DisabledRange[] = [];
  const result = await lintSource({
    // Binary files reach only the rules that read binaries (GCP .p12 keys); text rules skip them.
    source: { filePath, content, contentType, ext: extname(filePath) },
    options: { config: createLintConfig(disabled), maskSecrets: false, locale: 'en' },
  });
  const messages: RunnerMessage[] = [];
  let lines: string[] | undefined;
  // gitleaks' inline allow comment counts here too, so both engines agree on what a person allowed.
  const allowedByGitleaksComment = (line: number) => (lines ??= content.split('\n'))[line - 1]?.includes('gitleaks:allow') ?? false;
  for (const m of result.messages) {
    const data = (m.data ?? {}) as Record<string, unknown>;
    if (m.ruleId === PATTERN_RULE && typeof data.PATTERN_NAME === 'string') {
      const rule = secretRuleById(data.PATTERN_NAME);
      if (rule && !passesSecretRuleFilters(rule, String(data.CREDENTIAL ?? ''))) continue;
    }
    const suppressedBy = disabled.some((d) => covers(d, m))
      ? 'secretlint-disable comment'
      : allowedByGitleaksComment(m.loc.start.line)
        ? 'gitleaks:allow comment'
        : undefined;
    messages.push({
      type: 'message',
      ruleId: m.ruleId,
      ...(m.ruleParentId ? { ruleParentId: m.ruleParentId } : {}),
      messageId: m.messageId,
      message: m.message,
      ...(m.docsUrl ? { docsUrl: m.docsUrl } : {}),
      range: m.range,
      loc: m.loc,
      severity: m.severity === 'warning' || m.severity === 'info' ? m.severity : 'error',
      data,
      ...(suppressedBy ? { gatehouse: { suppressedBy } } : {}),
    });
  }
  return { filePath, sourceContentType: contentType, messages };
}
