/** Site rules: matching, loading a user's rules file, and applying a rule to the extracted fields. */
import { readFile } from 'node:fs/promises';
import { JSDOM } from 'jsdom';
import { ArchivistError } from '../errors.js';
import { splitNames } from '../extract/bylines.js';
import { parseBreadcrumb } from '../extract/breadcrumb.js';
import { httpUrl } from '../extract/base.js';
import { findDate } from '../extract/dates.js';
import { elementsNamed } from '../extract/elements.js';
import { normalizeSpace } from '../extract/text.js';
import type { NamedLinkT } from '../schema.js';
import type { Metadata } from '../types.js';
import { BUILTIN_RULES } from './builtin.js';
import { SiteRulesSchema, type RuleField, type SiteRule } from './schema.js';

export { BUILTIN_RULES, type SiteRule };

/** Exact host or a dot-suffix: 'gov.cn' matches 'www.gov.cn' but 'x.com' never matches 'netflix.com'. */
export function hostMatches(host: string, ruleHost: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  const r = ruleHost.toLowerCase().replace(/^\./, '');
  return h === r || h.endsWith(`.${r}`);
}

/** The first rule for `url`'s host: user rules are passed first, so they win over built-in ones. */
export function ruleFor(url: URL | undefined, rules: SiteRule[]): SiteRule | null {
  if (!url) return null;
  return rules.find((r) => r.hosts.some((h) => hostMatches(url.hostname, h))) ?? null;
}

/**
 * The rule for a page: by the address it was fetched from or given with (`url`), else by the one
 * it says it came from (savedFromUrl). Asked once a page, as it is read (pipeline.ts siteRuleOf):
 * a page this gives a rule is read as jsdom, whose selectors the rule's are.
 */
export function ruleForPage(url: URL | undefined, doc: Document, html: string, rules: SiteRule[]): SiteRule | null {
  return ruleFor(url ?? savedFromUrl(doc, html), rules);
}

/** Validates rules data (parsed JSON), checking every selector parses. Throws E_RULES naming the bad rule. */
export function validateRules(data: unknown, origin = 'rules'): SiteRule[] {
  const parsed = SiteRulesSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ArchivistError('E_RULES', `${origin}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  // A scratch document only to let the selector engine judge each selector; closed below (jsdom keeps windows alive).
  const { window } = new JSDOM('');
  const doc = window.document;
  try {
    parsed.data.forEach((rule, i) => {
      const selectors = [...(rule.remove ?? [])];
      for (const k of ['title', 'published', 'authors', 'editors', 'source', 'section', 'disclaimer'] as const) {
        const f = rule[k];
        for (const place of f === null || f === undefined ? [] : Array.isArray(f) ? f : [f]) selectors.push(typeof place === 'string' ? place : place.selector);
      }
      for (const sel of selectors) {
        try {
          doc.querySelector(sel);
        } catch {
          throw new ArchivistError('E_RULES', `${origin}: ${i}.${rule.name}: invalid CSS selector "${sel}"`);
        }
      }
    });
  } finally {
    window.close();
  }
  return parsed.data;
}

/** Reads and validates a `--rules` JSON file: an array of rules, or {"rules": [...]}. */
export async function loadRulesFile(path: string): Promise<SiteRule[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new ArchivistError('E_RULES', `cannot read rules file ${path}: ${(cause as Error).message}`, { cause });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new ArchivistError('E_RULES', `${path}: not valid JSON: ${(cause as Error).message}`, { cause });
  }
  if (data && typeof data === 'object' && !Array.isArray(data) && 'rules' in data) data = (data as { rules: unknown }).rules;
  return validateRules(data, path);
}

function texts(doc: Document, field: Exclude<RuleField, null>): string[] {
  for (const place of Array.isArray(field) ? field : [field]) {
    const selector = typeof place === 'string' ? place : place.selector;
    const found = Array.from(doc.querySelectorAll(selector))
      .map((el) => normalizeSpace((typeof place === 'string' ? el.textContent : el.getAttribute(place.attribute)) ?? ''))
      .filter(Boolean);
    if (found.length) return found;
  }
  return [];
}

export interface RuleOutput {
  source: NamedLinkT | null;
  disclaimer: string | null;
}

/**
 * Applies `rule` over the generic results, field by field: a field the rule names and the page
 * has replaces the generic value; `null` empties it; anything else keeps the generic value.
 */
export function applyRule(rule: SiteRule, doc: Document, m: Metadata, out: RuleOutput, zone: string | null): void {
  const pick = (f: RuleField | undefined): string[] | null | undefined => (f === undefined ? undefined : f === null ? null : texts(doc, f));
  const title = pick(rule.title);
  if (title?.[0]) m.title = title[0];
  const published = pick(rule.published);
  if (published === null) m.published = null;
  else if (published?.[0]) m.published = findDate(published[0], zone)?.iso ?? m.published;
  const authors = pick(rule.authors);
  if (authors === null) m.authors = [];
  else if (authors?.length) m.authors = [...new Set(authors.flatMap(splitNames))];
  const editors = pick(rule.editors);
  if (editors === null) m.editors = [];
  else if (editors?.length) m.editors = [...new Set(editors.flatMap(splitNames))];
  const source = pick(rule.source);
  if (source === null) out.source = null;
  else if (source?.[0]) out.source = { name: source[0], url: out.source?.url ?? null };
  const section = pick(rule.section);
  if (section === null) m.section = [];
  else if (section?.length) m.section = section.length === 1 ? parseBreadcrumb(section[0]!, { title: m.title }) : section;
  const disclaimer = pick(rule.disclaimer);
  if (disclaimer === null) out.disclaimer = null;
  else if (disclaimer?.length) out.disclaimer = disclaimer.join('\n');
}

/** The page without the rule's `remove` elements: a copy when there are any, else the page itself (unchanged). */
export function withRemovals(rule: SiteRule | null, doc: Document): Document {
  if (!rule?.remove?.length) return doc;
  const copy = doc.cloneNode(true) as Document;
  for (const sel of rule.remove) for (const el of Array.from(copy.querySelectorAll(sel))) el.remove();
  return copy;
}

/**
 * The address a saved page came from, when no --url was given: the leading
 * `<!-- saved from url=(0058)https://… -->` (or bare `<!--https://…-->`) that browsers and
 * crawlers write, else the page's canonical link or og:url. Used to pick a site rule only.
 */
export function savedFromUrl(doc: Document, html: string): URL | undefined {
  const m = /^\s*(?:<!DOCTYPE[^>]*>\s*)?<!--\s*(?:saved from url=\(\d+\))?\s*(https?:\/\/[^\s>]+?)\s*-->/i.exec(html.slice(0, 2048));
  // From the page's element list: a selector query each walked the whole page (0.7 ms), on every page given without --url.
  const first = (name: string, attr: string, value: string) => elementsNamed(doc, name).find((el) => el.getAttribute(attr) === value);
  const candidates = [m?.[1], first('link', 'rel', 'canonical')?.getAttribute('href'), first('meta', 'property', 'og:url')?.getAttribute('content')];
  for (const c of candidates) {
    const u = httpUrl(c);
    if (u) return u;
  }
  return undefined;
}
