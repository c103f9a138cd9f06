export * from './adapter';
export * from './registry';
export * from './report-text';
export * from './json-document';
export * from './code-location';
export * from './zod-issues';
export * from './default-registry';
