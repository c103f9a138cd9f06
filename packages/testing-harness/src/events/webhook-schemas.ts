import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';

const require = createRequire(import.meta.url);
const addFormats = ((addFormatsPlugin as unknown as { default?: typeof addFormatsPlugin }).default ?? addFormatsPlugin) as typeof addFormatsPlugin;

const DOCUMENT_ID = 'https://gatehouse.invalid/github-webhooks.json';

let ajv: Ajv2020 | undefined;

function webhooksAjv(): Ajv2020 {
  if (ajv) return ajv;
  const path = require.resolve('@octokit/openapi-webhooks/generated/api.github.com.json');
  const document = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addSchema({ $id: DOCUMENT_ID, components: document.components });
  return ajv;
}

/**
 * Problems of an event payload against GitHub's webhook schema for `event` (and `action`), from
 * @octokit/openapi-webhooks ([] when it is valid). Used to keep the payload builders real.
 */
export function webhookPayloadProblems(event: string, action: string | undefined, payload: unknown): string[] {
  const name = `webhook-${event.replace(/_/g, '-')}${action ? `-${action.replace(/_/g, '-')}` : ''}`;
  const validate = webhooksAjv().getSchema(`${DOCUMENT_ID}#/components/schemas/${name}`);
  if (!validate) throw new Error(`no webhook schema ${name}`);
  if (validate(payload)) return [];
  return (validate.errors ?? []).slice(0, 20).map((e) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword}`);
}
