import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { pageExtent, widerRegion } from '../src/extract/widen.js';

const sentence = (i: number) => `<p>Section ${i} tells visitors what the studio does for paper, books and photographs in plain words.</p>`;
const page = (body: string) => new JSDOM(`<!doctype html><body>${body}</body>`).window.document;
const pick = (doc: Document, selector: string) => {
  const el = doc.querySelector(selector)!;
  return { el, textLength: (el.textContent ?? '').replace(/\s+/g, ' ').trim().length };
};

describe('widerRegion', () => {
  const sections = Array.from({ length: 6 }, (_, i) => `<section id="s${i}">${sentence(i)}</section>`).join('');

  it('widens a pick that is one section of six to the whole page', () => {
    const doc = page(sections);
    expect(widerRegion(pick(doc, '#s0'), pageExtent(doc), 'other')).toBe('page');
  });

  it('widens to <main> when the page has one that holds more than the pick', () => {
    const doc = page(`<main>${sections}</main><aside>${sentence(9)}</aside>`);
    expect(widerRegion(pick(doc, '#s0'), pageExtent(doc), 'other')).toBe('main');
  });

  it('keeps a pick that holds most of the page', () => {
    const doc = page(`<article id="a">${sections}</article>${sentence(9)}`);
    expect(widerRegion(pick(doc, '#a'), pageExtent(doc), 'other')).toBeNull();
  });

  it('keeps a declared article’s pick unless it is a sliver of the page', () => {
    const doc = page(sections);
    expect(widerRegion(pick(doc, '#s0'), pageExtent(doc), 'article')).toBeNull();
    const long = page(`<div id="teaser">${sentence(0)}</div>${Array.from({ length: 12 }, (_, i) => sentence(i)).join('')}`);
    expect(widerRegion(pick(long, '#teaser'), pageExtent(long), 'article')).toBe('page');
  });

  it('keeps a story whose page around it is mostly links (a portal’s related lists)', () => {
    const links = Array.from({ length: 30 }, (_, i) => `<li><a href="/n/${i}">Another headline from the portal, number ${i}</a></li>`).join('');
    const doc = page(`<div id="story">${sentence(0)}${sentence(1)}</div><ul>${links}</ul>`);
    expect(widerRegion(pick(doc, '#story'), pageExtent(doc), 'other')).toBeNull();
  });

  it('widens a listing whose items are half links (titles) when prose sits between them', () => {
    const items = Array.from(
      { length: 8 },
      (_, i) =>
        `<div><h2><a href="/p/${i}">A longer linked title for post number ${i} of the blog, with its subtitle after a comma, as blogs write them</a></h2>${sentence(i)}</div>`,
    ).join('');
    const doc = page(`<div id="lede">${sentence(9)}</div>${items}`);
    expect(widerRegion(pick(doc, '#lede'), pageExtent(doc), 'other')).toBe('page');
  });

  it('keeps the pick when widening would add only a line or two', () => {
    const doc = page(`<div id="p">${sentence(0)}</div><p>Open Monday to Friday.</p><p>Call us.</p>`);
    expect(widerRegion(pick(doc, '#p'), pageExtent(doc), 'other')).toBeNull();
  });

  it('takes the page when no body was found at all', () => {
    const doc = page(sections);
    expect(widerRegion(null, pageExtent(doc), 'other')).toBe('page');
  });
});
