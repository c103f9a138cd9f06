import { z } from 'zod';

/** syft's own JSON (`syft -o syft-json`), schema 1.x to 16.x, as far as Gatehouse reads it. */
const text = z.string();

export const SyftArtifactSchema = z.looseObject({
  id: text.min(1),
  name: text.min(1),
  version: text.optional(),
  type: text.optional(),
  foundBy: text.optional(),
  locations: z.array(z.looseObject({ path: text, layerID: text.optional() })).nullish(),
  purl: text.optional(),
});

export const SyftRelationshipSchema = z.looseObject({ parent: text, child: text, type: text });

export const SyftSourceSchema = z.looseObject({
  id: text.optional(),
  name: text.optional(),
  version: text.optional(),
  type: text.optional(),
  target: z.unknown().optional(),
  metadata: z.unknown().optional(),
});
