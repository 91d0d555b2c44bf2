/** `npm run rules:schema`: JSON Schemas for rule files, so editors validate them as people type. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { Guide, Provider, RulePack } from '../rules/schema';
import { RULES_DIR } from './rule-files';

const outDir = join(RULES_DIR, 'schema');
mkdirSync(outDir, { recursive: true });
for (const [name, schema] of [
  ['provider', Provider],
  ['guide', Guide],
  ['rule-pack', RulePack],
] as const) {
  const jsonSchema = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
  const path = join(outDir, `${name}.schema.json`);
  writeFileSync(path, `${JSON.stringify(jsonSchema, null, 2)}\n`);
  console.log(`wrote ${path}`);
}
