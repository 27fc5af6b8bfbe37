import { elementsNamed } from './elements.js';

/** JSON-LD blocks flattened to a list of typed nodes (@graph expanded, arrays spread). */
export type JsonLdNode = Record<string, unknown>;

const ARTICLE_TYPES =
  /^(Article|NewsArticle|BlogPosting|Report|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|ScholarlyArticle|TechArticle|WebPage|LiveBlogPosting|SocialMediaPosting|Blog)$/;

export function readJsonLd(doc: Document): JsonLdNode[] {
  const nodes: JsonLdNode[] = [];
  // Lower-cased, as nwsapi compared attribute values in HTML documents.
  for (const script of elementsNamed(doc, 'script').filter((s) => s.getAttribute('type')?.toLowerCase() === 'application/ld+json')) {
    let data: unknown;
    try {
      // Some CMSs emit raw newlines inside strings; JSON forbids them, browsers and Google accept them.
      data = JSON.parse((script.textContent ?? '').replace(/[\n\r\t]+/g, ' '));
    } catch {
      continue;
    }
    const stack = [data];
    while (stack.length) {
      const v = stack.pop();
      // A loop, not push(...v): a page's array can hold more items than a call takes arguments.
      if (Array.isArray(v)) for (const item of v) stack.push(item);
      else if (v && typeof v === 'object') {
        const o = v as JsonLdNode;
        nodes.push(o);
        if (o['@graph']) stack.push(o['@graph']);
      }
    }
  }
  return nodes;
}

/** A node's `@type` as a list of strings (it may be one string, a list, or missing). */
export function typesOf(n: JsonLdNode): string[] {
  const t = n['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

/** The node that describes the article itself, preferring specific article types over WebPage. */
export function articleNode(nodes: JsonLdNode[]): JsonLdNode | null {
  const articles = nodes.filter((n) => typesOf(n).some((t) => ARTICLE_TYPES.test(t)));
  return articles.find((n) => !typesOf(n).includes('WebPage')) ?? articles[0] ?? null;
}

export function nodeOfType(nodes: JsonLdNode[], type: string): JsonLdNode | null {
  return nodes.find((n) => typesOf(n).includes(type)) ?? null;
}

/** A string, or the `name` of an object, or each of an array of those. */
export function names(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(names);
  if (v && typeof v === 'object') {
    const name = (v as JsonLdNode).name;
    return typeof name === 'string' ? [name] : [];
  }
  return [];
}

export function str(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return str(v[0]);
  if (v && typeof v === 'object') {
    const o = v as JsonLdNode;
    return str(o.url ?? o['@id'] ?? o.name ?? null);
  }
  return null;
}
