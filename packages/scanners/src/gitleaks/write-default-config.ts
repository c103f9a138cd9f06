// Rewrites default-config/.gitleaks.toml from the rule definitions: `npx tsx packages/scanners/src/gitleaks/write-default-config.ts`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG_FILE, renderDefaultGitleaksConfig } from './default-config';

writeFileSync(DEFAULT_CONFIG_FILE, renderDefaultGitleaksConfig());
process.stdout.write(`wrote ${fileURLToPath(DEFAULT_CONFIG_FILE)}\n`);
