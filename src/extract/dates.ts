/** Date parsing for the formats news pages use, normalised to ISO 8601 at the precision the page gives. */

export interface ParsedDate {
  /** ISO 8601: YYYY-MM-DD, or YYYY-MM-DDTHH:MM[:SS][offset]. */
  iso: string;
  /** True when a time was given without a zone and a default zone was applied. */
  zoneAssumed: boolean;
}

/** China Standard Time: the zone of a time printed on a Chinese page without one. */
export const CHINA_ZONE = '+08:00';

const pad = (n: number | string) => String(n).padStart(2, '0');

/** Years outside this range are typos, copyright footers of far-off sites, or IDs. */
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

/**
 * Month names in the corpora's languages (English, German, French, Spanish, Italian, Portuguese,
 * Dutch, Polish genitive), with the abbreviations pages print; index + 1 is the month.
 */
const MONTH_NAMES: string[][] = [
  ['january', 'jan', 'januar', 'jänner', 'jän', 'janvier', 'janv', 'enero', 'ene', 'gennaio', 'gen', 'janeiro', 'januari', 'stycznia', 'styczeń', 'sty'],
  ['february', 'feb', 'februar', 'feber', 'février', 'févr', 'fév', 'febrero', 'febbraio', 'fevereiro', 'fev', 'februari', 'lutego', 'luty', 'lut'],
  ['march', 'mar', 'märz', 'mär', 'mrz', 'mars', 'marzo', 'março', 'maart', 'marca', 'marzec'],
  ['april', 'apr', 'avril', 'avr', 'abril', 'abr', 'aprile', 'kwietnia', 'kwiecień', 'kwi'],
  ['may', 'mai', 'mayo', 'maggio', 'mag', 'maio', 'mei', 'maja', 'maj'],
  ['june', 'jun', 'juni', 'juin', 'junio', 'giugno', 'giu', 'junho', 'czerwca', 'czerwiec', 'cze'],
  ['july', 'jul', 'juli', 'juillet', 'juil', 'julio', 'luglio', 'lug', 'julho', 'lipca', 'lipiec', 'lip'],
  ['august', 'aug', 'août', 'agosto', 'ago', 'augustus', 'sierpnia', 'sierpień', 'sie'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'setiembre', 'settembre', 'set', 'setembro', 'września', 'wrzesień', 'wrz'],
  ['october', 'oct', 'oktober', 'okt', 'octobre', 'octubre', 'ottobre', 'ott', 'outubro', 'out', 'października', 'październik', 'paź'],
  ['november', 'nov', 'novembre', 'noviembre', 'novembro', 'listopada', 'listopad', 'lis'],
  ['december', 'dec', 'dezember', 'dez', 'décembre', 'déc', 'diciembre', 'dic', 'dicembre', 'dezembro', 'grudnia', 'grudzień', 'gru'],
];
const MONTHS: Record<string, number> = Object.fromEntries(MONTH_NAMES.flatMap((names, i) => names.map((n) => [n, i + 1])));
/** Longest first, so "juni" is not read as "jun" + "i". A name ends at a non-letter. */
const MONTH_NAME = `(${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})(?![\\p{L}])`;

/** Zone abbreviations news sites print after a time. CST is left out: China and US Central both use it. */
const ZONE_ABBR: Record<string, string> = {
  UTC: 'Z',
  GMT: 'Z',
  Z: 'Z',
  EST: '-05:00',
  EDT: '-04:00',
  CDT: '-05:00',
  MST: '-07:00',
  MDT: '-06:00',
  PST: '-08:00',
  PDT: '-07:00',
  BST: '+01:00',
  CET: '+01:00',
  CEST: '+02:00',
  EET: '+02:00',
  EEST: '+03:00',
  JST: '+09:00',
  KST: '+09:00',
  HKT: '+08:00',
  SGT: '+08:00',
  IST: '+05:30',
  北京时间: CHINA_ZONE,
};

function valid(y: number, m: number, d: number): boolean {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function zone(z: string | undefined): string | null {
  if (!z) return null;
  const t = z.trim().replace(/^\(|\)$/g, '');
  const abbr = ZONE_ABBR[t.toUpperCase()] ?? ZONE_ABBR[t];
  if (abbr) return abbr;
  const m = /^(?:utc|gmt)?\s*([+-])(\d{1,2}):?(\d{2})?$/i.exec(t);
  if (m) return `${m[1]}${pad(m[2]!)}:${m[3] ?? '00'}`;
  return null;
}

const monthOf = (name: string) => MONTHS[name.toLowerCase()] ?? 0;

/** A time after a date: 10:20, 10:20:30.5, 10时20分, 下午3:05, 3:05 pm, with an optional zone. */
const TIME =
  /^\s*(?:T|,|at|\s|-|星期.|周.)*\s*(上午|下午|晚上|凌晨|中午)?\s*(\d{1,2})\s*[:：时]\s*(\d{2})(?:\s*[:：分]\s*(\d{2})(\.\d+)?)?\s*[秒分]?\s*(am|pm|a\.m\.|p\.m\.)?\s*(Z|[+-]\d{2}:?\d{2}|\(?(?:UTC|GMT)\s*[+-]\d{1,2}(?::?\d{2})?\)?|\(?[A-Z]{2,4}T?\)?(?![a-z])|北京时间|UTC|GMT)?/i;

interface DateParts {
  y: number;
  mo: number;
  d: number;
  rest: string;
}

/** 13 July 2024, Sat, 13 Jul 2024 10:20:00 GMT, 13. Juli 2024, 13 de julio de 2024 */
const DAY_MONTH_YEAR = new RegExp(
  `^(?:\\p{L}+\\.?,?\\s+)?(\\d{1,2})(?:st|nd|rd|th|er|º)?\\.?\\s*(?:de\\s+)?${MONTH_NAME}\\.?,?\\s+(?:de\\s+)?(\\d{4})(.*)$`,
  'iu',
);
/** July 13, 2024; Saturday, July 13th, 2024 */
const MONTH_DAY_YEAR = new RegExp(`^(?:\\p{L}+\\.?,?\\s+)?${MONTH_NAME}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(.*)$`, 'iu');

/** The date part at the start of `s`, in any of the shapes news pages print. */
function dateParts(s: string, monthFirst = false): DateParts | null {
  let m: RegExpExecArray | null;
  // 2024-07-13, 2024/7/13, 2024.07.13, 2024年7月13日, 2024 07/13 (Tencent splits the year off)
  if ((m = /^(\d{4})\s*(?:[-/.年]|\s)\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*(?:日|(?!\d))(.*)$/.exec(s)))
    return { y: +m[1]!, mo: +m[2]!, d: +m[3]!, rest: m[4] ?? '' };
  // 20240713, 20240713T1020, 20240713102030
  if ((m = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?(?!\d)(.*)$/.exec(s))) {
    return { y: +m[1]!, mo: +m[2]!, d: +m[3]!, rest: m[4] ? ` ${m[4]}:${m[5]}${m[6] ? `:${m[6]}` : ''}${m[7] ?? ''}` : (m[7] ?? '') };
  }
  // 13 July 2024, Sat, 13 Jul 2024 10:20:00 GMT
  if ((m = DAY_MONTH_YEAR.exec(s))) {
    return { y: +m[3]!, mo: monthOf(m[2]!), d: +m[1]!, rest: m[4] ?? '' };
  }
  // July 13, 2024; Saturday, July 13th, 2024
  if ((m = MONTH_DAY_YEAR.exec(s))) {
    return { y: +m[3]!, mo: monthOf(m[1]!), d: +m[2]!, rest: m[4] ?? '' };
  }
  // 13/07/2024 or 13.07.2024: day first (Europe, Asia) unless the page's locale writes the month first (en-US:
  // 07/13/2024); either way the order that makes a valid date wins. Dots and dashes are always day first.
  if ((m = /^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*[/.-]\s*(\d{4})(.*)$/.exec(s))) {
    const a = +m[1]!,
      b = +m[3]!;
    const mdy = monthFirst && m[2] === '/';
    const [d, mo] = b > 12 ? [b, a] : a > 12 ? [a, b] : mdy ? [b, a] : [a, b];
    return { y: +m[4]!, mo, d, rest: m[5] ?? '' };
  }
  return null;
}

/**
 * Parses one date string. `defaultZone` (e.g. '+08:00' on Chinese pages) is applied to times
 * without a zone, and flagged. Returns null for anything not clearly a date.
 */
export function parseDate(input: string, defaultZone: string | null = null, monthFirst = false): ParsedDate | null {
  const s = input
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/^(?:星期.|周.)\s*/, '');
  if (/^\d{10}(\d{3})?$/.test(s)) return fromEpoch(+s.slice(0, 10), defaultZone);
  const p = dateParts(s, monthFirst);
  if (!p || !valid(p.y, p.mo, p.d)) return null;
  return withTime(`${p.y}-${pad(p.mo)}-${pad(p.d)}`, p.rest, defaultZone);
}

function withTime(date: string, rest: string, defaultZone: string | null): ParsedDate {
  const t = TIME.exec(rest);
  if (!t) return { iso: date, zoneAssumed: false };
  let h = +t[2]!;
  const ampm = (t[6] ?? '').toLowerCase();
  if ((ampm.startsWith('p') || t[1] === '下午' || t[1] === '晚上') && h < 12) h += 12;
  if ((ampm.startsWith('a') || t[1] === '凌晨') && h === 12) h = 0;
  if (h > 23 || +t[3]! > 59 || (t[4] && +t[4] > 59)) return { iso: date, zoneAssumed: false };
  const time = `${pad(h)}:${t[3]}${t[4] ? `:${t[4]}` : ''}`;
  const z = zone(t[7]);
  if (z) return { iso: `${date}T${time}${z}`, zoneAssumed: false };
  if (defaultZone) return { iso: `${date}T${time}${defaultZone}`, zoneAssumed: true };
  return { iso: `${date}T${time}`, zoneAssumed: false };
}

/** Seconds since 1970 as a date-time in `zone` (default UTC): WeChat's `var ct = "1581517074"`. */
export function fromEpoch(seconds: number, zoneOffset: string | null = null): ParsedDate | null {
  if (!Number.isFinite(seconds) || seconds <= 0) return null;
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(zoneOffset ?? '');
  const offsetMin = m ? (m[1] === '-' ? -1 : 1) * (+m[2]! * 60 + +m[3]!) : 0;
  const d = new Date((seconds + offsetMin * 60) * 1000);
  const y = d.getUTCFullYear();
  if (y < MIN_YEAR || y > MAX_YEAR) return null;
  const iso = `${y}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return { iso: iso + (m ? zoneOffset : 'Z'), zoneAssumed: false };
}

/** Where a date can start inside a longer line of text. */
const DATE_START = new RegExp(
  [
    '\\d{4}\\s*[-/.年]\\s*\\d{1,2}\\s*[-/.月]\\s*\\d{1,2}',
    '\\d{4}\\s\\d{1,2}/\\d{1,2}',
    `(?:\\d{1,2}(?:st|nd|rd|th)?\\.?\\s+)?${MONTH_NAME}\\.?\\s+\\d{1,2}`,
    `\\d{1,2}(?:st|nd|rd|th|er|º)?\\.?\\s*(?:de\\s+)?${MONTH_NAME}`,
    '\\d{1,2}\\s*[/.-]\\s*\\d{1,2}\\s*[/.-]\\s*\\d{4}',
  ].join('|'),
  'giu',
);

export interface FoundDate extends ParsedDate {
  /** The text the date was read from. */
  text: string;
  /** True when the page gave a time of day. */
  hasTime: boolean;
}

/**
 * The first date inside a line of text ("发布时间:2024-07-13 来源: …", "Published July 13, 2024").
 * Years are required; see `findYearlessDate` for "07-13 10:20".
 */
export function findDate(text: string, defaultZone: string | null = null, monthFirst = false): FoundDate | null {
  DATE_START.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DATE_START.exec(text))) {
    // A date glued to more digits is an ID or a phone number, not a date.
    if (m.index > 0 && /\d/.test(text[m.index - 1]!)) continue;
    const from = text.slice(m.index, m.index + 60);
    const p = parseDate(from, defaultZone, monthFirst);
    // The date as printed, for messages: digits, separators and CJK date words only.
    if (p) return { ...p, text: (/^[\d\s\-/.:：年月日时分秒T]+/.exec(from)?.[0] ?? from).trim(), hasTime: p.iso.length > 10 };
  }
  return null;
}

/** A day-first date with dots and a two-digit year (30.10.23), as German, Polish and Czech pages print them. */
const SHORT_YEAR_DATE = /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{2})(?![\d.])/;

/**
 * A date with a two-digit year ("Party, 30.10.23"), read as 20yy. Only for text already known to be a date line
 * (a date element, a labelled date): elsewhere "3.10.23" is as likely a version number.
 */
export function findShortYearDate(text: string): FoundDate | null {
  const m = SHORT_YEAR_DATE.exec(text);
  if (!m) return null;
  const y = 2000 + +m[3]!,
    mo = +m[2]!,
    d = +m[1]!;
  if (!valid(y, mo, d)) return null;
  return { iso: `${y}-${pad(mo)}-${pad(d)}`, zoneAssumed: false, text: m[0], hasTime: false };
}

/**
 * A date printed without its year ("10-08 12:00", "18-03-08 23:16") completed from `yearOf`,
 * a full date known from elsewhere on the page (meta tags, the URL) that falls on the same day.
 */
export function findYearlessDate(text: string, known: string | null, defaultZone: string | null = null): FoundDate | null {
  const m = /(?<!\d)(?:(\d{2})-)?(\d{1,2})-(\d{1,2})\s+(\d{1,2}:\d{2}(?::\d{2})?)(?!\d)/.exec(text);
  if (!m) return null;
  const mo = +m[2]!,
    d = +m[3]!;
  let y: number | null = m[1] ? 2000 + +m[1] : null;
  if (known && /^\d{4}-\d{2}-\d{2}/.test(known)) {
    const [ky, km, kd] = known.slice(0, 10).split('-').map(Number) as [number, number, number];
    if (km === mo && kd === d && (y === null || y === ky)) y = ky;
    else if (y === null) return null;
  }
  if (y === null || !valid(y, mo, d)) return null;
  const p = withTime(`${y}-${pad(mo)}-${pad(d)}`, ` ${m[4]}`, defaultZone);
  return { ...p, text: m[0], hasTime: true };
}

/** A date in the article's address: /2024-07/13/, /20240713/, /2024/07/13/, /201907/t20190713_1.html. */
export function dateFromUrl(url: string): string | null {
  const patterns = [
    /\/((?:19|20)\d{2})[-_/]?(\d{2})[-_/](\d{2})(?=[/_.-])/,
    /\/((?:19|20)\d{2})(\d{2})(\d{2})(?=[/_.-]|\d{2,6}[/_.])/,
    /\/t((?:19|20)\d{2})(\d{2})(\d{2})_/,
    /[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?=\d{0,8}[._/-])/,
  ];
  for (const re of patterns) {
    const m = re.exec(url);
    if (m && valid(+m[1]!, +m[2]!, +m[3]!)) return `${m[1]}-${m[2]}-${m[3]}`;
  }
  return null;
}
