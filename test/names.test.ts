import { describe, expect, it } from 'vitest';
import { bylineFromLine, checkName, namesFrom } from '../src/extract/names.js';
import { normalizeLanguage } from '../src/extract/language.js';

const ctx = { siteNames: ['Harbour Gazette'], host: 'www.harbour-gazette.example.com' };
const names = (text: string) =>
  namesFrom(text, ctx)
    .filter((n) => !n.handle)
    .map((n) => n.name);

describe('the author validity check', () => {
  it.each([
    // outlets, the site, agencies
    ['BBC News', []],
    ['Al Jazeera', []],
    ['FOCUS Online', []],
    ['Deutsche Welle (www.dw.com)', []],
    ['Harbour Gazette', []],
    // credentials and roles come off; the name stays
    ['Dylan Bailey, MS, RD, FAND', ['Dylan Bailey']],
    ['Jane Moor MS RDN', ['Jane Moor']],
    ['TOM KRISHER, AP Auto Writer', ['TOM KRISHER']],
    ['Linda Rosencrance Contributing Writer', ['Linda Rosencrance']],
    ['By Paul Frew, Home and Digital Security Expert', ['Paul Frew']],
    // glued spans
    ['ERIC TUCKERAssociated Press', ['ERIC TUCKER']],
    ['Jeff HoytEditor in Chief', ['Jeff Hoyt']],
    ['Luke KimDecember 5, 2024', ['Luke Kim']],
    ['A. J. NealView profile', ['A. J. Neal']],
    ['The', []],
    ['By Clay JonesMar 14, 2024 34 min read', ['Clay Jones']],
    // one word cut out of a longer text is no name
    ['This article was written by our team', []],
    // an HTML entity left in JSON-LD is the character it names, not a place to cut the name
    ['Redacci&oacute;n Diario Harbour', []],
    ['Jos&eacute; P&eacute;rez', ['José Pérez']],
    // a schema.org type or a desk where the name goes
    ['Article', []],
    ['Staff', []],
    ['Redacción', []],
    // prefixes in the corpora's languages
    ['Von FOCUS-Online-Experte Max Muster', ['Max Muster']],
    ['geschrieben von Anna Schmidt am 3. März 2021', ['Anna Schmidt']],
    ['Par Claire Martin le 12/05/2022', ['Claire Martin']],
    ['di Marco Rossi', ['Marco Rossi']],
    ['Por Lucía Gómez', ['Lucía Gómez']],
    ['Posted by Sarah Lin on 11/01/2023', ['Sarah Lin']],
    ['View all posts by Craig Randall', ['Craig Randall']],
    ['04.02.2022 | 15:33 Uhr | Dennis Steimels', ['Dennis Steimels']],
    ['Updated January 08, 2026 Written by Meghan Neville', ['Meghan Neville']],
    // several names
    ['By Jared Newman and Sam Singleton', ['Jared Newman', 'Sam Singleton']],
    ['Lars Fischer und Alina Schadwinkel', ['Lars Fischer', 'Alina Schadwinkel']],
    // places, page furniture, markup
    ['London', []],
    ['By Jane Roe, London', ['Jane Roe']],
    ['Nürnberg', []],
    ['Germany', []],
    ['Share', []],
    ['Written By', []],
    ['size=14', []],
    ['{{ author.name }}', []],
    ['https://www.facebook.com/someone', []],
    ['阅读', []],
    ['简介', []],
    ['单位', []],
    // names that look like words
    ['Dan Pantelo', ['Dan Pantelo']],
    ['Diana Ross', ['Diana Ross']],
    ['Alexa von Heyden', ['Alexa von Heyden']],
    ['Elizabeth McCravy', ['Elizabeth McCravy']],
  ] as [string, string[]][])('%s', (input, want) => {
    expect(names(input)).toEqual(want);
  });

  it('keeps a person whose own site is named after them', () => {
    expect(checkName('Rick Steves', { siteNames: ['Rick Steves'], host: 'www.ricksteves.com' })?.name).toBe('Rick Steves');
    expect(checkName('Supermove', { siteNames: [], host: 'www.supermove.com' })).toBeNull();
  });

  it('marks a handle as one, so it is used only when the page shows no name', () => {
    expect(checkName('herrpfleger', ctx)).toEqual({ name: 'herrpfleger', handle: true });
    expect(checkName('Matthias', ctx)).toEqual({ name: 'Matthias', handle: false });
  });

  it('reads a byline line only when it opens with a byline word', () => {
    expect(bylineFromLine('Posted by Sarah Lin 11/01/2023')).toEqual(['Sarah Lin']);
    expect(bylineFromLine('Sarah Lin went hiking')).toEqual([]);
  });
});

describe('language tags', () => {
  it.each([
    ['en-us', 'en-US'],
    ['EN', 'en'],
    ['zh-cn', 'zh-CN'],
    ['zh_CN', 'zh-CN'],
    ['zh-hans-cn', 'zh-Hans-CN'],
    ['en-US,en;q=0.9', 'en-US'],
    ['{{lang}}', null],
    ['', null],
  ] as [string, string | null][])('%s', (input, want) => {
    expect(normalizeLanguage(input)).toBe(want);
  });
});
