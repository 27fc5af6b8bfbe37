import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { articleJsonSchemaText } from '../src/render/json-schema.js';
import { fakeIO } from './support/io.js';

const SHIPPED = new URL('../schema/article.schema.json', import.meta.url);

describe('the JSON Schema of the output', () => {
  it('is shipped as schema/article.schema.json, in sync with the zod schema (npm run schema:update)', () => {
    expect(readFileSync(SHIPPED, 'utf8')).toBe(articleJsonSchemaText());
  });

  it('is a valid draft 2020-12 schema that refuses what the zod schema refuses', () => {
    const schema = JSON.parse(readFileSync(SHIPPED, 'utf8')) as Record<string, unknown>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate({ schemaVersion: 1 })).toBe(false);
  });

  it('is printed by `archivist schema`', async () => {
    const io = fakeIO();
    expect(await main(['schema'], io)).toBe(0);
    expect(io.out()).toBe(articleJsonSchemaText());
  });
});
