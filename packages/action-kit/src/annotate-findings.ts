import * as core from '@actions/core';
import { severityRank, type Finding, type Severity } from '@gatehouse/findings';
import { stepAnnotationBudget, type AnnotationBudget, type AnnotationLevel } from './annotation-budget';
import { neutralizeLogText, neutralizeOneLine } from './neutralize';

/** GitHub shows an annotation title on one line; longer ones are cut by the UI anyway. */
const TITLE_MAX_LENGTH = 200;
const MESSAGE_MAX_LENGTH = 4_000;

/**
 * Error annotations kept free for the step's own failure message (`setFailed`), which matters more
 * than the tenth finding.
 */
export const ERROR_ANNOTATIONS_RESERVED_FOR_FAILURE = 1;

export interface AnnotateFindingsOptions {
  /**
   * The annotation level of each finding. Default by severity: critical and high are errors, medium
   * and unknown warnings, low and info notices. The policy gate passes its decision instead (blocking
   * findings as errors, warned ones as warnings).
   */
  level?: (finding: Finding) => AnnotationLevel;
  budget?: AnnotationBudget;
}

export interface AnnotateFindingsResult {
  /** Findings issued as annotations that GitHub will show. */
  annotated: Finding[];
  /** Findings not annotated because the step's per-level cap was reached: list them in the summary. */
  notAnnotated: Finding[];
}

export function defaultAnnotationLevel(finding: Finding): AnnotationLevel {
  const levels: Record<Severity, AnnotationLevel> = {
    critical: 'error',
    high: 'error',
    medium: 'warning',
    unknown: 'warning',
    low: 'notice',
    info: 'notice',
  };
  return levels[finding.severity];
}

function placeOf(finding: Finding): core.AnnotationProperties {
  const location = finding.location;
  if (location.kind === 'code') {
    const sameLine = location.endLine === undefined || location.endLine === location.startLine;
    return {
      file: location.path,
      startLine: location.startLine,
      endLine: location.endLine,
      // GitHub ignores columns on multi-line annotations.
      startColumn: sameLine ? location.startColumn : undefined,
      endColumn: sameLine ? location.endColumn : undefined,
    };
  }
  if (location.kind === 'package' && location.manifest) return { file: location.manifest };
  return {};
}

function describeSubject(finding: Finding): string | undefined {
  const location = finding.location;
  if (location.kind === 'package') return `${location.name}@${location.version}`;
  if (location.kind === 'image') return location.name ? `${location.name}@${location.version ?? '?'} in ${location.ref}` : location.ref;
  return undefined;
}

function annotationText(finding: Finding): { title: string; message: string } {
  const subject = describeSubject(finding);
  const engines = [...new Set(finding.sources.map((source) => source.engine))].join(', ');
  const details = [`rule ${finding.ruleId}`, `reported by ${engines}`];
  if (finding.fix.available && finding.fix.versions.length > 0) details.push(`fixed in ${finding.fix.versions.slice(0, 3).join(', ')}`);
  const message = [subject ? `${subject}: ${finding.message}` : finding.message, details.join('; ')].join('\n');
  return {
    title: neutralizeOneLine(`${finding.severity.toUpperCase()}: ${finding.title}`, { maxLength: TITLE_MAX_LENGTH }),
    message: neutralizeLogText(message, { maxLength: MESSAGE_MAX_LENGTH }),
  };
}

function issue(level: AnnotationLevel, message: string, properties: core.AnnotationProperties): void {
  if (level === 'error') core.error(message, properties);
  else if (level === 'warning') core.warning(message, properties);
  else core.notice(message, properties);
}

/**
 * Annotates findings on their file and line, most severe first, within what GitHub shows per step
 * (10 of each level, one error kept for the failure message). Returns which were shown and which
 * were not, so the caller lists the rest in the job summary. Titles and messages are neutralised:
 * no scanner text can issue a workflow command.
 */
export function annotateFindings(findings: readonly Finding[], options: AnnotateFindingsOptions = {}): AnnotateFindingsResult {
  const levelOf = options.level ?? defaultAnnotationLevel;
  const budget = options.budget ?? stepAnnotationBudget;
  const ordered = findings
    .map((finding, index) => ({ finding, index, level: levelOf(finding) }))
    .sort((a, b) => severityRank(b.finding.severity) - severityRank(a.finding.severity) || a.index - b.index);

  const annotated: Finding[] = [];
  const notAnnotated: Finding[] = [];
  for (const { finding, level } of ordered) {
    const reserve = level === 'error' ? ERROR_ANNOTATIONS_RESERVED_FOR_FAILURE : 0;
    if (budget.remaining(level) <= reserve) {
      notAnnotated.push(finding);
      continue;
    }
    budget.take(level);
    const { title, message } = annotationText(finding);
    issue(level, message, { ...placeOf(finding), title });
    annotated.push(finding);
  }
  return { annotated, notAnnotated };
}
