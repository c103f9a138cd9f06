/**
 * A copy of a JSON Schema in which every `oneOf` whose branches are objects told apart by one
 * required constant string property (what zod writes for a discriminated union) also carries ajv's
 * `discriminator` keyword. ajv then checks only the branch the value names instead of every branch
 * (building and dropping an error for each branch that does not match, for every finding): the same
 * verdicts, since a value can match at most the one branch whose constant it holds.
 *
 * ajv applies `discriminator` to objects only and then skips `oneOf`, so `type: "object"` is added
 * beside it: a value that is no object is refused, as every branch refused it before. Compile the
 * result with ajv's `discriminator: true` option.
 */
export function withDiscriminators(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withDiscriminators);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = withDiscriminators(value);
  const tag = discriminatorOf(copy);
  if (tag !== undefined) {
    copy.type = 'object';
    copy.discriminator = { propertyName: tag };
  }
  return copy;
}

type Branch = { type?: unknown; properties?: Record<string, { const?: unknown }>; required?: unknown };

function discriminatorOf(node: Record<string, unknown>): string | undefined {
  const branches = node.oneOf;
  if (!Array.isArray(branches) || branches.length < 2 || 'discriminator' in node) return undefined;
  if (node.type !== undefined && node.type !== 'object') return undefined;
  const first = branches[0] as Branch | null;
  for (const candidate of Object.keys(first?.properties ?? {})) {
    const seen = new Set<string>();
    const tells = branches.every((raw) => {
      const branch = raw as Branch | null;
      if (!branch || typeof branch !== 'object' || branch.type !== 'object') return false;
      const value = branch.properties?.[candidate]?.const;
      if (typeof value !== 'string' || seen.has(value) || !Array.isArray(branch.required) || !branch.required.includes(candidate)) return false;
      seen.add(value);
      return true;
    });
    if (tells) return candidate;
  }
  return undefined;
}
