import { z } from 'zod';

/**
 * One issue of bandit's JSON report (`bandit -f json`). Old versions (≤ 1.7.2) write no
 * `issue_cwe` and no `col_offset`; newer ones add them, and `end_col_offset` since 1.7.5.
 */
export const BanditIssueSchema = z.looseObject({
  filename: z.string().min(1),
  test_id: z.string().min(1),
  test_name: z.string().optional(),
  issue_text: z.string(),
  issue_severity: z.string(),
  issue_confidence: z.string().optional(),
  line_number: z.number().int(),
  line_range: z.array(z.number().int()).optional(),
  col_offset: z.number().int().optional(),
  end_col_offset: z.number().int().optional(),
  code: z.string().optional(),
  more_info: z.string().optional(),
  issue_cwe: z.looseObject({ id: z.union([z.number().int(), z.string()]).optional(), link: z.string().optional() }).optional(),
});
export type BanditIssue = z.infer<typeof BanditIssueSchema>;

export const BanditErrorSchema = z.looseObject({ filename: z.string().optional(), reason: z.string().optional() });
