import type { PlatformId } from './tool-versions';

const OS_NAMES: Partial<Record<NodeJS.Platform, string>> = { linux: 'linux', darwin: 'darwin', win32: 'windows' };
const CPU_NAMES: Partial<Record<string, string>> = { x64: 'x64', arm64: 'arm64' };

/** The versions-file platform id of a Node platform/arch pair, or undefined when we publish nothing for it. */
export function platformId(platform: NodeJS.Platform = process.platform, arch: string = process.arch): PlatformId | undefined {
  const os = OS_NAMES[platform];
  const cpu = CPU_NAMES[arch];
  return os && cpu ? (`${os}-${cpu}` as PlatformId) : undefined;
}
