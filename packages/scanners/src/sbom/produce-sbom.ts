import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { errorMessage, type EngineRun, type Logger } from '@gatehouse/findings';
import type { RunLimits } from '@gatehouse/toolchain';
import type { SbomPlan } from '../plans/sbom';
import { generateSbom } from './generate-sbom';
import { mergeCycloneDx } from './merge-cyclonedx';
import type { SbomDocument } from './sbom-document';
import type { SbomTool } from './sbom-generator';
import { SBOM_TOOL_PROFILES, type ResolvedSbomTool } from './sbom-tools';
import { checkSbom } from './validate-sbom';

export interface ProduceSbomOptions {
  workspace: string;
  logger: Logger;
  /** `resolveSbomTool` with the run's mode, or a stub in tests. */
  resolve: (tool: SbomTool) => Promise<ResolvedSbomTool>;
  limits?: Partial<RunLimits>;
}

export interface ProducedSbom {
  /** Written, read back and valid (CycloneDX against the official schema); absent when it could not be. */
  cyclonedx?: { path: string; sbom: SbomDocument };
  spdx?: { path: string; sbom: SbomDocument };
  /**
   * The CycloneDX documents as each generator wrote them, with the lockfile they describe when
   * known: what `buildDependencySnapshot` (@gatehouse/sbom-publish) files under manifests.
   */
  parts: { sbom: SbomDocument; manifest?: string }[];
  /** One line per generator, for findings.json `engines` (`ran`, `not-run`, `incomplete`). */
  engines: EngineRun[];
  notes: string[];
}

/**
 * Carries out an SBOM plan: resolves each generator, runs it, merges per-project documents, and
 * checks every file. Whatever fails is an `incomplete` engine line with the cause; the caller
 * fails the gate on it unless the policy says otherwise, and publishes nothing it could not check.
 */
export async function produceSbom(plan: SbomPlan, options: ProduceSbomOptions): Promise<ProducedSbom> {
  const out: ProducedSbom = { engines: [], parts: [], notes: [...plan.notes] };
  for (const n of plan.notRun) out.engines.push({ id: n.engine, status: 'not-run', reason: n.reason });
  const workDir = mkdtempSync(join(tmpdir(), 'gatehouse-sbom-'));
  const abs = (path: string) => join(options.workspace, path);
  let failed = false;
  try {
    for (const step of plan.generation) {
      const tool = await options.resolve(step.tool);
      if (tool.status !== 'available') {
        out.engines.push({ id: step.engine, status: tool.status === 'not-run' ? 'not-run' : 'incomplete', reason: `${step.tool}: ${tool.reason}` });
        failed = true;
        continue;
      }
      const outputs = Object.fromEntries(Object.entries(step.outputs).map(([format, path]) => [format, abs(path!)]));
      const started = Date.now();
      const result = await generateSbom({
        profile: SBOM_TOOL_PROFILES[step.tool],
        request: { tool: step.tool, executable: tool.executable, ...(tool.prefixArgs ? { prefixArgs: tool.prefixArgs } : {}), workspace: options.workspace, subject: step.subject, outputs, workDir },
        logger: options.logger,
        ...(options.limits ? { limits: options.limits } : {}),
      });
      const durationMs = Date.now() - started;
      if (result.status === 'incomplete') {
        out.engines.push({ id: step.engine, version: tool.version, status: 'incomplete', reason: result.reason, durationMs });
        failed = true;
        continue;
      }
      out.engines.push({ id: step.engine, version: tool.version, status: 'ran', reason: step.label, durationMs });
      out.notes.push(...result.notes);
      if (result.files['spdx-json'] && plan.spdx) out.spdx = result.files['spdx-json'];
      const written = result.files['cyclonedx-json'];
      if (written) out.parts.push({ sbom: written.sbom, ...(step.manifest ? { manifest: step.manifest } : {}) });
      if (written && !plan.merge) out.cyclonedx = written;
    }
    if (!failed && plan.merge && plan.cyclonedx) {
      try {
        const documents = plan.merge.from.map((p) => JSON.parse(readFileSync(abs(p), 'utf8')) as Record<string, unknown>);
        const merged = `${JSON.stringify(mergeCycloneDx(documents, { name: plan.merge.subjectName }), null, 2)}\n`;
        const target = abs(plan.cyclonedx);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, merged);
        const check = await checkSbom(merged, target);
        if (check.ok) {
          out.cyclonedx = { path: target, sbom: check.sbom };
          out.notes.push(`${plan.merge.from.length} project SBOMs merged into ${plan.cyclonedx}`);
        } else {
          out.engines.push({ id: 'cdxgen', status: 'incomplete', reason: `the merged SBOM is not valid: ${check.reason}` });
        }
      } catch (error) {
        out.engines.push({ id: 'cdxgen', status: 'incomplete', reason: `the project SBOMs could not be merged: ${errorMessage(error)}` });
      }
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  return out;
}
