/**
 * The one check every candidate author passes (STYLE rule 2): a byline's text is cut to its names
 * (prefixes, dates, roles, credentials and tools taken off; several names split apart), and each
 * name is kept only when it is a person's: not an outlet or the site, not a place, role or
 * credential, not page furniture or a markup fragment. A handle (`herrpfleger`) counts as a name
 * only when the page shows no other.
 */
import { BYLINE_PREFIXES, BYLINE_STOP_WORDS, CREDENTIALS, OUTLET_SUFFIXES, OUTLET_WORDS, PLACES, ROLE_WORDS, UI_WORDS } from './vocab.js';
import { normalizeSpace } from './text.js';
import { decodeEntities } from './title.js';

export interface NameContext {
  /** The site's names (og:site_name, publisher, logo) and the address's host: an author is never one of them. */
  siteNames: string[];
  host?: string;
}

export interface CheckedName {
  name: string;
  /** A user handle rather than a shown name: used only when nothing else passes. */
  handle: boolean;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const words = (list: string[]) =>
  list
    .slice()
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');
const lower = (list: string[]) => new Set(list.map((w) => w.toLowerCase()));

/** Case-sensitive on purpose: "di" and "da" open Italian bylines, and "Dan" and "Diana" open names. */
const cased = (list: string[]) =>
  list.flatMap((w) => [w, w[0]!.toUpperCase() + w.slice(1), w.replace(/(^|\s)\p{Ll}/gu, (c) => c.toUpperCase()), w.toUpperCase()]);
const PREFIX = new RegExp(
  `^\\s*(?:[|~•·–—-]\\s*)*(?:(?:${words(cased(BYLINE_PREFIXES))})(?:\\s*[:：]\\s*|\\s+)|(?:[Ww]ritten |[Pp]osted )?(?:by|By|BY|von|Von)(?=\\p{Lu}\\p{Ll}))`,
  'u',
);
/** A stop word ends the byline; matched as a whole word, in any case. */
const STOP = new RegExp(`(?:^|[\\s,;|•·(\\[])(?:${words(BYLINE_STOP_WORDS)})(?=$|[\\s:,.|])`, 'iu');
const MONTH =
  '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|dicembre|enero|febrero|abril|mayo|junio|julio|septiembre|octubre|noviembre|diciembre)';
/** A date, a time or a number: a byline ends where one starts. */
const DATE_OR_NUMBER = new RegExp(`\\d|\\b${MONTH}[a-zä]*\\.?\\s+\\d`, 'iu');
const OUTLETS = lower(OUTLET_WORDS);
const ROLES = lower(ROLE_WORDS);
const CREDS = lower(CREDENTIALS);
const UI = lower(UI_WORDS);
const PLACE = lower(PLACES);
/** Compounds that end like an organisation: Bundesverband, Online-Redaktion. */
const OUTLET_ENDING = new RegExp(`^\\p{L}{3,}(?:${OUTLET_SUFFIXES.join('|')})$`, 'u');
/** Articles an outlet's name opens with, in the corpora's languages. */
const ARTICLES = new Set(['the', 'die', 'der', 'das', 'la', 'le', 'les', 'el', 'il', 'lo', 'los', 'las', 'de', 'het']);
/** Particles inside names that are written in lower case: Alexa von Heyden, Nick van Mead, Matt De La O. */
const PARTICLES = new Set([
  'von',
  'van',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'du',
  'la',
  'le',
  'dos',
  'das',
  'do',
  'zu',
  'y',
  'e',
  'bin',
  'al',
  'el',
  'ter',
  'ten',
  "d'",
]);
/** Month names a date glued to a name opens with ("Luke KimDecember 5, 2024"). */
const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** Glued pieces a page's markup leaves when its spans lose their spaces: "ERIC TUCKERAssociated Press", "Jeff HoytEditor in Chief", "A. J. NealView profile". */
const GLUE_WORDS = new RegExp(
  `(\\p{Ll}|\\p{Lu}{2})(?=(?:${words([...ROLE_WORDS, ...OUTLET_WORDS, 'published', 'updated', 'posted', 'share', 'follow', 'associated', 'read', 'view', ...MONTH_NAMES].map((w) => w[0]!.toUpperCase() + w.slice(1)))})\\b)`,
  'gu',
);
/** Markup, code or a template left in text: `size=`, `{{ author }}`, `<b>`, an address. */
const MARKUP = /[<>{}=\\@#*_]|https?:|www\.|\.(com|de|net|org|html?)\b|page\.head|\$\{/i;
/** Longest name in characters and words. */
const MAX_NAME_CHARS = 60;
const MAX_NAME_WORDS = 5;
/** Longest CJK name: a person, a pen name or an account (bylines.ts allows as much). */
const MAX_CJK_NAME_CHARS = 10;

/** A name's words in lower case, without trailing punctuation. */
const tokens = (s: string) =>
  s
    .toLowerCase()
    .split(/\s+/)
    .map((t) => t.replace(/^[("'„“]+|[)"',.;:“”]+$/g, ''))
    .filter(Boolean);

/** Cuts a byline's text down to the part that names people: "Von FOCUS-Online-Experte Max Muster, 12.03.2024" → "Max Muster". */
export function bylineNames(text: string): string {
  // Glued words: "ClayMar 14", "Jeff HoytEditor" (three lower-case letters before, so McCravy and DeSiato stay whole).
  let s = normalizeSpace(text)
    .replace(GLUE_WORDS, '$1 ')
    .replace(/(\p{Ll}{3})(?=\p{Lu}\p{Ll}{2})/gu, '$1 ');
  // "Updated January 8, 2026 Written by Meghan Neville": a byline that opens with a date line starts again at its "by".
  if (STOP.exec(` ${s}`)?.index === 0 || /^\d/.test(s)) {
    const by = /(?<!\b(?:updated|reviewed|edited|checked|aktualisiert)\s)\b(?:written by|posted by|by|von|par|por)(?:\s+|(?=\p{Lu}\p{Ll}))/iu.exec(s);
    if (by) s = s.slice(by.index);
  }
  // A prefix may repeat or follow a label ("Autor: Von Max Muster"); a date may come first ("04.02.2022 | 15:33 Uhr | Max Muster").
  for (let i = 0; i < 3; i++) {
    const before = s;
    s = s.replace(/^(?:[\d\s.,:/|•·–—-]+(?:uhr|h|am|pm)?(?![\p{L}]))+\s*/iu, '');
    s = s.replace(PREFIX, '').replace(/^[\s|~•·:–—-]+/, '');
    // "Interview: Julia Lauter", "Fotos: …": a label before the name.
    s = s.replace(/^\p{L}{3,15}\s*:\s+(?=\p{Lu})/u, '');
    if (s === before) break;
  }
  const stop = STOP.exec(s);
  if (stop && stop.index > 0) s = s.slice(0, stop.index);
  const num = DATE_OR_NUMBER.exec(s);
  if (num && num.index > 0) s = s.slice(0, num.index);
  // A separator that is not between names ends the byline: "James Whittaker -", "Julia Steinhoff / Oktober".
  s = s.split(/\s[|•·–—]\s|\s-\s|\s+\||\//)[0]!;
  return s.replace(/[\s,;:|–—-]+$/, '').trim();
}

/** Several names in one byline: "A, B and C", "A und B", "A & B", "A; B". */
export function splitPeople(text: string): string[] {
  // "Paul Frew, Home and Digital Security Expert": a part after a comma that holds a role or an outlet word describes the name before it.
  const parts = text.split(/\s*,\s*/);
  const kept = [parts[0]!, ...parts.slice(1).filter((p) => !p.split(/[\s-]+/).some((w) => ROLES.has(w.toLowerCase()) || OUTLETS.has(w.toLowerCase())))];
  return kept
    .join(', ')
    .split(/\s*(?:;|,|&|\+|\band\b|\bund\b|\bet\b|\be\b|\by\b|\bi\b|\boraz\b)\s*/i)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** Drops credentials and roles after a name: "Dylan Bailey MS RD" → "Dylan Bailey", "Tom Krisher AP Auto Writer" → "Tom Krisher". */
function withoutTitles(name: string): string {
  const parts = name.split(/\s+/);
  while (parts.length > 1) {
    const last = parts[parts.length - 1]!.toLowerCase().replace(/[,]+$/, '');
    if (CREDS.has(last) || CREDS.has(last.replace(/\.$/, '')) || ROLES.has(last)) parts.pop();
    else break;
  }
  // A role word inside ("Tom Krisher Auto Writer"): the name is what comes before the first one.
  const i = parts.findIndex((p, k) => k >= 1 && ROLES.has(p.toLowerCase()));
  const kept = i > 0 ? parts.slice(0, i) : parts;
  // An outlet after a name of two words or more ("ERIC TUCKER Associated Press"); "FOCUS Online" is the outlet itself.
  const o = kept.findIndex((p, k) => k >= 2 && OUTLETS.has(`${p} ${kept[k + 1] ?? ''}`.toLowerCase()));
  if (o >= 2) kept.splice(o);
  // "FOCUS-Online-Experte Max Muster": a leading descriptor is kept off; "Dr. Andrew Huberman" keeps the title the page shows.
  const describes = (w: string) =>
    w
      .toLowerCase()
      .split('-')
      .some((x) => ROLES.has(x));
  while (kept.length > 1 && describes(kept[0]!)) kept.shift();
  return kept.join(' ');
}

/** The validity check for one name. Returns the name as it should be written, or null. */
export function checkName(raw: string, ctx: NameContext): CheckedName | null {
  let name = normalizeSpace(raw).replace(/^[\s"'„“(]+|[\s"'“”),.;:]+$/g, '');
  if (!name || name.length > MAX_NAME_CHARS || MARKUP.test(name) || /\d/.test(name)) return null;
  name = withoutTitles(name);
  const t = tokens(name);
  if (t.length === 0 || t.length > MAX_NAME_WORDS) return null;
  const joined = t.join(' ');
  // "The Investopedia Team", "Die Tagespresse", "LA NACION" (or "The" alone): a person's name does not open with an article.
  if (ARTICLES.has(t[0]!)) return null;
  const pieces = t.flatMap((w) => w.split('-'));
  if (UI.has(joined) || PLACE.has(joined) || CREDS.has(joined) || ROLES.has(joined)) return null;
  if (t.some((w) => OUTLETS.has(w)) || pieces.some((w) => OUTLETS.has(w) || OUTLET_ENDING.test(w)) || OUTLETS.has(joined)) return null;
  if (t.every((w) => ROLES.has(w) || CREDS.has(w) || UI.has(w))) return null;
  const folded = joined.replace(/[\s.-]+/g, '');
  for (const site of ctx.siteNames) {
    const s = site.toLowerCase().replace(/[\s.-]+/g, '');
    if (s.length < 3) continue;
    // A person's own site is named after them ("Rick Steves"): only a one-word name, or one holding more than the site's name, is the outlet.
    if (folded === s ? t.length === 1 : folded.includes(s) || (s.includes(folded) && folded.length >= 4 && t.length === 1)) return null;
  }
  if (ctx.host) {
    // The site's own name in its address: "Supermove" on supermove.com, "Finance Scout" on financescout24.de,
    // "Interscenario" on interscenar.io. A person's own site is named exactly after them ("Rick Steves" on ricksteves.com).
    const host = ctx.host.toLowerCase().replace(/^www\./, '');
    const label = host.split('.').slice(0, -1).join('').replace(/-/g, '');
    const whole = host.replace(/[.-]/g, '');
    const letters = folded.replace(/[^\p{L}]/gu, '');
    if (letters.length >= 4 && (letters === whole || (letters === label ? t.length === 1 : t.length === 1 && label.includes(letters)))) return null;
  }
  const cjk = /[\u3400-\u9fff]/.test(name);
  // A CJK name is short and holds no label or separator ("作者：未知 责任编辑：…" is a whole credit line).
  if (cjk) return name.length <= MAX_CJK_NAME_CHARS && !/[\s:：|/,，、()（）]/.test(name) ? { name, handle: false } : null;
  // Latin names: each word capitalised (or a particle), or the whole name in capitals.
  const ws = name.split(/\s+/);
  // "Matthias herrpfleger": a handle shown after the name.
  const cut = ws.findIndex((w, k) => k > 0 && /^\p{Ll}/u.test(w) && !PARTICLES.has(w.toLowerCase()));
  if (cut > 0 && ws.slice(cut).length === 1) ws.splice(cut);
  name = ws.join(' ');
  const shaped = ws.every((w, k) => /^\p{Lu}/u.test(w) || (k > 0 && PARTICLES.has(w.toLowerCase())) || /^(d'|O'|Mc|Mac)/.test(w));
  if (ws.length === 1) {
    // One word: a first name shown alone ("Matthias"), or a handle ("herrpfleger", "TurboTaxLisa").
    const handle = !/^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?$/u.test(name) && !/^\p{Lu}+$/u.test(name);
    if (name.length < 3) return null;
    return { name, handle };
  }
  if (!shaped) return null;
  return { name, handle: false };
}

/** "Dylan Ettinger Dylan Ettinger": a name printed twice (a link and its label) is one name. */
function dedupeRepeat(name: string): string {
  const w = name.split(/\s+/);
  const half = w.length / 2;
  return w.length % 2 === 0 && w.slice(0, half).join(' ') === w.slice(half).join(' ') ? w.slice(0, half).join(' ') : name;
}

/** Names from one piece of evidence: a byline's text cut to its names, each checked. */
export function namesFrom(raw: string, ctx: NameContext): CheckedName[] {
  const out: CheckedName[] = [];
  const text = decodeEntities(raw);
  // An address or an e-mail is no byline (meta author holds a Facebook page on many sites).
  if (/https?:|www\.|@|\.(com|de|net|org)\b/i.test(text)) return out;
  const cut = bylineNames(text);
  // A one-word name stands alone in its byline ("Matthias"); one word cut out of a longer text ("This article…", "Center for…") is not one.
  const whole = normalizeSpace(text)
    .replace(PREFIX, '')
    .replace(/^[\s|~•·:–—-]+|[\s|~•·:–—-]+$/g, '');
  for (const part of splitPeople(cut)) {
    if (!/\s/.test(part) && !/[\u3400-\u9fff]/.test(part) && splitPeople(cut).length === 1 && whole !== part) continue;
    const c = checkName(dedupeRepeat(part), ctx);
    if (c && !out.some((o) => o.name.toLowerCase() === c.name.toLowerCase())) out.push(c);
  }
  return out;
}

/** Longest line read as a byline of its own ("Posted by Sarah Lin 11/01/2023", "geschrieben von Anna Schmidt am 3. März 2021"). */
const MAX_BYLINE_LINE_CHARS = 100;

/** Names from a line that opens with a byline word in one of the corpora's languages; none from any other line. */
export function bylineFromLine(text: string, ctx: NameContext = { siteNames: [] }): string[] {
  const t = normalizeSpace(text);
  if (t.length > MAX_BYLINE_LINE_CHARS || !PREFIX.test(t)) return [];
  return namesFrom(t, ctx)
    .filter((n) => !n.handle)
    .map((n) => n.name);
}
