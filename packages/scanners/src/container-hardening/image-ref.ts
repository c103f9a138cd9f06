/** The parts of an image reference that the hardening rules look at: `[registry/]name[:tag][@digest]`. */
export interface ImageRef {
  name: string;
  tag?: string;
  digest?: string;
}

export function parseImageRef(ref: string): ImageRef {
  const at = ref.indexOf('@');
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  const rest = at >= 0 ? ref.slice(0, at) : ref;
  const colon = rest.lastIndexOf(':');
  const hasTag = colon > rest.lastIndexOf('/');
  return {
    name: hasTag ? rest.slice(0, colon) : rest,
    ...(hasTag ? { tag: rest.slice(colon + 1) } : {}),
    ...(digest ? { digest } : {}),
  };
}

/** Floating: no digest, and no tag or the `latest` tag (what `docker pull name` gives you today). */
export function isFloating(ref: ImageRef): boolean {
  return ref.digest === undefined && (ref.tag === undefined || ref.tag.toLowerCase() === 'latest');
}

/** Expansions left unresolved (`$VERSION`, `${TAG}`): nothing can be said about such a reference. */
export const hasExpansion = (text: string) => text.includes('$');
