export * from './package-ref';
export * from './manifest-kind';
export * from './parse-manifest';
export * from './discover';
export * from './list-files';
export * from './read-manifests';
export { parseRequirementsTxt, logicalLines, resolveInclude, NOT_PINNED, type IncludeReader } from './requirements-txt';
export { parsePurl, osvPackageOfPurl, purlOfOsvPackage, type ParsedPurl } from './purl-parse';
export * from './dependency-context';
