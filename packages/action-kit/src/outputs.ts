import * as core from '@actions/core';

export type OutputValue = string | number | boolean | readonly unknown[] | Record<string, unknown>;

const OUTPUT_NAME = /^[a-z][a-z0-9-]*$/;

/**
 * Sets step outputs (written to GITHUB_OUTPUT by @actions/core, multi-line safe). Numbers and booleans
 * become their text; arrays and objects become JSON. Names are kebab-case, as declared in action.yml.
 */
export function setOutputs(outputs: Readonly<Record<string, OutputValue>>): void {
  for (const [name, value] of Object.entries(outputs)) {
    if (!OUTPUT_NAME.test(name)) throw new Error(`output name "${name}" is not kebab-case`);
    core.setOutput(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
}
