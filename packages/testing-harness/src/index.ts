export * from './fake-github/fake-github';
export * from './fake-github/fake-github-state';
export * from './fake-github/github-objects';
export * from './fake-github/tokens';
export * from './fake-artifact-service/fake-artifact-service';
export * from './fake-artifact-service/zip-archive';
export * from './openapi/load-description';
export * from './openapi/openapi-validator';
