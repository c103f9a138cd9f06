import type { Finding } from '@gatehouse/findings';
import { idKey, type FindingFacts } from '../evaluate/finding-keys';
import { purlKey, purlMatches, type PurlKey } from '../evaluate/purl-key';
import type { VexProduct, VexStatement } from './vex-statement';

interface CompiledProduct {
  unresolved: boolean;
  purl?: PurlKey;
  /** An `oci` product: the image itself (digest in the version), matched against image findings. */
  image?: PurlKey;
  subcomponents: (PurlKey | undefined)[];
}

interface CompiledStatement {
  order: number;
  /** Marks the statement as already considered for the finding at hand (no Set per finding). */
  visit: number;
  statement: VexStatement;
  time: number;
  products: CompiledProduct[];
}

/**
 * VEX statements indexed by every name of their vulnerability. For a finding, the statements about
 * it are those naming one of its ids or aliases and one of its products; among them the most recent
 * (by timestamp, then by order given) decides, as the VEX model says later statements supersede
 * earlier ones.
 */
export class VexIndex {
  private readonly byId = new Map<string, CompiledStatement[]>();
  private visit = 0;

  constructor(statements: readonly VexStatement[]) {
    statements.forEach((statement, order) => {
      const compiled: CompiledStatement = {
        order,
        visit: 0,
        statement,
        time: timeOf(statement.timestamp),
        products: statement.products.map(compileProduct),
      };
      const keys = new Set([statement.vulnerability, ...statement.aliases].map(idKey));
      for (const key of keys) {
        const list = this.byId.get(key);
        if (list) list.push(compiled);
        else this.byId.set(key, [compiled]);
      }
    });
  }

  get size(): number {
    return this.byId.size;
  }

  /** The statement that decides for this finding, if any does. */
  decide(facts: FindingFacts): VexStatement | undefined {
    if (this.byId.size === 0) return undefined;
    let best: CompiledStatement | undefined;
    const visit = ++this.visit;
    for (const key of facts.ids) {
      const list = this.byId.get(key);
      if (!list) continue;
      for (const candidate of list) {
        if (candidate.visit === visit) continue;
        candidate.visit = visit;
        if (!appliesTo(candidate, facts)) continue;
        if (!best || candidate.time > best.time || (candidate.time === best.time && candidate.order > best.order)) best = candidate;
      }
    }
    return best?.statement;
  }
}

function compileProduct(product: VexProduct): CompiledProduct {
  const compiled: CompiledProduct = { unresolved: product.unresolved === true, subcomponents: product.subcomponents.map(purlKey) };
  if (product.purl !== undefined) {
    const key = purlKey(product.purl);
    if (!key) compiled.unresolved = true;
    else if (key.base.startsWith('oci/')) compiled.image = key;
    else compiled.purl = key;
  }
  return compiled;
}

function appliesTo(statement: CompiledStatement, facts: FindingFacts): boolean {
  if (statement.products.length === 0) return true;
  return statement.products.some((product) => productApplies(product, facts));
}

/**
 * With subcomponents, the finding's package must be one of them (the product then only has to be
 * this image, when it is an image). Without, a package product must be the finding's package, an
 * image product covers what was found in that image, and a product known only by name (the
 * document's own subject) covers every finding of the vulnerability.
 */
function productApplies(product: CompiledProduct, facts: FindingFacts): boolean {
  if (product.unresolved) return false;
  if (product.image && !imageMatches(product.image, facts.finding)) return false;
  if (product.subcomponents.length > 0) {
    return facts.purl !== undefined && product.subcomponents.some((sub) => sub !== undefined && purlMatches(sub, facts.purl!));
  }
  if (product.purl) return facts.purl !== undefined && purlMatches(product.purl, facts.purl);
  return true;
}

/** `pkg:oci/name@sha256:...`: the digest names the image exactly; without one, the repository name does. */
function imageMatches(image: PurlKey, finding: Finding): boolean {
  const location = finding.location;
  if (location.kind !== 'image') return false;
  if (image.version !== undefined) {
    const digest = location.digest ?? /@(sha256:[0-9a-f]+)/i.exec(location.ref)?.[1];
    return digest !== undefined && digest.toLowerCase() === image.version.toLowerCase();
  }
  const name = image.base.slice('oci/'.length);
  const repository = location.ref.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
  return repository.toLowerCase().split('/').pop() === name;
}

function timeOf(timestamp: string | undefined): number {
  if (timestamp === undefined) return Number.NEGATIVE_INFINITY;
  const time = Date.parse(timestamp);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}
