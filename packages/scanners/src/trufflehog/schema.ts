import { z } from 'zod';

/** One result of `trufflehog … --json` (v3): a JSON line, or an element of a re-wrapped array. */
export const TrufflehogResultSchema = z.looseObject({
  SourceMetadata: z.looseObject({ Data: z.record(z.string(), z.unknown()).nullish() }).nullish(),
  SourceID: z.number().nullish(),
  SourceType: z.number().nullish(),
  SourceName: z.string().nullish(),
  DetectorType: z.number().nullish(),
  DetectorName: z.string().min(1),
  DetectorDescription: z.string().nullish(),
  DecoderName: z.string().nullish(),
  Verified: z.boolean().nullish(),
  VerificationError: z.string().nullish(),
  Raw: z.string().nullish(),
  RawV2: z.string().nullish(),
  Redacted: z.string().nullish(),
  ExtraData: z.record(z.string(), z.unknown()).nullish(),
});
export type TrufflehogResult = z.infer<typeof TrufflehogResultSchema>;

const text = z.string().nullish();
const line = z.number().int().nullish();

/** `SourceMetadata.Data.Git` (and Github, Gitlab, … which add a link): where in history. */
export const GitSourceSchema = z.looseObject({ commit: text, file: text, email: text, repository: text, timestamp: text, line, link: text });
export const FilesystemSourceSchema = z.looseObject({ file: text, line });
export const DockerSourceSchema = z.looseObject({ file: text, image: text, layer: text, tag: text });
