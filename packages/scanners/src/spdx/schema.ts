import { z } from 'zod';

/** SPDX 2.2/2.3 JSON (https://spdx.github.io/spdx-spec/v2.3/), as far as Gatehouse reads it. */
const text = z.string();

export const SpdxPackageSchema = z.looseObject({
  SPDXID: text.min(1),
  name: text.min(1),
  versionInfo: text.optional(),
  primaryPackagePurpose: text.optional(),
  sourceInfo: text.optional(),
  externalRefs: z.array(z.looseObject({ referenceCategory: text.optional(), referenceType: text, referenceLocator: text })).optional(),
});
export type SpdxPackage = z.infer<typeof SpdxPackageSchema>;

export const SpdxRelationshipSchema = z.looseObject({ spdxElementId: text, relatedSpdxElement: text, relationshipType: text });
