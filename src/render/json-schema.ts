import { z } from 'zod';
import { ArticleSchema } from '../schema.js';

/**
 * The output's JSON Schema (draft 2020-12), generated from the zod schema so the two cannot
 * drift: the same text is shipped as schema/article.schema.json (test/json-schema.test.ts keeps
 * the file in sync) and printed by `archivist schema`.
 */
export function articleJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(ArticleSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: 'archivist article',
    description: 'One archived article as archivist writes it in JSON (--format json); the Markdown front matter holds a subset of these fields.',
    ...rest,
  };
}

/** The schema as the file holds it: two-space JSON with a final newline. */
export function articleJsonSchemaText(): string {
  return `${JSON.stringify(articleJsonSchema(), null, 2)}\n`;
}
