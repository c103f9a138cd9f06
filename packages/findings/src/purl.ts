/** Helpers for package URLs (https://github.com/package-url/purl-spec) as scanners write them. */

/** `pkg:npm/%40scope/name@1.2.3?x=y#sub` -> `pkg:npm/%40scope/name`: identity must not depend on the version. */
export function purlWithoutVersion(purl: string): string {
  let p = purl.trim();
  const hash = p.indexOf('#');
  if (hash >= 0) p = p.slice(0, hash);
  const query = p.indexOf('?');
  if (query >= 0) p = p.slice(0, query);
  const lastSlash = p.lastIndexOf('/');
  const at = p.indexOf('@', lastSlash + 1);
  if (at > 0) p = p.slice(0, at);
  return p.toLowerCase().startsWith('pkg:') ? `pkg:${p.slice(4)}` : p;
}

/** The purl type (`npm`, `pypi`, `deb`, ...) or undefined for something that is not a purl. */
export function purlType(purl: string): string | undefined {
  const match = /^pkg:([a-zA-Z0-9.+-]+)\//.exec(purl.trim());
  return match ? match[1]!.toLowerCase() : undefined;
}

const ENCODE = (s: string) => encodeURIComponent(s).replace(/%2F/gi, '/');

/** Builds a purl from parts; names are percent-encoded per the spec (a scope's @ becomes %40). */
export function makePurl(type: string, name: string, version?: string, namespace?: string): string {
  const ns = namespace ? `${ENCODE(namespace)}/` : '';
  const v = version ? `@${encodeURIComponent(version)}` : '';
  return `pkg:${type.toLowerCase()}/${ns}${ENCODE(name)}${v}`;
}

/** npm names may be scoped: `@scope/name` -> namespace `@scope`, name `name`. */
export function npmPurl(name: string, version?: string): string {
  if (name.startsWith('@') && name.includes('/')) {
    const [scope, rest] = [name.slice(0, name.indexOf('/')), name.slice(name.indexOf('/') + 1)];
    return makePurl('npm', rest, version, scope);
  }
  return makePurl('npm', name, version);
}

/** PyPI names are compared normalised (PEP 503): lower case, runs of -_. become one dash. */
export function normalisePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export function pypiPurl(name: string, version?: string): string {
  return makePurl('pypi', normalisePypiName(name), version);
}
