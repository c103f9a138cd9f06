import { makePurl, normalisePypiName, npmPurl, pypiPurl } from '@gatehouse/findings';

export interface ParsedPurl {
  type: string;
  namespace?: string;
  name: string;
  version?: string;
}

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
};

/** `pkg:type/namespace/name@version?qualifiers#subpath` (package-url spec), percent-decoded; undefined when malformed. */
export function parsePurl(purl: string): ParsedPurl | undefined {
  const m = /^pkg:([a-zA-Z.+-][a-zA-Z0-9.+-]*)\/+([^?#]+)(?:\?[^#]*)?(?:#.*)?$/.exec(purl.trim());
  if (!m) return undefined;
  const type = m[1]!.toLowerCase();
  let path = m[2]!;
  let version: string | undefined;
  const at = path.lastIndexOf('@');
  if (at > 0 && !path.slice(at).includes('/')) {
    version = decode(path.slice(at + 1));
    path = path.slice(0, at);
    if (version === undefined) return undefined;
  }
  const segments = path.split('/').filter(Boolean).map(decode);
  if (segments.length === 0 || segments.some((s) => s === undefined)) return undefined;
  const name = segments.pop()!;
  const namespace = segments.length ? segments.join('/') : undefined;
  return { type, ...(namespace ? { namespace } : {}), name, ...(version ? { version } : {}) };
}

/** purl type -> OSV ecosystem, for the ecosystems osv.dev exports per ecosystem. */
const ECOSYSTEMS: Readonly<Record<string, string>> = {
  npm: 'npm',
  pypi: 'PyPI',
  maven: 'Maven',
  golang: 'Go',
  cargo: 'crates.io',
  gem: 'RubyGems',
  nuget: 'NuGet',
  composer: 'Packagist',
  pub: 'Pub',
  hex: 'Hex',
  cran: 'CRAN',
  swift: 'SwiftURL',
};

/** The OSV ecosystem and package name a purl stands for, or undefined for types OSV has no ecosystem for. */
export function osvPackageOfPurl(purl: ParsedPurl): { ecosystem: string; name: string } | undefined {
  if (!Object.hasOwn(ECOSYSTEMS, purl.type)) return undefined;
  const ecosystem = ECOSYSTEMS[purl.type]!;
  switch (purl.type) {
    case 'npm':
      return { ecosystem, name: purl.namespace ? `${purl.namespace}/${purl.name}` : purl.name };
    case 'pypi':
      return { ecosystem, name: normalisePypiName(purl.name) };
    case 'maven':
      return purl.namespace ? { ecosystem, name: `${purl.namespace}:${purl.name}` } : undefined;
    case 'golang':
    case 'composer':
    case 'swift':
      return { ecosystem, name: purl.namespace ? `${purl.namespace}/${purl.name}` : purl.name };
    default:
      return { ecosystem, name: purl.name };
  }
}

const PURL_TYPES: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(ECOSYSTEMS).map(([type, ecosystem]) => [ecosystem, type]));

/** The purl of a package an OSV tool names by ecosystem and name (Maven `group:artifact`, Go and Packagist paths). */
export function purlOfOsvPackage(ecosystem: string, name: string, version?: string): string {
  const base = ecosystem.split(':')[0]!;
  if (base === 'npm') return npmPurl(name, version);
  if (base === 'PyPI') return pypiPurl(name, version);
  const type = Object.hasOwn(PURL_TYPES, base) ? PURL_TYPES[base]! : 'generic';
  if (type === 'maven' && name.includes(':')) {
    const [group, artifact] = [name.slice(0, name.indexOf(':')), name.slice(name.indexOf(':') + 1)];
    return makePurl('maven', artifact, version, group);
  }
  if ((type === 'golang' || type === 'composer' || type === 'swift') && name.includes('/')) {
    return makePurl(type, name.slice(name.lastIndexOf('/') + 1), version, name.slice(0, name.lastIndexOf('/')));
  }
  return makePurl(type, name, version);
}
