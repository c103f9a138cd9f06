import { z } from 'zod';

const text = z.string().nullish();
const int = z.number().int().nullish();

/**
 * One finding of gitleaks 8's JSON report (`report.Finding`), also what the `jsonextra` report
 * template writes (plus `Line`). Go writes a nil slice as `null`, so `Tags` may be null.
 */
export const GitleaksV8FindingSchema = z.looseObject({
  RuleID: z.string().min(1),
  Description: text,
  StartLine: int,
  EndLine: int,
  StartColumn: int,
  EndColumn: int,
  Line: text,
  Match: text,
  Secret: text,
  File: z.string(),
  SymlinkFile: text,
  Commit: text,
  Link: text,
  Entropy: z.number().nullish(),
  Author: text,
  Email: text,
  Date: text,
  Message: text,
  Tags: z.array(z.string()).nullish(),
  Fingerprint: text,
});
export type GitleaksV8Finding = z.infer<typeof GitleaksV8FindingSchema>;

/** One leak of gitleaks 7's JSON report: lower-case keys, `offender` is the match, `tags` one comma-separated string. */
export const GitleaksV7LeakSchema = z.looseObject({
  line: text,
  lineNumber: int,
  offender: text,
  offenderEntropy: z.number().nullish(),
  commit: text,
  repo: text,
  repoURL: text,
  leakURL: text,
  rule: z.string().min(1),
  commitMessage: text,
  author: text,
  email: text,
  file: z.string(),
  date: text,
  tags: text,
});
export type GitleaksV7Leak = z.infer<typeof GitleaksV7LeakSchema>;
