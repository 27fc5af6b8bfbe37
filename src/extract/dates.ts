/** Date parsing for the formats news pages use, normalised to ISO 8601 at the precision the page gives. */

export interface ParsedDate {
  /** ISO 8601: YYYY-MM-DD, or YYYY-MM-DDTHH:MM[:SS][offset]. */
  iso: string;
  /** True when a time was given without a zone and a default zone was applied. */
  zoneAssumed: boolean;
}

const pad = (n: number | string) => String(n).padStart(2, '0');

/** Years outside this range are typos, copyright footers of far-off sites, or IDs. */
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12 };

function valid(y: number, m: number, d: number): boolean {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function zone(z: string | undefined): string | null {
  if (!z) return null;
  if (/^z$/i.test(z) || /^(utc|gmt)$/i.test(z)) return 'Z';
  const m = /^(?:utc|gmt)?\s*([+-])(\d{1,2}):?(\d{2})?$/i.exec(z.trim());
  if (m) return `${m[1]}${pad(m[2]!)}:${m[3] ?? '00'}`;
  return null;
}

/**
 * Parses one date string. `defaultZone` (e.g. '+08:00' on Chinese pages) is applied to times
 * without a zone, and flagged. Returns null for anything not clearly a date.
 */
export function parseDate(input: string, defaultZone: string | null = null): ParsedDate | null {
  const s = input.trim().replace(/\s+/g, ' ');
  let y: number, mo: number, d: number;
  let rest = '';
  let m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(.*)$/.exec(s) ??
    /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?$/.exec(s);
  if (m && m[0].match(/^\d{8}/)) {
    y = +m[1]!; mo = +m[2]!; d = +m[3]!;
    rest = m[4] ? ` ${m[4]}:${m[5]}${m[6] ? ':' + m[6] : ''}` : '';
  } else if (m) {
    y = +m[1]!; mo = +m[2]!; d = +m[3]!; rest = m[4] ?? '';
  } else if ((m = /^(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})(.*)$/i.exec(s))) {
    d = +m[1]!; mo = MONTHS[m[2]!.slice(0, 4).toLowerCase()] ?? MONTHS[m[2]!.slice(0, 3).toLowerCase()] ?? 0; y = +m[3]!; rest = m[4] ?? '';
  } else if ((m = /^(?:[a-z]+,?\s+)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(.*)$/i.exec(s))) {
    mo = MONTHS[m[1]!.slice(0, 4).toLowerCase()] ?? MONTHS[m[1]!.slice(0, 3).toLowerCase()] ?? 0; d = +m[2]!; y = +m[3]!; rest = m[4] ?? '';
  } else if ((m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(.*)$/.exec(s))) {
    // dd/mm/yyyy (European) unless the first part cannot be a day-of-month-first reading.
    const a = +m[1]!, b = +m[2]!;
    [d, mo] = b > 12 ? [b, a] : [a, b];
    y = +m[3]!; rest = m[4] ?? '';
  } else return null;
  if (!valid(y, mo, d)) return null;
  const date = `${y}-${pad(mo)}-${pad(d)}`;
  const t = /^\s*(?:T|,|at|\s)?\s*(上午|下午|晚上)?\s*(\d{1,2})\s*[:：时]\s*(\d{2})(?:\s*[:：分]\s*(\d{2})(\.\d+)?)?\s*秒?\s*(am|pm|a\.m\.|p\.m\.)?\s*(Z|[+-]\d{2}:?\d{2}|(?:UTC|GMT)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)?/i.exec(rest);
  if (!t) return { iso: date, zoneAssumed: false };
  let h = +t[2]!;
  const ampm = (t[6] ?? '').toLowerCase();
  if ((ampm.startsWith('p') || t[1] === '下午' || t[1] === '晚上') && h < 12) h += 12;
  if (ampm.startsWith('a') && h === 12) h = 0;
  if (h > 23 || +t[3]! > 59 || (t[4] && +t[4] > 59)) return { iso: date, zoneAssumed: false };
  const time = `${pad(h)}:${t[3]}${t[4] ? ':' + t[4] : ''}`;
  const z = zone(t[7]);
  if (z) return { iso: `${date}T${time}${z === 'Z' ? 'Z' : z}`, zoneAssumed: false };
  if (defaultZone) return { iso: `${date}T${time}${defaultZone}`, zoneAssumed: true };
  return { iso: `${date}T${time}`, zoneAssumed: false };
}
