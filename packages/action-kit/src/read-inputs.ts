import { ConfigurationError } from '@gatehouse/findings';
import type { z } from 'zod';

/** The environment variable the runner sets for an input: `INPUT_` + name upper-cased, spaces as `_`. */
export function inputEnvironmentName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

function describePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '';
  return ` at ${path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('')}`;
}

/**
 * Reads every input named in `schema` (kebab-case keys, as in action.yml) once, and returns the typed,
 * validated object. Values are trimmed; an empty input counts as absent. All problems are reported at
 * once in a ConfigurationError that names each input; input values are never echoed, since an input
 * may hold a token.
 */
export function readInputs<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const raw: Record<string, string | undefined> = Object.create(null);
  for (const name of Object.keys(schema.shape)) {
    const value = env[inputEnvironmentName(name)]?.trim();
    raw[name] = value === '' ? undefined : value;
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data;

  const problems = result.error.issues.map((issue) => {
    const [name, ...rest] = issue.path;
    const inputName = String(name);
    if (rest.length === 0 && raw[inputName] === undefined && issue.code === 'invalid_type') {
      return `input "${inputName}" is required`;
    }
    return `input "${inputName}"${describePath(rest)}: ${issue.message}`;
  });
  throw new ConfigurationError(`${problems.join('; ')} (inputs are set under "with:" in the workflow step)`);
}
