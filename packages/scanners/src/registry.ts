import { ConfigurationError } from '@gatehouse/findings';
import type { EngineId, ScannerAdapter } from './adapter';

/** Adapters are registered explicitly, by import, so a bundle contains exactly what it lists. */
export class AdapterRegistry {
  private readonly byId = new Map<EngineId, ScannerAdapter>();

  constructor(adapters: readonly ScannerAdapter[] = []) {
    for (const adapter of adapters) this.register(adapter);
  }

  register(adapter: ScannerAdapter): void {
    if (this.byId.has(adapter.id)) throw new Error(`duplicate engine id: ${adapter.id}`);
    this.byId.set(adapter.id, adapter);
  }

  has(id: EngineId): boolean {
    return this.byId.has(id);
  }

  /** Throws a ConfigurationError listing the known engines, so `--from triv` says what was meant. */
  get(id: EngineId): ScannerAdapter {
    const adapter = this.byId.get(id);
    if (!adapter) {
      throw new ConfigurationError(`unknown engine "${id}"; known engines: ${[...this.byId.keys()].sort().join(', ')}`);
    }
    return adapter;
  }

  list(): ScannerAdapter[] {
    return [...this.byId.values()];
  }

  ids(): EngineId[] {
    return [...this.byId.keys()];
  }
}
