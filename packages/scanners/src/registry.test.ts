import { describe, expect, it } from 'vitest';
import type { ScannerAdapter } from './adapter';
import { AdapterRegistry } from './registry';
import { createDefaultRegistry } from './default-registry';

const fake = (id: string): ScannerAdapter => ({
  id,
  displayName: id,
  categories: ['sast'],
  formats: ['json'],
  parse: () => ({ findings: [], skipped: [], incomplete: [], nativeCount: 0 }),
});

describe('the engine registry', () => {
  it('throws on a duplicate engine id', () => {
    expect(() => new AdapterRegistry([fake('bandit'), fake('bandit')])).toThrow(/duplicate engine id: bandit/);
  });

  it('names the known engines when asked for an unknown one', () => {
    const registry = new AdapterRegistry([fake('bandit'), fake('sarif')]);
    expect(() => registry.get('trivvy')).toThrow(/unknown engine "trivvy"; known engines: bandit, sarif/);
  });

  it('builds the default registry without duplicates', () => {
    expect(() => createDefaultRegistry()).not.toThrow();
  });
});
