/**
 * What kind of page this is, where the page says so itself (schema.org types in JSON-LD or
 * microdata). The kind changes what counts as main content: a thread's main content is every
 * post, so its "comment" and "reply" boxes are the content, not boilerplate under it; a
 * product's is its description and specs, so its reviews are not; an article's is one story, so
 * a body that is a small share of the page is less likely a piece of it (extract/widen.ts).
 */
import { elementsOf } from './elements.js';
import { readJsonLd, typesOf } from './jsonld.js';

export type PageKind = 'thread' | 'product' | 'article' | 'other';

/** schema.org types that declare a discussion: a forum topic or a question with its answers. */
const THREAD_TYPES = /^(?:https?:\/\/schema\.org\/)?(DiscussionForumPosting|QAPage)$/;
/** A product, declared so: its main content is the description and specs, not the reviews under them. */
export const PRODUCT_TYPES = /^(?:https?:\/\/schema\.org\/)?(Product|ProductGroup)$/;
/** A page that declares an article is one, whatever it reviews (NewsArticle, TechArticle, ReportageNewsArticle, …). */
const ARTICLE_TYPES = /^(?:https?:\/\/schema\.org\/)?(\w*Article|BlogPosting|LiveBlogPosting|Report|Review)$/;

/** The posts of a thread as microdata marks them. */
const POST_TYPES = /^(?:https?:\/\/schema\.org\/)?(DiscussionForumPosting|Comment|Answer|Question|SocialMediaPosting)$/;

const kinds = new WeakMap<Document, PageKind>();

export function pageKind(doc: Document): PageKind {
  let kind = kinds.get(doc);
  if (kind) return kind;
  const types = [...readJsonLd(doc).flatMap(typesOf), ...elementsOf(doc).flatMap((el) => el.getAttribute('itemtype')?.split(/\s+/) ?? [])];
  const is = (re: RegExp) => types.some((t) => re.test(t));
  const article = is(ARTICLE_TYPES) || /^article$/i.test(doc.querySelector('meta[property="og:type"]')?.getAttribute('content')?.trim() ?? '');
  kind = is(THREAD_TYPES) ? 'thread' : is(PRODUCT_TYPES) && !article ? 'product' : article ? 'article' : 'other';
  kinds.set(doc, kind);
  return kind;
}

/** The elements microdata marks as posts (the opening post, replies, answers), in document order. */
export function postElements(root: Element): Element[] {
  return Array.from(root.querySelectorAll('[itemtype]')).filter((el) => POST_TYPES.test(el.getAttribute('itemtype') ?? ''));
}

/** The deepest element holding all of `els` (`root` when they share nothing below it). */
export function commonAncestor(els: readonly Element[], root: Element): Element {
  let common: Element | null = els[0] ?? root;
  for (const el of els) while (common && common !== root && !common.contains(el)) common = common.parentElement;
  return common ?? root;
}
