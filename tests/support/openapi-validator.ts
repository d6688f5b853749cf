import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

/**
 * Validates bodies against Okta's own OpenAPI description (shared/okta-openapi/
 * management-minimal.yaml), so the simulator's responses and the product's request bodies are
 * checked against the same contract the real Okta publishes.
 *
 * The spec needs three adjustments before ajv can use it:
 * - `example`/`examples` are dropped: 11 dangling $refs live in examples, and examples are not
 *   schema anyway;
 * - OpenAPI 3.0 `nullable: true` becomes a JSON-Schema type union (`["string", "null"]`) or an
 *   `anyOf` with `{type: "null"}` when the schema has no `type`;
 * - base schemas with a `discriminator.mapping` and no oneOf (Application, ApplicationFeature,
 *   ...) become "base + if signOnMode == X then SamlApplication", and the mapped subtypes'
 *   `allOf` reference to the base points at an undiscriminated copy (otherwise the allOf
 *   recursion would never end).
 *
 * Usage: `const spec = await loadOktaSpec(); if (spec) validateResponse(spec, 'getApplication', 200, body)`.
 */

// ajv and ajv-formats are CJS packages whose default export differs between bundlers and ESM.
const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule) as typeof AjvModule;
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;

type Json = Record<string, unknown>;

interface Operation {
  method: string;
  path: string;
  op: Json;
}

export interface OktaSpec {
  /** "Okta Admin Management API <version>" */
  title: string;
  version: string;
  operations: Map<string, Operation>;
  /** Raw (untransformed) document, for `components.responses` lookups. */
  doc: Json;
  ajv: InstanceType<typeof AjvModule>;
  cache: Map<string, ValidateFunction>;
}

const ROOT_ID = 'okta-management.json';

/** Project-root-relative location: <root>/../shared/okta-openapi/management-minimal.yaml. */
export const OKTA_SPEC_PATH = fileURLToPath(new URL('../../../shared/okta-openapi/management-minimal.yaml', import.meta.url));

let loading: Promise<OktaSpec | null> | undefined;

/** Loads and prepares the spec once per process; null when the file is absent. */
export function loadOktaSpec(specPath: string = process.env.OKTA_OPENAPI_SPEC ?? OKTA_SPEC_PATH): Promise<OktaSpec | null> {
  if (specPath === OKTA_SPEC_PATH || specPath === process.env.OKTA_OPENAPI_SPEC) {
    loading ??= load(specPath);
    return loading;
  }
  return load(specPath);
}

async function load(specPath: string): Promise<OktaSpec | null> {
  let text: string;
  try {
    text = await readFile(specPath, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const doc = parse(text, { maxAliasCount: -1 }) as Json;
  const components = (doc.components ?? {}) as Json;
  const schemas = prepareSchemas((components.schemas ?? {}) as Record<string, Json>);

  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, logger: false });
  addFormats(ajv);
  ajv.addSchema({ $id: ROOT_ID, components: { schemas } });

  const operations = new Map<string, Operation>();
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    for (const [method, op] of Object.entries(item)) {
      if (op && typeof op === 'object' && typeof (op as Json).operationId === 'string') {
        operations.set((op as Json).operationId as string, { method: method.toUpperCase(), path, op: op as Json });
      }
    }
  }
  const info = (doc.info ?? {}) as Json;
  return { title: String(info.title ?? ''), version: String(info.version ?? ''), operations, doc, ajv, cache: new Map() };
}

/** Errors (empty when valid) for a response body of `operationId` with HTTP `status`. */
export function validateResponse(spec: OktaSpec, operationId: string, status: number, body: unknown): string[] {
  const op = spec.operations.get(operationId);
  if (!op) return [`unknown operationId ${operationId}`];
  const responses = (op.op.responses ?? {}) as Record<string, Json>;
  let response = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
  if (!response) return [`${operationId}: status ${status} is not documented (documented: ${Object.keys(responses).join(', ')})`];
  response = deref(spec, response);
  const content = response.content as Record<string, Json> | undefined;
  if (!content || Object.keys(content).length === 0) {
    const empty = body === undefined || body === null || body === '' || (typeof body === 'object' && Object.keys(body as object).length === 0);
    return empty ? [] : [`${operationId} ${status}: no body is documented, got ${JSON.stringify(body).slice(0, 80)}`];
  }
  const media = content['application/json'] ?? Object.values(content)[0]!;
  if (!media.schema) return [];
  return run(spec, `${operationId}:${status}`, media.schema as Json, body);
}

/** Errors (empty when valid) for a request body sent to `operationId`. */
export function validateRequestBody(spec: OktaSpec, operationId: string, body: unknown): string[] {
  const op = spec.operations.get(operationId);
  if (!op) return [`unknown operationId ${operationId}`];
  const requestBody = op.op.requestBody ? deref(spec, op.op.requestBody as Json) : undefined;
  if (!requestBody) return body === undefined ? [] : [`${operationId}: no request body is documented`];
  const content = (requestBody.content ?? {}) as Record<string, Json>;
  const media = content['application/json'] ?? Object.values(content)[0];
  if (!media?.schema) return [];
  return run(spec, `${operationId}:request`, media.schema as Json, body);
}

/**
 * Errors for `body` against a named component schema (e.g. "Error", "AppUser"). Useful for
 * statuses an operation does not document although Okta sends them (401 on most operations,
 * 400 on some business-rule refusals).
 */
export function validateSchema(spec: OktaSpec, schemaName: string, body: unknown): string[] {
  if (!(spec.doc.components as Json | undefined)?.schemas || !((spec.doc.components as Json).schemas as Json)[schemaName]) {
    return [`unknown schema ${schemaName}`];
  }
  return run(spec, `schema:${schemaName}`, { $ref: `#/components/schemas/${schemaName}` }, body);
}

function run(spec: OktaSpec, key: string, schema: Json, body: unknown): string[] {
  let validate = spec.cache.get(key);
  if (!validate) {
    validate = spec.ajv.compile(transform(schema) as Json);
    spec.cache.set(key, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map(formatError);
}

function formatError(e: ErrorObject): string {
  const where = e.instancePath || '(root)';
  const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as Json).additionalProperty)})` : e.keyword === 'enum' ? ` ${JSON.stringify((e.params as Json).allowedValues)}` : '';
  return `${where} ${e.message ?? e.keyword}${extra}`;
}

/** Follows a `#/components/...` $ref in the raw document (responses, requestBodies). */
function deref(spec: OktaSpec, node: Json): Json {
  let cur = node;
  for (let i = 0; i < 10 && typeof cur.$ref === 'string'; i++) {
    const parts = (cur.$ref as string).replace(/^#\//, '').split('/');
    let target: unknown = spec.doc;
    for (const p of parts) target = (target as Json | undefined)?.[p];
    if (!target || typeof target !== 'object') break;
    cur = target as Json;
  }
  return cur;
}

const DROP = new Set(['example', 'examples', 'discriminator', 'xml', 'externalDocs']);

/** Deep-copies a schema, applying the adjustments described at the top of this file. */
function transform(node: unknown, renameRef?: { from: string; to: string }): unknown {
  if (Array.isArray(node)) return node.map((n) => transform(n, renameRef));
  if (!node || typeof node !== 'object') return node;
  const src = node as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(src)) {
    if (DROP.has(k) || k === 'nullable') continue;
    if (k === '$ref' && typeof v === 'string') {
      const ref = renameRef && v === renameRef.from ? renameRef.to : v;
      out.$ref = ref.startsWith('#/components/') ? `${ROOT_ID}${ref}` : ref;
      continue;
    }
    // Property names are data, not keywords: keep "example" etc. as properties when they are.
    if (k === 'properties' && v && typeof v === 'object') {
      const props: Json = {};
      for (const [pk, pv] of Object.entries(v as Json)) props[pk] = transform(pv, renameRef);
      out.properties = props;
      continue;
    }
    out[k] = transform(v, renameRef);
  }
  if (src.nullable === true) {
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    } else if (!out.type) {
      return { anyOf: [out, { type: 'null' }] };
    }
  }
  return out;
}

function prepareSchemas(raw: Record<string, Json>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const renames = new Map<string, { from: string; to: string }>();
  // Pass 1: find discriminated bases without oneOf/anyOf and remember which subtypes extend them.
  for (const [name, schema] of Object.entries(raw)) {
    const disc = schema.discriminator as { propertyName?: string; mapping?: Record<string, string> } | undefined;
    if (!disc?.mapping || schema.oneOf || schema.anyOf) continue;
    for (const target of Object.values(disc.mapping)) {
      renames.set(target.split('/').pop()!, { from: `#/components/schemas/${name}`, to: `#/components/schemas/${name}__base` });
    }
  }
  for (const [name, schema] of Object.entries(raw)) {
    out[name] = transform(schema, renames.get(name));
    const disc = schema.discriminator as { propertyName?: string; mapping?: Record<string, string> } | undefined;
    if (!disc?.mapping || !disc.propertyName || schema.oneOf || schema.anyOf) continue;
    out[`${name}__base`] = out[name];
    const prop = disc.propertyName;
    out[name] = {
      allOf: [
        { $ref: `${ROOT_ID}#/components/schemas/${name}__base` },
        ...Object.entries(disc.mapping).map(([value, target]) => ({
          if: { properties: { [prop]: { const: value } }, required: [prop] },
          then: { $ref: `${ROOT_ID}${target}` },
        })),
      ],
    };
  }
  return out;
}
