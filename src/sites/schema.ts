/**
 * Site rules are data (STYLE rule 3): per site family, CSS selectors for the fields the generic
 * extractor gets wrong there. A rule matches by exact host or dot-suffix, and falls back to the
 * generic result field by field: a selector that finds nothing changes nothing.
 */
import { z } from 'zod';

/** One place on the page: a selector (its text), or a selector and an attribute. */
const PlaceSchema = z.union([z.string().min(1), z.object({ selector: z.string().min(1), attribute: z.string().min(1) }).strict()]);
/** Where a field's text is: one place, or places tried in order. `null`: the site never shows it. */
const FieldSchema = z.union([PlaceSchema, z.array(PlaceSchema).min(1), z.null()]);

export const SiteRuleSchema = z
  .object({
    /** A name for messages and tests. */
    name: z.string().min(1),
    /** Hosts the rule applies to: exact, or any subdomain ('gov.cn' matches 'www.fengtai.gov.cn'). */
    hosts: z
      .array(
        z
          .string()
          .min(1)
          .regex(/^[a-z0-9.-]+$/i, 'a host name such as example.com'),
      )
      .min(1),
    title: FieldSchema.optional(),
    published: FieldSchema.optional(),
    /** Each match's text is split into names (张三、李四). */
    authors: FieldSchema.optional(),
    editors: FieldSchema.optional(),
    source: FieldSchema.optional(),
    /** Each match is one crumb, or one element holding the whole trail. */
    section: FieldSchema.optional(),
    disclaimer: FieldSchema.optional(),
    /** Elements removed from the body (share bars, promos the generic chrome filter misses). */
    remove: z.array(z.string().min(1)).optional(),
  })
  .strict();

export const SiteRulesSchema = z.array(SiteRuleSchema);

export type SiteRule = z.infer<typeof SiteRuleSchema>;
export type RuleField = z.infer<typeof FieldSchema>;
export type RulePlace = z.infer<typeof PlaceSchema>;
