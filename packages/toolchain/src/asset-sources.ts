import { ToolInstallError } from './tool-install-error';
import type { BinaryToolPin } from './tool-versions';
import type { AssetSource } from './fetch-verified-asset';

/** An internal mirror of the release assets (GHES, air-gapped or proxied networks). */
export interface MirrorSettings {
  /** `<baseUrl>/<engine>/<version>/<asset file>` must serve the upstream asset byte for byte. */
  baseUrl: string;
  /** Try the mirror before upstream (networks where github.com is unreachable). Default: after. */
  first?: boolean;
  /** Sent as `Authorization: Bearer <token>` to the mirror's origin only. */
  token?: string;
}

/** GATEHOUSE_TOOL_MIRROR, GATEHOUSE_TOOL_MIRROR_FIRST=true, GATEHOUSE_TOOL_MIRROR_TOKEN. */
export function mirrorFromEnv(env: Readonly<Record<string, string | undefined>>): MirrorSettings | undefined {
  const baseUrl = env.GATEHOUSE_TOOL_MIRROR?.trim();
  if (!baseUrl) return undefined;
  const token = env.GATEHOUSE_TOOL_MIRROR_TOKEN?.trim();
  return { baseUrl, first: env.GATEHOUSE_TOOL_MIRROR_FIRST === 'true', ...(token ? { token } : {}) };
}

/**
 * The places an asset is fetched from, in order: upstream then the mirror (or the mirror first when
 * configured so). The checksum is the same whichever serves it, so a mirror is trusted for nothing
 * but availability.
 */
export function assetSources(
  engine: string,
  pin: BinaryToolPin,
  assetFile: string,
  mirror: MirrorSettings | undefined,
  env: Readonly<Record<string, string | undefined>>,
  allowHttp: boolean,
): AssetSource[] {
  const upstream: AssetSource = {
    label: 'upstream',
    url: pin.urlTemplate.replaceAll('{version}', pin.version).replaceAll('{asset}', encodeURIComponent(assetFile)),
  };
  const settings = mirror ?? mirrorFromEnv(env);
  if (!settings) return [upstream];
  let base: URL;
  try {
    base = new URL(settings.baseUrl);
  } catch {
    throw new ToolInstallError('download-failed', engine, `${engine}: the tool mirror (GATEHOUSE_TOOL_MIRROR) is not a valid URL`);
  }
  if (base.protocol !== 'https:' && !(allowHttp && base.protocol === 'http:')) {
    throw new ToolInstallError('download-failed', engine, `${engine}: the tool mirror (GATEHOUSE_TOOL_MIRROR) must be an https URL`);
  }
  const path = [engine, pin.version, assetFile].map(encodeURIComponent).join('/');
  const mirrored: AssetSource = {
    label: 'mirror',
    url: `${base.href.replace(/\/+$/, '')}/${path}`,
    ...(settings.token ? { headers: { authorization: `Bearer ${settings.token}` } } : {}),
  };
  return settings.first ? [mirrored, upstream] : [upstream, mirrored];
}
