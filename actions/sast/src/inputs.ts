import { input } from '@gatehouse/action-kit';
import { scanActionInputs } from '@gatehouse/action-runtime';
import { DEFAULT_SEMGREP_CONFIGS, DEFAULT_SEMGREP_TIMEOUT_SECONDS } from '@gatehouse/scanners';
import { z } from 'zod';

/** sast's inputs: the common ones, then its own (names, defaults and meaning of action.yml). */
export const sastInputs = z.object({
  ...scanActionInputs,
  'diff-aware': input.boolean().default(true),
  'fetch-history': input.boolean().default(true),
  semgrep: input.boolean().default(true),
  'semgrep-config': input.list().default([...DEFAULT_SEMGREP_CONFIGS]),
  'semgrep-rules-path': input.string().optional(),
  'semgrep-timeout': input.integer({ min: 1, max: 3600 }).default(DEFAULT_SEMGREP_TIMEOUT_SECONDS),
  bandit: input.boolean().default(true),
  'bandit-paths': input.list().optional(),
  'bandit-config': input.string().optional(),
  'trivy-config': input.boolean().default(true),
  'trivy-config-paths': input.list().optional(),
  'trivy-rego-policies': input.list().optional(),
  'trivy-rego-namespaces': input.list().optional(),
  'container-hardening': input.boolean().default(true),
  'container-hardening-paths': input.list().optional(),
  'container-hardening-disable': input.list().optional(),
  'engine-timeout-seconds': input.integer({ min: 1, max: 6 * 60 * 60 }).default(30 * 60),
});

export type SastInputs = z.output<typeof sastInputs>;
