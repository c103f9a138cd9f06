import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanActionPlan, ScanPlanSetup } from '@gatehouse/action-runtime';
import { ConfigurationError } from '@gatehouse/findings';
import { checkArchivePath, planImageScan } from '@gatehouse/scanners';
import type { ImageScanInputs } from './inputs';
import { databaseDirs } from './refresh-databases';

/**
 * The plan of one image (docs/image-scan.md) in the runtime's terms: both engines file their
 * findings under the plan's image reference (so they merge), and the SARIF category is the image's
 * repository (one category per image, stable across tags and matrix legs).
 */
export function imageScanPlan(setup: Pick<ScanPlanSetup, 'workspace' | 'env'>, inputs: ImageScanInputs): ScanActionPlan {
  if (inputs['image-archive']) {
    // A clear error now rather than trivy's "no such file" as an incomplete engine.
    const archive = checkArchivePath(inputs['image-archive']);
    if (!existsSync(join(setup.workspace, archive))) throw new ConfigurationError(`image-archive: ${archive} does not exist in the workspace (write it with docker save before this step)`);
  }
  const plan = planImageScan({
    workspace: setup.workspace,
    ...(inputs.image ? { image: inputs.image } : {}),
    imageSource: inputs['image-source'],
    ...(inputs['image-archive'] ? { archive: inputs['image-archive'] } : {}),
    ...(inputs['image-name'] ? { imageName: inputs['image-name'] } : {}),
    trivy: { enabled: inputs.trivy },
    grype: { enabled: inputs.grype },
    databases: databaseDirs(setup.env),
  });
  return {
    ...plan,
    ...(plan.image.parseImageRef ? { parseContext: { imageRef: plan.image.parseImageRef } } : {}),
    sarifScope: plan.image.sarifCategory,
  };
}
