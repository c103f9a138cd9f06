// Rewrites docs/reliability.md from the reliability suite's case catalog: `npx tsx scripts/write-reliability-report.ts`.
import { writeFileSync } from 'node:fs';
import { renderReliabilityReport } from '../tests/reliability/catalog/render-reliability-report';

const target = new URL('../docs/reliability.md', import.meta.url);
writeFileSync(target, renderReliabilityReport());
console.log(`wrote ${target.pathname}`);
