/** Writes schemas/setup-report.schema.json from the report model's zod schema (run after changing it). */
import { writeFileSync } from 'node:fs';
import { reportJsonSchema } from '../src/shared/review-schema';

writeFileSync(new URL('../schemas/setup-report.schema.json', import.meta.url), `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
