import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { normalizeReportFile, resolveSalt, type EngineOutcome } from '@gatehouse/pipeline';
import type { AuditLog } from '@gatehouse/report';
import { createDefaultRegistry } from '@gatehouse/scanners';
import type { Logger } from '@gatehouse/findings';
import { checkDemoRun } from '../demo/demo-expectations';
import { plantDemoSecrets } from '../demo/fake-secrets';
import { locateDemoApp } from '../demo/locate-demo';
import { SBOM_FILE } from '../local-sbom';
import { finishRun } from '../run-context';
import { runLocalScan } from './scan';

function importThirdPartyReports(app: string, audit: AuditLog, logger: Logger): EngineOutcome[] {
  const dir = join(app, 'third-party-reports');
  if (!existsSync(dir)) return [];
  const sarif = createDefaultRegistry().get('sarif');
  const { salt } = resolveSalt(process.env, app);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.sarif'))
    .sort()
    .map((name) => {
      logger.info(`demo: importing third-party-reports/${name} (SARIF)`);
      return normalizeReportFile(sarif, join(dir, name), {
        file: `third-party-reports/${name}`,
        workspace: app,
        salt,
        onSecretValue: (value) => audit.registerSecret(value),
      });
    });
}

/**
 * `gatehouse demo`: generates fresh fake secrets into examples/vulnerable-app/.demo-secrets/ (git-ignored),
 * runs the full pipeline on the app, and exits 0 when it behaves as expected: blocked for the planted
 * problems. The fake values never reach any output; the checks compare locations, not values.
 */
export async function demoCommand(args: { out?: string }, logger: Logger): Promise<0 | 1 | 2> {
  const app = locateDemoApp();
  const planted = plantDemoSecrets(app);
  logger.info(`demo: planted ${planted.length} fake secrets in ${join(app, '.demo-secrets')}`);
  // The demo's OSV records (real advisories, trimmed) stand in for osv.dev's export.
  const run = await runLocalScan(
    {
      path: app,
      osvDatabase: join(app, 'osv-db'),
      // The demo runs offline; these engines ask a registry, and osv-offline covers the same lockfiles.
      skip: [
        { engine: 'npm-audit', reason: 'the demo runs offline (npm audit asks the npm registry); osv-offline checks the same lockfile' },
      ],
      ...(args.out ? { out: resolve(args.out) } : {}),
      // The SBOM of the app's npm project, made for real by the bundled cyclonedx-npm from the lockfile.
      sbom: true,
    },
    logger,
  );
  // Reports made elsewhere join the run as policy-gate gathers CodeQL's SARIF: here, a hostile one.
  run.outcomes.push(...importThirdPartyReports(app, run.audit, logger));
  const { document, exitCode } = finishRun({ ...run, target: { name: 'examples/vulnerable-app', kind: 'directory' }, logger, notes: run.notes, ...(run.sbomFile ? { extraFiles: [SBOM_FILE] } : {}) });
  const checks = checkDemoRun(document, planted);
  logger.info('');
  logger.info('demo: what the pipeline should find');
  for (const check of checks) logger.info(`  ${check.ok ? '✔' : '✘'} ${check.what} — ${check.detail}`);
  logger.info('');
  logger.info(`demo: open ${join(run.outDir, 'summary.md')} (and results.sarif, findings.json${run.sbomFile ? `, ${SBOM_FILE}` : ''})`);
  const failed = checks.filter((c) => !c.ok);
  if (failed.length) {
    logger.error(`demo: ${failed.length} expectation(s) not met`);
    return exitCode === 2 ? 2 : 1;
  }
  logger.info('demo: behaved as expected (blocked for the planted problems)');
  return 0;
}
