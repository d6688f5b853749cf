import { readFileSync } from 'node:fs';
import Ajv2020Module from 'ajv/dist/2020.js';

// ajv is a CJS package whose default export differs between bundlers and ESM.
const Ajv2020 = ((Ajv2020Module as unknown as { default?: typeof Ajv2020Module }).default ?? Ajv2020Module) as typeof Ajv2020Module;

export const REPORT_SCHEMA_FILE = new URL('../../schemas/setup-report.schema.json', import.meta.url);

/** Validates a report JSON text against the committed JSON Schema; returns ajv's errors (empty when valid). */
export function reportSchemaErrors(json: string): string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync(REPORT_SCHEMA_FILE, 'utf8')) as object);
  return validate(JSON.parse(json)) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
