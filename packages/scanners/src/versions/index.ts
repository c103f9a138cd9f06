export * from './version-scheme';
export * from './osv-range';
export * from './fix-versions';
export * from './suggest-fix';
