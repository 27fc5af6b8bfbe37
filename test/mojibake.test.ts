import { describe, expect, it } from 'vitest';
import { decode } from '../src/load/decode.js';
import { repairMojibake } from '../src/load/mojibake.js';

const fixed = (s: string) => repairMojibake(s);

describe('repairMojibake', () => {
  it('reads UTF-8 that was read as Latin-1 or windows-1252 back as the characters it encodes', () => {
    expect(fixed('itertools \u00e2\u0080\u0094 Functions')).toBe('itertools — Functions');
    expect(fixed('â€œquotedâ€\u009d and â€™')).toBe('“quoted” and ’');
    expect(fixed('cafÃ© und Ã¼ber 20Â°C')).toBe('café und über 20°C');
    expect(fixed('ðŸ˜€ smile')).toBe('😀 smile');
  });

  it('repairs the same garbling written as character references, and leaves other references as written', () => {
    expect(fixed('isn&acirc;&euro;&trade;t, sites&acirc;&euro;&rdquo;it')).toBe('isn’t, sites—it');
    expect(fixed('caf&Atilde;&copy; &#226;&#128;&#156;x&#xE2;&#x80;&#x9D;')).toBe('café “x”');
    expect(fixed('&Acirc;&nbsp;&amp;')).toBe('\u00a0&amp;');
    expect(fixed('isn&acirc;&euro;&trade;t&acirc;&euro;&trade;&acirc;&euro;&rdquo;&Atilde;&copy;')).toBe('isn’t’—é');
    for (const s of ['&acirc;ge &amp; cie', 'cr&egrave;me br&ucirc;l&eacute;e', '&Acirc;ge&lt;', '&acirc;&amp;&lt;']) expect(fixed(s)).toBe(s);
  });

  it('gives a lone C1 control its windows-1252 character, and drops the five it leaves undefined', () => {
    expect(fixed('we\u0092re \u0095 x\u0081y')).toBe('we’re • xy');
  });

  it('leaves real text alone, French spacing and other scripts included', () => {
    for (const s of ['voilà\u00a0«\u00a0oui\u00a0»', 'été\u00a0– bien', 'São Paulo', 'Âge', '¿Qué?', 'Grüße°', 'Ça va', '中文']) expect(fixed(s)).toBe(s);
  });

  it('runs in decode, whatever the charset', () => {
    const bytes = new TextEncoder().encode('<p>we\u0092re in the cafÃ©</p>');
    expect(decode({ input: 'x', bytes, headers: { 'content-type': 'text/html; charset=utf-8' } }).text).toBe('<p>we’re in the café</p>');
  });
});
