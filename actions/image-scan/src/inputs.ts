import { input } from '@gatehouse/action-kit';
import { scanActionInputs } from '@gatehouse/action-runtime';
import { z } from 'zod';

/** image-scan's inputs: the common scanning inputs, then its own (names, defaults and meaning of action.yml). */
export const imageScanInputs = z.object({
  ...scanActionInputs,
  image: input.string().optional(),
  'image-source': input.enum(['daemon', 'registry']).default('daemon'),
  'image-archive': input.string().optional(),
  'image-name': input.string().optional(),
  trivy: input.boolean().default(true),
  grype: input.boolean().default(false),
  'engine-timeout-seconds': input.integer({ min: 1, max: 6 * 3600 }).default(1800),
});

export type ImageScanInputs = z.infer<typeof imageScanInputs>;
