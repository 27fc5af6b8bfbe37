/** Rewrites schema/article.schema.json from the zod schema (`npm run schema:update`); test/json-schema.test.ts fails until it is run. */
import { writeFileSync } from 'node:fs';
import { articleJsonSchemaText } from '../src/render/json-schema.js';

writeFileSync(new URL('../schema/article.schema.json', import.meta.url), articleJsonSchemaText());
