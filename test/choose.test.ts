import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { BodyCandidate } from '../src/extract/body.js';
import { chooseBody } from '../src/extract/choose.js';

const { document } = new JSDOM('<!doctype html><body></body>').window;
const candidate = (html: string, method: BodyCandidate['method']): BodyCandidate => {
  const el = document.createElement('div');
  el.innerHTML = html;
  return { el, textLength: (el.textContent ?? '').length, method };
};

describe('chooseBody', () => {
  // A collection: cards of a name and a price, as short as the list items the second rule drops.
  const cards = ['Ridge tent', 'Dome tent', 'Tunnel tent', 'Cabin tent', 'Pop-up tent', 'Bivvy shelter', 'Tarp shelter', 'Hammock'];
  const lines = cards.map((c, i) => `<h3>${c}</h3><p>From ${120 + i * 15} euros</p>`).join('');

  it('keeps Readability’s list when the density pick is only a heading inside it', () => {
    const r = candidate(lines, 'readability');
    const d = candidate(`<h3>${cards[0]}</h3>`, 'density');
    expect(chooseBody(r, d).body).toBe(r);
  });

  it('takes the density pick when Readability adds short list items around a story', () => {
    const story = '<p>The bridge reopened on Monday after two years of repairs, and the first buses crossed it at dawn.</p>'.repeat(3);
    const r = candidate(`${story}<p>Ferry news</p><p>Market news</p><p>Weather</p>`, 'readability');
    const d = candidate(story, 'density');
    expect(chooseBody(r, d)).toMatchObject({ body: d, rule: 'list-around-density' });
  });
});
