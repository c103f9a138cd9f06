import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { RuleHit } from './dockerfile-rules';
import { hasExpansion, isFloating, parseImageRef } from './image-ref';

/** A compose file that cannot be read as YAML: the file could not be checked. */
export class ComposeSyntaxError extends Error {}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (o: Record<string, Json>, key: string) => Object.hasOwn(o, key) && o[key] !== null && o[key] !== undefined;

function pairOf(map: YAMLMap, key: string): Pair<Node, Node> | undefined {
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as Pair<Node, Node> | undefined;
}

/**
 * The compose rules over one compose file (the Compose Specification's `services`). Values are
 * read from the resolved document (anchors, aliases and `<<` merge keys applied); lines from the
 * syntax tree: the line of the offending key when the service writes it itself, else the line
 * of the service's name.
 */
export function checkCompose(text: string, enabled: (rule: string) => boolean): RuleHit[] {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, merge: true, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    // Position from the offset, not prettyErrors: that would quote the file (which may hold credentials) in the message.
    const e = doc.errors[0]!;
    const pos = lineCounter.linePos(e.pos[0]);
    throw new ComposeSyntaxError(`YAML error at line ${pos.line}, column ${pos.col}: ${e.message.split('\n')[0]!.slice(0, 300)}`);
  }
  const root = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (!isObject(root) || !isObject(root.services)) return [];
  const servicesNode = isMap(doc.contents) ? pairOf(doc.contents, 'services')?.value : undefined;
  const lineAt = (node: Node | null | undefined) => (node?.range ? lineCounter.linePos(node.range[0]).line : undefined);

  const hits: RuleHit[] = [];
  for (const [name, service] of Object.entries(root.services)) {
    if (!isObject(service)) continue;
    const servicePair = isMap(servicesNode) ? pairOf(servicesNode, name) : undefined;
    const serviceMap = isMap(servicePair?.value) ? servicePair.value : undefined;
    const serviceLine = lineAt(servicePair?.key);
    const keyLine = (key: string) => (serviceMap ? lineAt(pairOf(serviceMap, key)?.key) : undefined) ?? serviceLine;
    const label = `service '${name.slice(0, 100)}'`;
    const hit = (rule: string, line: number | undefined, message: string) => hits.push({ rule, ...(line ? { line } : {}), message });

    if (enabled('no-privileged-service') && (service.privileged === true || String(service.privileged).toLowerCase() === 'true')) {
      hit('no-privileged-service', keyLine('privileged'), `${label} runs privileged: it has every capability and the host's devices`);
    }

    const deploy = isObject(service.deploy) ? service.deploy : {};
    const resources = isObject(deploy.resources) ? deploy.resources : {};
    const limits = isObject(resources.limits) ? resources.limits : {};
    const limited = has(limits, 'memory') || has(limits, 'cpus') || has(service, 'mem_limit') || has(service, 'cpus') || has(service, 'cpu_quota');
    if (enabled('resource-limits') && !limited) hit('resource-limits', serviceLine, `${label} sets no memory or CPU limit`);

    const restart = has(service, 'restart') ? String(service.restart).toLowerCase() : undefined;
    const policy = isObject(deploy.restart_policy) ? deploy.restart_policy : undefined;
    const restarts = (restart !== undefined && restart !== 'no' && restart !== 'false') || (policy !== undefined && String(policy.condition ?? 'any').toLowerCase() !== 'none');
    if (enabled('restart-policy') && !restarts) {
      hit('restart-policy', restart !== undefined ? keyLine('restart') : serviceLine, restart !== undefined ? `${label} has restart: "${restart}"` : `${label} sets no restart policy`);
    }

    // A service that is built names its own image with `image`; only pulled images can float.
    if (enabled('no-latest-service-image') && typeof service.image === 'string' && !has(service, 'build') && !hasExpansion(service.image)) {
      const ref = parseImageRef(service.image.trim());
      if (isFloating(ref)) hit('no-latest-service-image', keyLine('image'), `${label} pulls ${service.image.trim().slice(0, 300)}, ${ref.tag ? "the 'latest' tag" : 'with no tag (latest)'}`);
    }
  }
  return hits;
}
