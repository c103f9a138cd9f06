import { createHash } from 'node:crypto';
import { LineCounter, isMap, isSeq, parseDocument } from 'yaml';
import type { z } from 'zod';
import { crossFieldIssues, type CrossFieldSections } from '../schema/cross-field-checks';
import { ExceptionSchema, ExceptionSettingsSchema } from '../schema/exceptions';
import { NotificationsSchema } from '../schema/notifications';
import { OverrideSchema } from '../schema/override';
import { PolicySchema, type Policy, type PresetName } from '../schema/policy-schema';
import { presetInput } from '../schema/presets';
import { formatKeyPath, PolicyValidationError, type PolicyProblem } from './policy-error';
import { mergePresetInput } from './preset-merge';
import { YamlPositions } from './yaml-positions';
import { problemsFromIssues } from './zod-problems';

/** A policy file is a page of settings and exceptions; anything this large is a mistake or an attack. */
export const MAX_POLICY_BYTES = 2 * 1024 * 1024;
/** Anchors and aliases are legitimate YAML, but a few nested ones expand exponentially ("billion laughs"). */
const MAX_ALIAS_COUNT = 100;
const MAX_PROBLEMS = 200;

export type PolicySource =
  | { kind: 'file'; path: string }
  | { kind: 'builtin'; preset: PresetName; reason: string };

export interface LoadedPolicy {
  policy: Policy;
  source: PolicySource;
  /** sha256 of the file's bytes, or of the built-in policy's JSON: what the audit trail records. */
  sha256: string;
}

/**
 * Reads a policy file's text. Throws `PolicyValidationError` (a `ConfigurationError`) listing every
 * problem with file:line:col and its key path; never returns a half-valid policy.
 */
export function parsePolicy(text: string, file: string): LoadedPolicy {
  if (Buffer.byteLength(text, 'utf8') > MAX_POLICY_BYTES) {
    throw new PolicyValidationError(file, [{ file, keyPath: '', message: `is larger than ${MAX_POLICY_BYTES} bytes; a policy file is never this big` }]);
  }
  const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const raw = readYaml(source, file);
  const policy = validate(raw.data, raw.positions, file);
  return { policy, source: { kind: 'file', path: file }, sha256 };
}

function readYaml(text: string, file: string): { data: unknown; positions: YamlPositions } {
  const lineCounter = new LineCounter();
  // prettyErrors would quote the offending lines; a misplaced credential must not reach a log that way.
  // logLevel error: the library would otherwise print warnings to the process's stderr itself.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2', schema: 'core', logLevel: 'error' });
  const positions = new YamlPositions(doc, lineCounter);
  if (doc.errors.length > 0) {
    throw new PolicyValidationError(
      file,
      doc.errors.slice(0, MAX_PROBLEMS).map((error) => ({
        file,
        ...positions.at(error.pos[0]),
        keyPath: '',
        message: `invalid YAML: ${yamlMessage(error.message)}`,
      })),
    );
  }
  const contents = doc.contents;
  if (contents === null || contents === undefined) {
    throw new PolicyValidationError(file, [{ file, line: 1, column: 1, keyPath: '', message: 'is empty; a policy file starts with `version: 1`' }]);
  }
  if (!isMap(contents)) {
    const what = isSeq(contents) ? 'a list' : 'a single value';
    throw new PolicyValidationError(file, [
      { file, ...positions.valueAt([]), keyPath: '', message: `must be a mapping of settings (version: 1, rules: ...), not ${what}` },
    ]);
  }
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), positions };
  } catch (error) {
    const message = error instanceof ReferenceError ? 'uses too many YAML aliases (a resource exhaustion attempt?)' : 'could not be read as data';
    throw new PolicyValidationError(file, [{ file, line: 1, column: 1, keyPath: '', message }]);
  }
}

function yamlMessage(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/\s+at line \d+, column \d+:?\s*$/, '').slice(0, 300);
}

function validate(data: unknown, positions: YamlPositions, file: string): Policy {
  const parsed = PolicySchema.safeParse(data);
  if (!parsed.success) {
    const problems = [
      ...problemsFromIssues(parsed.error.issues, { file, positions, schema: PolicySchema, data }),
      ...sectionCrossFieldProblems(data, positions, file),
    ];
    throw new PolicyValidationError(file, dedupe(problems).slice(0, MAX_PROBLEMS));
  }
  const preset = parsed.data.preset;
  if (preset === undefined || preset === 'default') return parsed.data;
  // The file's settings go over the preset's; both validated, so the merge only sees known keys.
  const merged = PolicySchema.safeParse(mergePresetInput(presetInput(preset), data));
  if (!merged.success) {
    throw new PolicyValidationError(
      file,
      merged.error.issues.map((issue) => ({
        file,
        ...positions.valueAt(issue.path.filter((s): s is string | number => typeof s !== 'symbol')),
        keyPath: formatKeyPath(issue.path),
        message: `${issue.message} (with preset ${preset})`,
      })),
    );
  }
  return merged.data;
}

/**
 * When the whole file does not parse, zod skips the checks that span sections; run them on the
 * sections that did parse, so every mistake is reported in one go.
 */
function sectionCrossFieldProblems(data: unknown, positions: YamlPositions, file: string): PolicyProblem[] {
  if (!isRecord(data)) return [];
  const sections: CrossFieldSections = {};
  const section = <T>(schema: z.ZodType<T>, value: unknown): T | undefined => {
    const result = schema.safeParse(value ?? {});
    return result.success ? result.data : undefined;
  };
  const exceptionPolicy = section(ExceptionSettingsSchema, data.exceptionPolicy);
  if (exceptionPolicy) sections.exceptionPolicy = exceptionPolicy;
  if (Array.isArray(data.exceptions)) sections.exceptions = data.exceptions.map((e) => section(ExceptionSchema, e ?? null));
  const notifications = section(NotificationsSchema, data.notifications);
  if (notifications) sections.notifications = notifications;
  const override = section(OverrideSchema, data.override);
  if (override) sections.override = override;
  const engines = isRecord(data.engines) && Array.isArray(data.engines.required) ? data.engines.required : undefined;
  if (engines?.every((id): id is string => typeof id === 'string')) sections.engines = { required: engines };
  return crossFieldIssues(sections).map((issue) => ({
    file,
    ...positions.valueAt(issue.path),
    keyPath: formatKeyPath(issue.path),
    message: issue.message,
  }));
}

function dedupe(problems: PolicyProblem[]): PolicyProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}:${p.column}:${p.keyPath}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
