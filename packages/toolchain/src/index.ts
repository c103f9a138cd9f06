export * from './command-error';
export * from './run-command';
export * from './exit-codes';
