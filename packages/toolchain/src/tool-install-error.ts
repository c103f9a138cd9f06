/** Why a pinned tool could not be installed. Each kind makes the engine `incomplete`, never clean. */
export type ToolInstallFailureKind =
  | 'not-pinned'
  | 'unsupported-platform'
  | 'download-failed'
  | 'checksum-mismatch'
  | 'extract-failed';

export interface ChecksumDetail {
  expected: string;
  actual: string;
}

/**
 * A pinned tool could not be installed. The message names the engine, its version and platform, and
 * the cause, so a caller can use it as the engine's `incomplete` reason as it is.
 */
export class ToolInstallError extends Error {
  override name = 'ToolInstallError';
  constructor(
    readonly kind: ToolInstallFailureKind,
    readonly engine: string,
    message: string,
    readonly checksum?: ChecksumDetail,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
