import { z } from 'zod';

/**
 * Durations in the policy file are written the way people say them: `48h`, `7d`, `2w`, or `none`.
 * They stay strings in the parsed policy (so the effective policy can be printed back as written);
 * `durationMs` turns them into milliseconds where time is computed.
 */
const DURATION_PATTERN = /^([1-9][0-9]{0,5})(h|d|w)$/;
const UNIT_MS = { h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

export const DurationSchema = z
  .string()
  .regex(DURATION_PATTERN, { message: 'must be a duration such as 48h, 7d or 2w' })
  .meta({ description: 'A duration: a whole number of hours (h), days (d) or weeks (w), e.g. 48h, 7d, 2w.' });

export const OptionalDurationSchema = z
  .string()
  .refine((text) => text === 'none' || DURATION_PATTERN.test(text), { message: 'must be a duration such as 48h, 7d or 2w, or none' })
  .meta({ description: 'A duration (48h, 7d, 2w) or `none`.', pattern: '^(none|[1-9][0-9]{0,5}(h|d|w))$' });

export type Duration = z.infer<typeof DurationSchema>;

/** Milliseconds in a duration string; undefined for `none`. Throws on a string the schema would refuse. */
export function durationMs(duration: string): number | undefined {
  if (duration === 'none') return undefined;
  const match = DURATION_PATTERN.exec(duration);
  if (!match) throw new RangeError(`not a duration: ${duration}`);
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}
