import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { BREADCRUMB_SELECTOR, firstBreadcrumbElement } from '../src/extract/breadcrumb.js';

/** Hand-written checks that replace selector matching for speed must pick what the selector picks. */
describe('firstBreadcrumbElement', () => {
  it.each([
    '<div class="x"><nav aria-label="Breadcrumb">a</nav><div class="crumbs">b</div></div>',
    '<div class="BreadCrumb-bar">a</div><nav aria-label="breadcrumb">b</nav>',
    '<p id="page-BREADCRUMB">a</p><div class="crumb">b</div>',
    '<ol itemtype="https://schema.org/BreadcrumbList">a</ol>',
    '<ol itemtype="https://schema.org/breadcrumblist">a</ol><div aria-label="breadcrumb">b</div>',
    '<div class="nav"><span id="crumb">id crumb alone does not count</span></div>',
    '<p>no breadcrumb at all</p>',
  ])('%s', (html) => {
    const doc = new JSDOM(`<body>${html}</body>`).window.document;
    expect(firstBreadcrumbElement(doc) === doc.querySelector(BREADCRUMB_SELECTOR)).toBe(true);
  });
});

describe('firstBreadcrumbElement, attribute case', () => {
  it('ignores case in attribute values as nwsapi does in HTML documents', () => {
    const doc = new JSDOM('<body><p>x</p><ol itemtype="https://schema.org/breadcrumblist">a</ol></body>').window.document;
    const el = firstBreadcrumbElement(doc);
    expect(el?.tagName).toBe('OL');
    expect(el === doc.querySelector(BREADCRUMB_SELECTOR)).toBe(true);
  });
});
