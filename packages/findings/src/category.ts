import { z } from 'zod';

/** What a finding is about. It belongs to each finding, not to the engine: one trivy report yields several. */
export const CATEGORIES = ['secret', 'sca', 'sast', 'container', 'iac'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CategorySchema = z.enum(CATEGORIES);
