/**
 * One shape for every SBOM Gatehouse reads (CycloneDX JSON, SPDX 2.x JSON, syft JSON): what the
 * offline OSV engine, the GitHub dependency submission and Dependency-Track need, nothing more.
 */
export type SbomFormat = 'cyclonedx' | 'spdx' | 'syft';

export interface SbomComponent {
  /** The component's id inside its document (bom-ref, SPDXID, syft id); made up when the document has none. */
  ref: string;
  name: string;
  version?: string;
  /** Only a real package URL (`pkg:type/...`); placeholders such as "a-purl-1" are dropped. */
  purl?: string;
  /** The purl type (`npm`, `pypi`, `deb`), when there is a purl. */
  ecosystem?: string;
  /** CycloneDX component type or SPDX primary purpose or syft package type. */
  type?: string;
  /** CycloneDX `scope`: `excluded` components are not part of what ships. */
  scope?: 'required' | 'optional' | 'excluded';
  /** Needed only to develop the project (cyclonedx-npm's `cdx:npm:package:development`). */
  development?: boolean;
  /** Files the component was found in (syft locations, trivy and syft properties), as the SBOM wrote them. */
  locations: string[];
}

export interface SbomSubject {
  ref?: string;
  name: string;
  version?: string;
  type?: string;
  purl?: string;
}

export interface SbomDocument {
  format: SbomFormat;
  /** `1.6` for CycloneDX, `SPDX-2.3`, the syft JSON schema version (absent in some of syft's own goldens). */
  specVersion?: string;
  /** What the SBOM describes: CycloneDX metadata.component, SPDX's DESCRIBES target, syft's source. */
  subject?: SbomSubject;
  /** The tools that wrote it, `name version`. */
  tools: string[];
  components: SbomComponent[];
  /** ref -> the refs it depends on (CycloneDX dependencies, SPDX DEPENDS_ON/CONTAINS, syft relationships). */
  dependencies: ReadonlyMap<string, readonly string[]>;
  /** Whether the document has a dependency graph at all (CycloneDX 1.2 documents often have none). */
  hasDependencyGraph: boolean;
  /** Entries that could not be read, with where and why: counted, never silently lost. */
  skipped: { at: string; reason: string }[];
}

/** The package URL, when it is one: `pkg:` and a type. */
export function validPurl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const purl = value.trim();
  return /^pkg:[a-zA-Z][a-zA-Z0-9.+-]*\/[^\s]+$/.test(purl) && purl.length <= 2_000 ? purl : undefined;
}

export function purlEcosystem(purl: string | undefined): string | undefined {
  return purl ? /^pkg:([a-zA-Z][a-zA-Z0-9.+-]*)\//.exec(purl)?.[1]?.toLowerCase() : undefined;
}
