import { z } from 'zod';
import { REPORT_SCHEMA_VERSION, reportModelSchema } from './review';

/** The JSON Schema of the report's JSON format, as committed in schemas/setup-report.schema.json. */
export function reportJsonSchema(): Record<string, unknown> {
  return {
    $id: `https://threatlocker-okta-console.local/schemas/setup-report-v${REPORT_SCHEMA_VERSION}.json`,
    title: 'ThreatLocker Okta Console setup report',
    ...z.toJSONSchema(reportModelSchema, { target: 'draft-2020-12' }),
  };
}
