// Image-specific pieces of the trivy engine, for the trivy adapter (src/trivy) to call: see docs/image-scan.md.
export { TRIVY_IMAGE_EXIT_CODES, trivyImageArgs, trivyImageCommand, type TrivyDatabaseUse, type TrivyImageScan } from './image-command';
export { TRIVY_DB_REPOSITORIES, javaDbRepositoryFor } from './repositories';
export { refreshTrivyDatabase, trivyDatabaseUpdateCommands, type RefreshTrivyDatabaseOptions } from './database';
export { describeTrivyFailure, type TrivyFailureKind } from './failure';
export { TRIVY_SBOM, trivySbomCommands } from './sbom-command';
