import { createHash } from 'node:crypto';

function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * A policy that lets the page load nothing from anywhere: no fetch, no font, no frame, no form
 * target, images only as data: URLs, and only the report's own inline script and style (by hash, so
 * an injected element could not run even if escaping failed). `frame-ancestors` and `sandbox` are not
 * honoured in a meta tag and are left out.
 */
export function contentSecurityPolicy(inlineScripts: readonly string[], inlineStyles: readonly string[]): string {
  return [
    "default-src 'none'",
    `script-src ${inlineScripts.map(sha256Source).join(' ')}`,
    `style-src ${inlineStyles.map(sha256Source).join(' ')}`,
    'img-src data:',
    "connect-src 'none'",
    "font-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "manifest-src 'none'",
    "media-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
