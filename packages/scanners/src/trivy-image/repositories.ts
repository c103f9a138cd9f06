/**
 * Where trivy's databases come from, in the order tried (docs/image-scan.md): Google's mirror of
 * the official registry first (no GHCR rate limits), then GHCR, then the mirror an enterprise names
 * in GATEHOUSE_TRIVY_DB_REPOSITORY. Kept equal to versions.json `databases.trivy.sources` by a test.
 */
export const TRIVY_DB_REPOSITORIES = ['mirror.gcr.io/aquasec/trivy-db:2', 'ghcr.io/aquasecurity/trivy-db:2'] as const;

/**
 * The Java index database (used to identify JARs without Maven coordinates) lives next to each
 * vulnerability database: `…/trivy-db:2` -> `…/trivy-java-db:1`. A mirror laid out differently gets
 * no Java repository from us, and trivy falls back to its own default for it.
 */
export function javaDbRepositoryFor(repository: string): string | undefined {
  const match = /^(.*\/)trivy-db(:\d+)?$/.exec(repository.trim());
  return match ? `${match[1]}trivy-java-db:1` : undefined;
}
