import packageJson from '../package.json' with { type: 'json' };

/** This package's version, sent in the user-agent as `gatehouse/<version>`. */
export const GATEHOUSE_VERSION: string = packageJson.version;
