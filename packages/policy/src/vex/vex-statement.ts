/**
 * One VEX statement, whatever document it came from (OpenVEX or CycloneDX VEX), reduced to what the
 * policy acts on: which vulnerability, which products, which status.
 */
export const VEX_STATUSES = ['not_affected', 'affected', 'fixed', 'under_investigation'] as const;
export type VexStatus = (typeof VEX_STATUSES)[number];

/** `not_affected` and `fixed` suppress a finding; `affected` and `under_investigation` do not. */
export function vexStatusSuppresses(status: VexStatus): boolean {
  return status === 'not_affected' || status === 'fixed';
}

export interface VexProduct {
  /** The product's package URL, when it has one (with or without a version). */
  purl?: string;
  /** Its identifier when that is not a purl (an IRI, a bom-ref of the document's subject). */
  id?: string;
  /**
   * The components inside the product where the vulnerability lives: package URLs, or other
   * identifiers (CPEs, IRIs) that Gatehouse cannot match and that therefore match nothing.
   */
  subcomponents: string[];
  /** A reference the document did not resolve (a bom-ref with no component): matches nothing. */
  unresolved?: boolean;
}

export interface VexStatement {
  format: 'openvex' | 'cyclonedx';
  /** File and place in it, e.g. `vex/app.openvex.json#/statements/2`. */
  source: string;
  vulnerability: string;
  /** Other names of the vulnerability the document gives (OpenVEX aliases, CycloneDX references). */
  aliases: string[];
  status: VexStatus;
  /** Empty: the statement is about the document's whole product, i.e. every finding of the vulnerability. */
  products: VexProduct[];
  justification?: string;
  /** Impact statement, analysis detail or status notes. */
  detail?: string;
  /** When the statement was made (RFC 3339); a later statement about the same thing wins. */
  timestamp?: string;
}
