import type { z } from 'zod';
import { closestMatch } from './did-you-mean';
import { formatKeyPath, type PolicyProblem } from './policy-error';
import { knownKeysAt } from './schema-keys';
import type { YamlPositions } from './yaml-positions';

/** Keys people reach for when they paste a credential where it does not belong. */
const SECRET_LIKE_KEY = /(url|webhook|token|password|passwd|secret|api[-_]?key|credential|private[-_]?key)/i;

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
};

interface IssueContext {
  file: string;
  positions: YamlPositions;
  schema: z.ZodType;
  data: unknown;
}

type Issue = z.core.$ZodIssue;

/** Turns zod's issues into problems a person can act on, placed at file:line:col. */
export function problemsFromIssues(issues: readonly Issue[], context: IssueContext): PolicyProblem[] {
  return issues.flatMap((issue) => problemsFromIssue(issue, context));
}

function problemsFromIssue(issue: Issue, { file, positions, schema, data }: IssueContext): PolicyProblem[] {
  const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(schema, path, data);
    return issue.keys.map((key) => ({
      file,
      ...positions.keyAt([...path, key]),
      keyPath: formatKeyPath([...path, key]),
      message: unknownKeyMessage(key, known),
    }));
  }
  const input = valueAtPath(data, path);
  return [{ file, ...positions.valueAt(path), keyPath: formatKeyPath(path), message: issueMessage(issue, input) }];
}

function unknownKeyMessage(rawKey: string, known: readonly string[]): string {
  const key = rawKey.length > 60 ? `${rawKey.slice(0, 60)}…` : rawKey;
  const hint = closestMatch(rawKey, known);
  if (hint) return `unknown key "${key}" (did you mean "${hint}"?)`;
  if (SECRET_LIKE_KEY.test(rawKey)) {
    return `unknown key "${key}": secrets do not belong in the policy file; give them as action inputs or environment variables (see secretEnv)`;
  }
  return known.length ? `unknown key "${key}"; expected one of ${known.join(', ')}` : `unknown key "${key}"`;
}

function issueMessage(issue: Issue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return isZodDefault(issue.message) ? 'is required' : issue.message;
      return isZodDefault(issue.message) ? `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}` : issue.message;
    case 'invalid_value': {
      if (!isZodDefault(issue.message)) return issue.message;
      const options = issue.values.map(String);
      const hint = typeof input === 'string' ? closestMatch(input, options) : undefined;
      return `must be one of ${options.join(', ')}${hint ? ` (did you mean "${hint}"?)` : ''}`;
    }
    case 'invalid_union': {
      const withOptions = issue as Issue & { options?: unknown[] };
      if (!withOptions.options) return 'does not match any allowed form';
      const options = withOptions.options.map(String);
      if (input === undefined) return `is required: one of ${options.join(', ')}`;
      const hint = typeof input === 'string' ? closestMatch(input, options) : undefined;
      return `must be one of ${options.join(', ')}${hint ? ` (did you mean "${hint}"?)` : ''}`;
    }
    case 'too_small':
      if (!isZodDefault(issue.message)) return issue.message;
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters`;
      if (issue.origin === 'array') return `needs at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'}`;
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      if (!isZodDefault(issue.message)) return issue.message;
      if (issue.origin === 'string') return `is too long (at most ${issue.maximum} characters)`;
      if (issue.origin === 'array') return `has too many items (at most ${issue.maximum})`;
      return `must be at most ${issue.maximum}`;
    default:
      return issue.message;
  }
}

/** zod's own wording (which we rephrase) as opposed to a message the schema wrote for people. */
function isZodDefault(message: string): boolean {
  return /^(Invalid input|Invalid option|Too small|Too big|Invalid)\b/.test(message);
}

/** The value the data holds at a path (what the issue is about); undefined when the path is absent. */
function valueAtPath(data: unknown, path: readonly (string | number)[]): unknown {
  let current: unknown = data;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}
