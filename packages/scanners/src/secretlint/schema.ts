import { z } from 'zod';

const position = z.looseObject({ line: z.number().int(), column: z.number().int() });

/** One message of secretlint's JSON result (`SecretLintCoreResultMessage`), plus the runner's marks. */
export const SecretlintMessageSchema = z.looseObject({
  type: z.string().optional(),
  ruleId: z.string().min(1),
  ruleParentId: z.string().optional(),
  messageId: z.string().optional(),
  message: z.string().optional(),
  docsUrl: z.string().optional(),
  range: z.tuple([z.number().int().min(0), z.number().int().min(0)]),
  loc: z.looseObject({ start: position, end: position }).optional(),
  severity: z.union([z.string(), z.number()]).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  gatehouse: z.looseObject({ suppressedBy: z.string().optional() }).optional(),
});
export type SecretlintMessage = z.infer<typeof SecretlintMessageSchema>;

/** One linted file (`SecretLintCoreResult`). `sourceContent` is the whole file; it is read, never kept. */
export const SecretlintFileSchema = z.looseObject({
  filePath: z.string().min(1),
  sourceContent: z.string().nullable().optional(),
  sourceContentType: z.string().optional(),
  messages: z.array(z.unknown()),
  /** The runner's history scans: the commit that added the lines, and its author. */
  gatehouse: z
    .looseObject({ commit: z.string().optional(), author: z.string().optional(), email: z.string().optional(), committedAt: z.string().optional() })
    .optional(),
});
export type SecretlintFileOrigin = NonNullable<z.infer<typeof SecretlintFileSchema>['gatehouse']>;
