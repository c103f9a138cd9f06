import secretlintCore from '@secretlint/core/package.json' with { type: 'json' };

/** The secretlint version the runner bundles (pinned in packages/scanners/package.json). */
export const SECRETLINT_VERSION: string = secretlintCore.version;
