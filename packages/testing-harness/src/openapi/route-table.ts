import type { PreparedOperation } from './prepare-description';

interface Route {
  operation: PreparedOperation;
  segments: { literal?: string; parameter?: string; multiSegment: boolean }[];
  literalCount: number;
}

export interface RouteMatch {
  operation: PreparedOperation;
  /** Decoded path parameters. */
  pathParameters: Record<string, string>;
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment, index) => index > 0 || segment !== '');
}

/**
 * Finds the operation of a request path the way GitHub's router does: literal segments win over
 * parameters (`/issues/comments/{id}` before `/issues/{number}`), and a parameter GitHub marks
 * multi-segment (`contents/{path}`) takes the rest of the path.
 */
export class RouteTable {
  private readonly routes = new Map<string, Route[]>();
  private readonly byKey = new Map<string, PreparedOperation>();

  constructor(operations: readonly PreparedOperation[]) {
    for (const operation of operations) {
      const multi = new Set(operation.parameters.filter((p) => p.in === 'path' && p.multiSegment).map((p) => p.name));
      const segments = splitPath(operation.pathTemplate).map((segment) => {
        const parameter = /^\{([^}]+)\}$/.exec(segment)?.[1];
        return parameter ? { parameter, multiSegment: multi.has(parameter) } : { literal: segment, multiSegment: false };
      });
      const route = { operation, segments, literalCount: segments.filter((s) => s.literal !== undefined).length };
      const list = this.routes.get(operation.method) ?? [];
      list.push(route);
      this.routes.set(operation.method, list);
      this.byKey.set(`${operation.method} ${operation.pathTemplate}`, operation);
    }
    for (const list of this.routes.values()) list.sort(moreSpecificFirst);
  }

  /** The operation declared as "METHOD /path/{template}", exactly as in GitHub's description. */
  operation(route: string): PreparedOperation | undefined {
    const space = route.indexOf(' ');
    return this.byKey.get(`${route.slice(0, space).toUpperCase()} ${route.slice(space + 1)}`);
  }

  match(method: string, pathname: string): RouteMatch | undefined {
    const parts = splitPath(pathname);
    for (const route of this.routes.get(method.toUpperCase()) ?? []) {
      const parameters = matchSegments(route, parts);
      if (parameters) return { operation: route.operation, pathParameters: parameters };
    }
    return undefined;
  }
}

/** At the first position where one route has a literal and the other a parameter, the literal wins. */
function moreSpecificFirst(a: Route, b: Route): number {
  const length = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < length; i += 1) {
    const aLiteral = a.segments[i]!.literal !== undefined;
    const bLiteral = b.segments[i]!.literal !== undefined;
    if (aLiteral !== bLiteral) return aLiteral ? -1 : 1;
  }
  return b.literalCount - a.literalCount;
}

function matchSegments(route: Route, parts: readonly string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = Object.create(null);
  let index = 0;
  for (let s = 0; s < route.segments.length; s += 1) {
    const segment = route.segments[s]!;
    if (index >= parts.length) return undefined;
    if (segment.literal !== undefined) {
      if (parts[index] !== segment.literal) return undefined;
      index += 1;
      continue;
    }
    const remainingSegments = route.segments.length - s - 1;
    const take = segment.multiSegment ? parts.length - index - remainingSegments : 1;
    if (take < 1) return undefined;
    const raw = parts.slice(index, index + take);
    if (raw.some((part) => part === '')) return undefined;
    try {
      parameters[segment.parameter!] = raw.map(decodeURIComponent).join('/');
    } catch {
      return undefined;
    }
    index += take;
  }
  return index === parts.length ? parameters : undefined;
}
