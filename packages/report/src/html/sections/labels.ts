import type { Category, Severity } from '@gatehouse/findings';

export const SEVERITY_LABEL: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info', unknown: 'Unknown' };
export const CATEGORY_LABEL: Record<Category, string> = { secret: 'Secret', sca: 'Dependency', sast: 'Code', container: 'Container', iac: 'Configuration' };
