export { uploadBomToDependencyTrack, DEFAULT_UPLOAD_POLICY, type DependencyTrackUpload, type UploadOptions, type UploadOutcome, type UploadPolicy } from './dependency-track/upload-bom';
export { dependencyTrackBomUrl, describeServer } from './dependency-track/endpoint';
export { buildDependencySnapshot, type BuiltSnapshot, type SnapshotContext, type SnapshotPart } from './dependency-snapshot/build-snapshot';
export type { DependencySnapshot, SnapshotDependency, SnapshotManifest, SnapshotMetadata } from './dependency-snapshot/snapshot';
