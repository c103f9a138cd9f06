import { ConfigurationError } from '@gatehouse/findings';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { input } from './input-types';
import { inputEnvironmentName, readInputs } from './read-inputs';

const schema = z.object({
  'fail-on': input.enum(['critical', 'high', 'medium', 'low']).default('high'),
  'upload-sarif': input.boolean().default(true),
  categories: input.list().default([]),
  paths: input.lines().default([]),
  'max-findings': input.integer({ min: 1, max: 100_000 }).default(5_000),
  'policy-overrides': input.json(z.object({ severity: z.string() })).optional(),
  token: input.string(),
});

function env(values: Record<string, string>): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [inputEnvironmentName(name), value]));
}

function configurationError(fn: () => unknown): ConfigurationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('readInputs', () => {
  it('names environment variables as the runner does', () => {
    expect(inputEnvironmentName('fail-on')).toBe('INPUT_FAIL-ON');
    expect(inputEnvironmentName('my input')).toBe('INPUT_MY_INPUT');
  });

  it('parses every kind of input into a typed object', () => {
    const inputs = readInputs(
      schema,
      env({
        'fail-on': ' critical ',
        'upload-sarif': 'False',
        categories: 'sca, secret\nsast',
        paths: 'src/a,b.py\n\n  lib/c.py  \n',
        'max-findings': '250',
        'policy-overrides': '{"severity":"low"}',
        token: 'ghs_x',
      }),
    );
    expect(inputs).toEqual({
      'fail-on': 'critical',
      'upload-sarif': false,
      categories: ['sca', 'secret', 'sast'],
      paths: ['src/a,b.py', 'lib/c.py'],
      'max-findings': 250,
      'policy-overrides': { severity: 'low' },
      token: 'ghs_x',
    });
  });

  it('treats empty inputs as absent, so defaults apply', () => {
    const inputs = readInputs(schema, env({ 'fail-on': '', 'upload-sarif': '  ', token: 't' }));
    expect(inputs['fail-on']).toBe('high');
    expect(inputs['upload-sarif']).toBe(true);
    expect(inputs.categories).toEqual([]);
  });

  it('reports every invalid input by name in one ConfigurationError, without echoing values', () => {
    const error = configurationError(() =>
      readInputs(
        schema,
        env({ 'fail-on': 'hihg', 'upload-sarif': 'yes', 'max-findings': '0', 'policy-overrides': '{"severity":1}' }),
      ),
    );
    expect(error.message).toContain('input "fail-on": Invalid option: expected one of');
    expect(error.message).toContain('input "upload-sarif": must be true or false');
    expect(error.message).toContain('input "max-findings":');
    expect(error.message).toContain('input "policy-overrides" at .severity:');
    expect(error.message).toContain('input "token" is required');
    expect(error.message).not.toContain('hihg');
  });

  it('says where a JSON input stops being JSON', () => {
    const error = configurationError(() => readInputs(schema, env({ token: 't', 'policy-overrides': '{"severity":' })));
    expect(error.message).toMatch(/input "policy-overrides": is not valid JSON \(.+\)/);
  });
});
