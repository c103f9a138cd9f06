import type { z } from 'zod';

/** One line naming where in the entry validation failed, for skipped-entry reasons. */
export function describeIssues(error: z.ZodError, limit = 3): string {
  const parts = error.issues.slice(0, limit).map((issue) => `${issue.path.map(String).join('.') || '(entry)'}: ${issue.message}`);
  if (error.issues.length > limit) parts.push(`and ${error.issues.length - limit} more`);
  return parts.join('; ');
}
