export * from './deps';
export * from './deps-git-facts';
export * from './deps-new-findings';
