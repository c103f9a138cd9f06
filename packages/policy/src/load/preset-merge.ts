/**
 * Lays a policy file's settings over a preset: mappings merge key by key, anything else (lists,
 * values) replaces. Both sides have been validated against the strict schema, so only known keys
 * arrive here; the result is still built with Object.fromEntries (own properties only), never by
 * assignment into an existing object.
 */
export function mergePresetInput(base: unknown, override: unknown): unknown {
  if (!isPlainRecord(base) || !isPlainRecord(override)) return override === undefined ? base : override;
  const keys = new Set([...Object.keys(base), ...Object.keys(override)]);
  return Object.fromEntries(
    [...keys].map((key) => [key, Object.hasOwn(override, key) ? mergePresetInput(base[key], override[key]) : base[key]]),
  );
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
