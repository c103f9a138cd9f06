import { z } from 'zod';

/**
 * The parts of SARIF 2.1.0 the adapter reads, validated leniently: unknown properties pass, a
 * property of the wrong type makes that result a skipped entry (never the whole document).
 */

const text = z.string();
const int = z.number().int();

export const MessageSchema = z.looseObject({
  text: text.optional(),
  markdown: text.optional(),
  id: text.optional(),
  arguments: z.array(z.unknown()).optional(),
});
export type SarifMessage = z.infer<typeof MessageSchema>;

export const ArtifactLocationSchema = z.looseObject({
  uri: text.optional(),
  uriBaseId: text.optional(),
  index: int.optional(),
});
export type SarifArtifactLocation = z.infer<typeof ArtifactLocationSchema>;

export const RegionSchema = z.looseObject({
  startLine: int.optional(),
  startColumn: int.optional(),
  endLine: int.optional(),
  endColumn: int.optional(),
  snippet: z.looseObject({ text: text.optional() }).optional(),
});

export const LocationSchema = z.looseObject({
  physicalLocation: z
    .looseObject({
      artifactLocation: ArtifactLocationSchema.optional(),
      region: RegionSchema.optional(),
    })
    .optional(),
  logicalLocations: z.array(z.looseObject({ name: text.optional(), fullyQualifiedName: text.optional() })).optional(),
  message: MessageSchema.optional(),
});
export type SarifLocation = z.infer<typeof LocationSchema>;

const propertyBag = z.record(z.string(), z.unknown());

export const SuppressionSchema = z.looseObject({
  kind: text,
  status: text.optional(),
  justification: text.optional(),
});

export const ReportingDescriptorReferenceSchema = z.looseObject({
  id: text.optional(),
  index: int.optional(),
  toolComponent: z.looseObject({ index: int.optional(), name: text.optional() }).optional(),
});

export const ResultSchema = z.looseObject({
  ruleId: text.optional(),
  ruleIndex: int.optional(),
  rule: ReportingDescriptorReferenceSchema.optional(),
  kind: text.optional(),
  // Read case-insensitively; an unknown word is treated as absent (see severity.ts).
  level: text.optional(),
  message: MessageSchema.optional(),
  locations: z.array(LocationSchema).optional(),
  partialFingerprints: z.record(z.string(), z.unknown()).optional(),
  fingerprints: z.record(z.string(), z.unknown()).optional(),
  suppressions: z.array(SuppressionSchema).optional(),
  baselineState: text.optional(),
  fixes: z.array(z.looseObject({ description: MessageSchema.optional() })).optional(),
  properties: propertyBag.optional(),
});
export type SarifResult = z.infer<typeof ResultSchema>;

export const RuleSchema = z.looseObject({
  id: text,
  name: text.optional(),
  shortDescription: MessageSchema.optional(),
  fullDescription: MessageSchema.optional(),
  messageStrings: z.record(z.string(), MessageSchema).optional(),
  defaultConfiguration: z.looseObject({ level: text.optional() }).optional(),
  helpUri: text.optional(),
  help: MessageSchema.optional(),
  properties: propertyBag.optional(),
});
export type SarifRule = z.infer<typeof RuleSchema>;

export const ToolComponentSchema = z.looseObject({
  name: text,
  version: text.optional(),
  semanticVersion: text.optional(),
  // Rules are validated one by one (see rules.ts) so one bad rule does not lose the run.
  rules: z.array(z.unknown()).optional(),
});

export const ToolSchema = z.looseObject({
  driver: ToolComponentSchema,
  extensions: z.array(ToolComponentSchema).optional(),
});
export type SarifTool = z.infer<typeof ToolSchema>;

const NotificationSchema = z.looseObject({
  level: text.optional(),
  message: MessageSchema.optional(),
  descriptor: z.looseObject({ id: text.optional() }).optional(),
  locations: z.array(LocationSchema).optional(),
});
export type SarifNotification = z.infer<typeof NotificationSchema>;

export const InvocationSchema = z.looseObject({
  executionSuccessful: z.boolean().optional(),
  exitCode: int.optional(),
  exitCodeDescription: text.optional(),
  toolExecutionNotifications: z.array(NotificationSchema).optional(),
  toolConfigurationNotifications: z.array(NotificationSchema).optional(),
});
export type SarifInvocation = z.infer<typeof InvocationSchema>;

export const OriginalUriBaseIdsSchema = z.record(z.string(), z.looseObject({ uri: text.optional(), uriBaseId: text.optional() }));

export const RunContextSchema = z.looseObject({
  originalUriBaseIds: OriginalUriBaseIdsSchema.optional(),
  artifacts: z.array(z.looseObject({ location: ArtifactLocationSchema.optional() }).nullable()).optional(),
  properties: propertyBag.optional(),
});
