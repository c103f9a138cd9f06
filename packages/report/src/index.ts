// HTML report, compliance view and audit trail (issue 13).
export * from './html/index';
export * from './compliance/index';
export * from './audit/index';
