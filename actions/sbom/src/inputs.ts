import { input } from '@gatehouse/action-kit';
import { scanActionInputs } from '@gatehouse/action-runtime';
import { z } from 'zod';

/** sbom's inputs: the common scanning inputs, then its own (names, defaults and meaning of action.yml). */
export const sbomInputs = z.object({
  ...scanActionInputs,
  target: input.enum(['repository', 'image']).default('repository'),
  path: input.string().default('.'),
  image: input.string().optional(),
  'image-source': input.enum(['daemon', 'registry']).default('daemon'),
  'image-archive': input.string().optional(),
  generator: input.enum(['auto', 'syft', 'trivy', 'cdxgen', 'cyclonedx-npm']).default('auto'),
  spdx: input.boolean().default(false),
  scan: input.enum(['none', 'grype', 'osv-offline']).default('none'),
  'dependency-track-url': input.string().optional(),
  'dependency-track-api-key': input.string().optional(),
  'dependency-track-project': input.string().optional(),
  'dependency-track-version': input.string().optional(),
  'dependency-graph': input.boolean().default(false),
});

export type SbomInputs = z.infer<typeof sbomInputs>;
