import type { ScannerAdapter } from './adapter';
import { AdapterRegistry } from './registry';

/**
 * Every engine Gatehouse knows, registered explicitly. Add an adapter here and to the conformance
 * test's expectations; a duplicate id throws when the registry is built.
 */
export const ALL_ADAPTERS: readonly ScannerAdapter[] = [];

export function createDefaultRegistry(): AdapterRegistry {
  return new AdapterRegistry(ALL_ADAPTERS);
}
