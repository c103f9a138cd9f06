import { ParseError } from '@gatehouse/findings';
import { parse, YAMLParseError } from 'yaml';
import { MAX_MANIFEST_BYTES } from './read-manifest-text';

/**
 * YAML lockfiles (pnpm-lock.yaml, yarn berry's yarn.lock) with the `yaml` library's core schema: no
 * custom tags, aliases bounded (a "billion laughs" file is an error, not an out-of-memory crash).
 */
export function readManifestYaml(text: string, manifest: string): unknown {
  if (text.length > MAX_MANIFEST_BYTES) throw new ParseError(`larger than ${MAX_MANIFEST_BYTES} bytes; refused`, manifest);
  try {
    return parse(text, { schema: 'core', maxAliasCount: 100, prettyErrors: false, uniqueKeys: false });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const pos = error.linePos?.[0];
      throw new ParseError(`invalid YAML: ${error.message.split('\n')[0]}`, manifest, pos?.line, pos?.col);
    }
    throw new ParseError(`invalid YAML: ${error instanceof Error ? error.message : String(error)}`, manifest);
  }
}
