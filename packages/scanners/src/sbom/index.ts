/**
 * `@gatehouse/scanners/sbom`: producing and validating SBOMs. A separate entry point because the
 * CycloneDX library's validator needs bundle settings of its own (docs/sbom.md, "Bundling"): a
 * `__dirname` banner, its schema files next to the bundle, and `libxmljs2` external. Reading SBOMs
 * (`readSbom`, `sbomComponents`) is in the main entry point and needs none of that.
 */
export { validateCycloneDx, type CycloneDxValidation } from './validate-cyclonedx';
export { checkSbom, type SbomCheck } from './validate-sbom';
export { generateSbom, type GenerateSbomOptions, type SbomGeneration } from './generate-sbom';
export { produceSbom, type ProduceSbomOptions, type ProducedSbom } from './produce-sbom';
export { resolveSbomTool, SBOM_TOOL_PROFILES, type ResolvedSbomTool } from './sbom-tools';
export { mergeCycloneDx, type MergeSubject } from './merge-cyclonedx';
export { readSbom, sbomComponents, sbomFormatOf } from './read-sbom';
export type { SbomComponent, SbomDocument, SbomFormat, SbomSubject } from './sbom-document';
export type { SbomCommand, SbomGenerationRequest, SbomOutputFormat, SbomSubjectSpec, SbomTool, SbomToolProfile } from './sbom-generator';
