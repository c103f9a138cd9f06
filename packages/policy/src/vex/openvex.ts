import { z } from 'zod';
import { VEX_STATUSES, type VexProduct, type VexStatement } from './vex-statement';

/**
 * OpenVEX (https://github.com/openvex/spec). Both shapes seen in the wild are read: v0.2.0, where a
 * vulnerability is `{name, aliases}` and a product `{@id, identifiers: {purl}, subcomponents}`, and
 * the earlier drafts, where both are plain strings and `subcomponents` sit on the statement. Fields
 * the policy does not use are let through unchecked; the ones it acts on are validated.
 */
const text = z.string().max(10_000);
const id = z.string().trim().min(1).max(2_000);

const IdentifiersSchema = z.object({ purl: id.optional() });
const SubcomponentSchema = z.union([id, z.object({ '@id': id.optional(), identifiers: IdentifiersSchema.optional() })]);
const ProductSchema = z.union([
  id,
  z.object({
    '@id': id.optional(),
    identifiers: IdentifiersSchema.optional(),
    subcomponents: z.array(SubcomponentSchema).max(10_000).optional(),
  }),
]);
const VulnerabilitySchema = z.union([
  id,
  z.object({ name: id, '@id': id.optional(), aliases: z.array(id).max(200).optional() }),
]);

const StatementSchema = z.object({
  vulnerability: VulnerabilitySchema,
  status: z.enum(VEX_STATUSES),
  products: z.array(ProductSchema).max(10_000).optional(),
  subcomponents: z.array(SubcomponentSchema).max(10_000).optional(),
  justification: text.optional(),
  impact_statement: text.optional(),
  status_notes: text.optional(),
  timestamp: z.string().max(100).optional(),
  last_updated: z.string().max(100).optional(),
});

export const OpenVexDocumentSchema = z.object({
  '@context': z.string().regex(/^https:\/\/openvex\.dev\/ns/),
  timestamp: z.string().max(100).optional(),
  last_updated: z.string().max(100).optional(),
  statements: z.array(StatementSchema).max(100_000),
});
export type OpenVexDocument = z.infer<typeof OpenVexDocumentSchema>;

export function isOpenVex(document: Record<string, unknown>): boolean {
  const context = document['@context'];
  return typeof context === 'string' && context.startsWith('https://openvex.dev/ns');
}

export function openVexStatements(document: OpenVexDocument, file: string): VexStatement[] {
  return document.statements.map((statement, index) => {
    const vulnerability = typeof statement.vulnerability === 'string' ? statement.vulnerability : statement.vulnerability.name;
    const aliases = typeof statement.vulnerability === 'string' ? [] : (statement.vulnerability.aliases ?? []);
    const shared = (statement.subcomponents ?? []).flatMap(subcomponentPurl);
    const products = (statement.products ?? []).map((product) => toProduct(product, shared));
    // Products can cascade from the document in the spec; a statement with none is about the
    // document's whole product, and likewise one with only statement-level subcomponents.
    if (products.length === 0 && shared.length > 0) products.push({ subcomponents: shared });
    const result: VexStatement = {
      format: 'openvex',
      source: `${file}#/statements/${index}`,
      vulnerability,
      aliases,
      status: statement.status,
      products,
    };
    if (statement.justification) result.justification = statement.justification;
    const detail = statement.impact_statement ?? statement.status_notes;
    if (detail) result.detail = detail;
    const timestamp = statement.last_updated ?? statement.timestamp ?? document.last_updated ?? document.timestamp;
    if (timestamp) result.timestamp = timestamp;
    return result;
  });
}

function toProduct(product: z.infer<typeof ProductSchema>, shared: string[]): VexProduct {
  if (typeof product === 'string') {
    return isPurl(product) ? { purl: product, subcomponents: shared } : { id: product, subcomponents: shared };
  }
  const subcomponents = [...shared, ...(product.subcomponents ?? []).flatMap(subcomponentPurl)];
  const purl = product.identifiers?.purl ?? (product['@id'] && isPurl(product['@id']) ? product['@id'] : undefined);
  if (purl) return { purl, subcomponents };
  return product['@id'] ? { id: product['@id'], subcomponents } : { subcomponents };
}

/**
 * A subcomponent's purl, or whatever identifies it otherwise: a CPE or IRI is kept (it matches no
 * finding) rather than dropped, because dropping it would widen the statement to every component.
 */
function subcomponentPurl(subcomponent: z.infer<typeof SubcomponentSchema>): string[] {
  if (typeof subcomponent === 'string') return [subcomponent];
  return [subcomponent.identifiers?.purl ?? subcomponent['@id'] ?? 'unidentified-subcomponent'];
}

export function isPurl(value: string): boolean {
  return /^pkg:[a-zA-Z0-9.+-]+\//.test(value);
}
