import type { FindingsDocument } from '@gatehouse/findings';
import type { GatheredSource, SourceKind } from './gathered-source';

export interface ImportedSarifSelection {
  /** The part of the gate's document to upload: engines only the imported files brought; undefined when none. */
  document: FindingsDocument | undefined;
  engines: string[];
  /** Engines of imported files left out because a scanning action's artifact has them (it uploads its own). */
  ownedByActions: string[];
}

/**
 * Which findings the gate uploads to code scanning itself. Scanning actions upload their own SARIF,
 * under their own categories; the gate uploads only what no action did: engines from `findings`
 * files (when `uploadFindingsFiles`) and from `sarif` files (when `uploadSarifFiles`: off by default,
 * since the tool that wrote a SARIF file, CodeQL's analyze step for one, usually uploads it). An
 * engine that also came from an artifact stays with that action's category, so no analysis is
 * uploaded twice.
 */
export function selectImportedSarif(
  document: FindingsDocument,
  sources: readonly GatheredSource[],
  options: { uploadFindingsFiles: boolean; uploadSarifFiles: boolean },
): ImportedSarifSelection {
  const kinds = new Set<SourceKind>();
  if (options.uploadFindingsFiles) kinds.add('findings-file');
  if (options.uploadSarifFiles) kinds.add('sarif-file');
  const fromActions = new Set(sources.filter((s) => s.kind === 'artifact').flatMap((s) => s.engines.map((e) => e.id)));
  const imported = new Set(sources.filter((s) => kinds.has(s.kind)).flatMap((s) => s.engines.map((e) => e.id)));
  const engines = [...imported].filter((id) => !fromActions.has(id)).sort();
  const ownedByActions = [...imported].filter((id) => fromActions.has(id)).sort();
  if (engines.length === 0) return { document: undefined, engines, ownedByActions };
  const selected = new Set(engines);
  return {
    document: {
      ...document,
      engines: document.engines.filter((e) => selected.has(e.id)),
      findings: document.findings.filter((f) => selected.has(f.sources[0]?.engine ?? '')),
    },
    engines,
    ownedByActions,
  };
}
