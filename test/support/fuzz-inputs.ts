/**
 * Generated inputs for the fuzz test (test/fuzz.test.ts) and the fuzz benchmark (bench/fuzz.ts), kept with the test helpers:
 * random HTML built from the tags and attributes the pipeline cares about, raw bytes, and the
 * project's fixture pages (plus a few seeds written here) cut and mutated.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { DEFAULT_NAME_TEMPLATE, renderName } from '../../src/batch/naming.js';
import { ArchivistError, ERROR_CODES } from '../../src/errors.js';
import { safeStem } from '../../src/output.js';
import { convertPage } from '../../src/pipeline.js';
import { render } from '../../src/render/index.js';
import { ArticleSchema } from '../../src/schema.js';

const TAGS = [
  'html',
  'head',
  'body',
  'title',
  'meta',
  'link',
  'base',
  'script',
  'style',
  'noscript',
  'template',
  'article',
  'section',
  'main',
  'nav',
  'header',
  'footer',
  'aside',
  'div',
  'p',
  'span',
  'a',
  'b',
  'i',
  'em',
  'strong',
  'font',
  'u',
  'nobr',
  'h1',
  'h2',
  'h3',
  'h6',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'caption',
  'thead',
  'tbody',
  'tr',
  'td',
  'th',
  'pre',
  'code',
  'blockquote',
  'figure',
  'figcaption',
  'img',
  'picture',
  'source',
  'br',
  'hr',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'path',
  'foreignObject',
  'select',
  'option',
  'form',
  'input',
  'button',
  'textarea',
  'xmp',
  'plaintext',
  'frameset',
  'frame',
  'ruby',
  'rt',
  'rp',
  'time',
  'address',
  'details',
  'summary',
  'x-custom',
  'o:p',
];
const ATTRS = [
  'href',
  'src',
  'data-src',
  'srcset',
  'class',
  'id',
  'style',
  'onclick',
  'onerror',
  'onload',
  'alt',
  'title',
  'content',
  'property',
  'name',
  'itemprop',
  'charset',
  'http-equiv',
  'lang',
  'type',
  'datetime',
  'rel',
  'colspan',
  'rowspan',
  'xmlns',
  'xlink:href',
  'action',
  'formaction',
];
const VALUES = [
  'javascript:alert(1)',
  ' JaVaScRiPt:x',
  'data:text/html,<script>alert(1)</script>',
  'data:image/png;base64,iVBORw0KGgo=',
  'https://example.com/a.png',
  '//cdn.example.com/x.jpg',
  '/relative/path',
  '../../etc/passwd',
  'application/ld+json',
  'text/html; charset=gbk',
  'utf-8',
  'gbk',
  'shift_jis',
  'x-user-defined',
  'og:title',
  'og:site_name',
  'article:published_time',
  'author',
  'description',
  'datePublished',
  '2024-07-13T10:00:00+08:00',
  '2024-13-45T99:99',
  '0',
  '-1',
  '99999999',
  'content refresh',
  'article-body',
  'comment share sidebar',
  'a'.repeat(3000),
];
const TEXTS = [
  '&amp;',
  '&#0;',
  '&#x110000;',
  '&#xD800;',
  '&nbsp;',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '\u0000',
  '\uFFFD',
  '\u2028',
  '\u202e',
  ']]>',
  '<!--',
  '-->',
  '<',
  '>',
  '&',
  '</',
  '<!doctype html>',
  '<?xml version="1.0"?>',
  '责任编辑：张三',
  '来源：新华社',
  '免责声明：本文仅供参考，不构成投资建议。',
  '（记者 李四）',
  'By Jane Doe',
  'Updated July 13, 2024, 10:00 AM ET',
  '2024年7月13日 10:00',
  'The views expressed are the author’s own.',
  '{"@type":"NewsArticle","headline":"x"',
  '{"@context":"https://schema.org","@type":"Article","headline":"Fuzz","datePublished":"2024-07-13","author":{"name":"A"}}',
];

const text = fc.oneof(
  { weight: 3, arbitrary: fc.lorem({ maxCount: 40, mode: 'sentences' }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 2, arbitrary: fc.constantFrom(...TEXTS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);
const attribute = fc
  .tuple(
    fc.oneof(fc.constantFrom(...ATTRS), fc.string({ maxLength: 8 })),
    fc.oneof(fc.constantFrom(...VALUES), fc.string({ maxLength: 30 })),
    fc.constantFrom('"', "'", '', 'broken'),
  )
  .map(([name, value, q]) =>
    q === 'broken' ? ` ${name}="${value}` : q === '' ? ` ${name}=${value.replace(/[\s>]/g, '')}` : ` ${name}=${q}${value.split(q).join('')}${q}`,
  );

/** Random HTML: a tree of elements, some left open, some closed wrongly. */
export const randomHtml: fc.Arbitrary<string> = fc
  .letrec<{ node: string; element: string }>((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, text, tie('element')),
    element: fc
      .record({
        tag: fc.constantFrom(...TAGS),
        attrs: fc.array(attribute, { maxLength: 4 }),
        children: fc.array(tie('node'), { maxLength: 6 }),
        close: fc.constantFrom('right', 'right', 'right', 'none', 'wrong', 'self'),
        wrong: fc.constantFrom(...TAGS),
      })
      .map(({ tag, attrs, children, close, wrong }) => {
        const open = `<${tag}${attrs.join('')}${close === 'self' ? '/' : ''}>`;
        const end = close === 'right' ? `</${tag}>` : close === 'wrong' ? `</${wrong}>` : '';
        return open + children.join('') + end;
      }),
  }))
  .node.chain((body) =>
    fc
      .tuple(
        fc.constantFrom('', '<!doctype html>', '<?xml version="1.0" encoding="gbk"?>'),
        fc.constantFrom('', '<html><head><meta charset="utf-8"><title>Fuzz page</title></head><body>'),
      )
      .map(([doctype, head]) => doctype + head + body),
  );

/** Pages written for this purpose: structures the extractor branches on. Never copied from the corpus. */
const OWN_SEEDS = [
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>通知公告_某市人民政府</title><meta name="PubDate" content="2024-07-13 10:00"></head><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/tzgg/">通知公告</a></div><table width="100%"><tr><td><h1>关于开展档案整理工作的通知</h1>
<p>发布时间：2024-07-13 来源：市档案局 作者：王五</p><p>各区县、各部门：为做好档案整理工作，现将有关事项通知如下。</p><p>一、整理范围包括各类网页、公告和新闻稿件。</p>
<p>责任编辑：赵六</p></td></tr></table><div class="footer">版权所有 © 某市人民政府</div></body></html>`,
  `<!doctype html><html lang="en"><head><title>A long read | The Example Review</title><meta property="og:site_name" content="The Example Review">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"A long read","datePublished":"2024-07-13T10:00:00Z","author":[{"@type":"Person","name":"Jane Doe"}]}</script></head>
<body><header><nav><a href="/">Home</a></nav></header><main><article><h1>A long read</h1><p class="byline">By Jane Doe</p><figure><img src="/img/a.jpg" alt="A picture"><figcaption>A caption</figcaption></figure>
<p>The first paragraph of an article that goes on for a while, with <a href="/link">a link</a> and <em>emphasis</em>.</p><blockquote>A quotation.</blockquote>
<ul><li>One</li><li>Two</li></ul><pre><code class="language-js">let x = 1 < 2;</code></pre><p><i>The views expressed are the author's own.</i></p></article></main>
<aside class="related"><h2>Related</h2><a href="/other">Other story</a></aside><footer>© 2024</footer></body></html>`,
];

/** Fixture pages (fixtures/*\/input.html[.gz]) and the seeds above, as bytes. */
export function loadSeeds(root = 'fixtures'): Buffer[] {
  const seeds = OWN_SEEDS.map((s) => Buffer.from(s));
  if (!existsSync(root)) return seeds;
  for (const name of readdirSync(root).sort()) {
    for (const file of ['input.html', 'input.html.gz']) {
      const p = path.join(root, name, file);
      if (!existsSync(p)) continue;
      const raw = readFileSync(p);
      seeds.push(file.endsWith('.gz') ? gunzipSync(raw) : raw);
    }
  }
  return seeds;
}

type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'repeat'; at: number; length: number; times: number }
  | { kind: 'bytes'; at: number; bytes: Uint8Array }
  | { kind: 'truncate'; at: number };

const position = fc.double({ min: 0, max: 1, noNaN: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    text: fc.oneof(
      randomHtml,
      text,
      fc.constantFrom(
        '<div>'.repeat(600),
        '</div>'.repeat(50),
        '<!--',
        '<script>',
        '<table>',
        '<svg>',
        '<plaintext>',
        '<textarea>',
        '<title>',
        '</body>',
        '<html>',
        '<frameset>',
      ),
    ),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 2000 }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: position, length: fc.integer({ min: 1, max: 200 }), times: fc.integer({ min: 2, max: 300 }) }),
  fc.record({ kind: fc.constant('bytes' as const), at: position, bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
);

function mutate(seed: Buffer, mutations: Mutation[]): Buffer {
  let b = seed;
  for (const m of mutations) {
    const at = Math.floor(m.at * b.length);
    switch (m.kind) {
      case 'insert':
        b = Buffer.concat([b.subarray(0, at), Buffer.from(m.text), b.subarray(at)]);
        break;
      case 'delete':
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.length)]);
        break;
      case 'repeat': {
        const piece = b.subarray(at, at + m.length);
        b = Buffer.concat([b.subarray(0, at), ...Array<Buffer>(m.times).fill(piece), b.subarray(at)]);
        break;
      }
      case 'bytes':
        b = Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes), b.subarray(at + m.bytes.length)]);
        break;
      case 'truncate':
        b = b.subarray(0, at);
        break;
    }
  }
  return b;
}

/**
 * Page shapes that once got through the parse stage: a table inside <pre>, a <noscript> holding an
 * unclosed element, control bytes inside a comment, a data: URI of megabytes in one attribute
 * (`dataUriChars` long at most). Each around an article, so a shape that loses it shows.
 */
function hostileShapes(dataUriChars: number): fc.Arbitrary<Buffer> {
  const article = `<article><h1>Shape</h1><p>${'The archive keeps every page it is given, however it is made. '.repeat(4)}</p></article>`;
  const shape = fc.oneof(
    fc
      .tuple(fc.integer({ min: 1, max: 40 }), fc.boolean())
      .map(([n, closed]) => `<pre>${'<table><tr><td>cell\n  x'.repeat(n)}${closed ? '</table>'.repeat(n) : ''}</pre>`),
    fc.constantFrom(
      '<noscript><div></noscript>',
      '<noscript><div><table><tr><td></noscript>',
      '<noscript><img src="/real.jpg"></noscript>',
      '<head><noscript><img src="/pixel.gif"></noscript></head>',
      '<noscript>&amp; <b>x</noscript>',
    ),
    fc.uint8Array({ minLength: 1, maxLength: 12 }).map((b) => `<!-- ${String.fromCharCode(...b.map((x) => x % 32))} -->`),
    // Mostly tens of kilobytes; now and then the full size (the benchmark's inputs are all made before the first runs).
    fc
      .oneof(
        { weight: 9, arbitrary: fc.integer({ min: 2048, max: Math.min(100_000, dataUriChars) }) },
        { weight: 1, arbitrary: fc.constant(Math.max(2048, dataUriChars)) },
      )
      .map((n) => `<img src="data:image/png;base64,${'A'.repeat(n)}" alt="x">`),
  );
  return fc.tuple(fc.array(shape, { minLength: 1, maxLength: 3 }), fc.nat(2)).map(([shapes, at]) => {
    const parts = [shapes.join(''), article];
    return Buffer.from(`<!doctype html><html><head><title>Shape</title></head><body>${at === 0 ? parts.join('') : parts.reverse().join('')}</body></html>`);
  });
}

/**
 * Inputs that real pages and batches brought (issue: nothing lost, nothing let in): control bytes in a
 * comment near the start, charset labels the bytes deny (utf-16 on ASCII), UTF-8 with stray bytes,
 * and titles long enough to make output names slow.
 */
const shapes: fc.Arbitrary<Buffer> = fc.oneof(
  fc
    .tuple(
      fc.uint8Array({ minLength: 1, maxLength: 200 }).map((a) => a.map((b) => b & 0x1f)),
      randomHtml,
    )
    .map(([ctl, html]) =>
      Buffer.concat([Buffer.from('<!doctype html><html><head><!-- '), Buffer.from(ctl), Buffer.from(` --><title>t</title></head><body>${html}</body></html>`)]),
    ),
  fc
    .tuple(fc.constantFrom('utf-16', 'utf-16le', 'UTF-16BE', 'x-user-defined', 'utf-7', 'replacement', 'unicode'), randomHtml)
    .map(([label, html]) => Buffer.from(`<html><head><meta charset="${label}"><title>Label</title></head><body>${html}</body></html>`)),
  fc
    .tuple(fc.lorem({ maxCount: 30, mode: 'sentences' }), fc.array(fc.tuple(position, fc.integer({ min: 0x80, max: 0xff })), { minLength: 1, maxLength: 8 }))
    .map(([words, strays]) => {
      let b = Buffer.from(
        `<html><head><meta charset="utf-8"><title>Grüße</title></head><body><article><p>${words.replace(/ /g, ' ü ')}</p></article></body></html>`,
      );
      for (const [at, byte] of strays) {
        const i = Math.floor(at * b.length);
        b = Buffer.concat([b.subarray(0, i), Buffer.from([byte]), b.subarray(i)]);
      }
      return b;
    }),
  fc
    .tuple(fc.constantFrom('ü', '中 ', 'a', '-. ', '<>', ' ', 'é-'), fc.integer({ min: 1000, max: 30_000 }))
    .map(([unit, n]) =>
      Buffer.from(
        `<html><head><title>${unit.repeat(n)}</title></head><body><article><h1>${unit.repeat(n)}</h1><p>${'A sentence of body text. '.repeat(20)}</p></article></body></html>`,
      ),
    ),
);

/**
 * Every kind of input, as bytes. `maxSeedBytes` cuts fixture pages to a window (kept from the
 * start, where the <head> is, or from a random offset) so the in-suite property test stays quick.
 */
export function fuzzInput(seeds: Buffer[], maxSeedBytes = Infinity): fc.Arbitrary<Buffer> {
  const mutated = fc
    .record({ seed: fc.nat(seeds.length - 1), from: position, fromStart: fc.boolean(), mutations: fc.array(mutation, { minLength: 1, maxLength: 6 }) })
    .map(({ seed, from, fromStart, mutations }) => {
      const s = seeds[seed]!;
      const start = fromStart || s.length <= maxSeedBytes ? 0 : Math.floor(from * (s.length - maxSeedBytes));
      return mutate(s.subarray(start, start + maxSeedBytes), mutations);
    });
  return fc.oneof(
    { weight: 4, arbitrary: mutated },
    { weight: 4, arbitrary: randomHtml.map((s) => Buffer.from(s)) },
    { weight: 1, arbitrary: randomHtml.map((s) => Buffer.from(s, 'latin1')) },
    { weight: 1, arbitrary: shapes },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 4000 }).map((a) => Buffer.from(a)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 2000 }).map((s) => Buffer.from(s)) },
    // Megabytes of data: URI only where seeds are whole (the benchmark); the in-suite test keeps to its window.
    { weight: 1, arbitrary: hostileShapes(Number.isFinite(maxSeedBytes) ? maxSeedBytes : 9_000_000) },
  );
}

export type FuzzOutcome =
  | { kind: 'ok' }
  | { kind: 'error'; code: string }
  /** Something other than a deliberate ArchivistError: thrown as is, or wrapped by the pipeline's catch-all. */
  | { kind: 'crash'; message: string }
  | { kind: 'schema'; message: string };

const DOCUMENTED = new Set<string>(ERROR_CODES);

/** Converts one input and classifies what happened. Never throws. */
export function runOne(bytes: Uint8Array): FuzzOutcome {
  const now = () => new Date('2026-11-25T00:00:00Z');
  try {
    const article = convertPage({ input: 'fuzz', bytes, headers: {}, url: new URL('https://fuzz.example/a/page.html') }, now);
    const valid = ArticleSchema.safeParse(article);
    if (!valid.success) return { kind: 'schema', message: valid.error.message.slice(0, 300) };
    const json = JSON.parse(render(article, 'json')) as unknown;
    if (!ArticleSchema.safeParse(json).success) return { kind: 'schema', message: 'rendered JSON does not validate' };
    render(article, 'md');
    render(article, 'text');
    // Output names are made from titles on the batch's main thread: a slow one freezes every page.
    renderName(DEFAULT_NAME_TEMPLATE, {
      input: 'fuzz',
      title: article.title,
      published: article.published,
      url: article.url,
      sha256: article.provenance.sha256,
    });
    safeStem(article.title ?? '');
    return { kind: 'ok' };
  } catch (err) {
    if (!(err instanceof ArchivistError) || !DOCUMENTED.has(err.code)) return { kind: 'crash', message: String((err as Error)?.stack ?? err).slice(0, 600) };
    const cause = err.cause as { name?: string; stack?: string } | undefined;
    if (cause?.name === 'ZodError') return { kind: 'schema', message: err.message.slice(0, 300) };
    // The pipeline's catch-all turns a TypeError or a stack overflow into E_PARSE: still a bug to report.
    if (cause instanceof Error && !(cause instanceof ArchivistError))
      return { kind: 'crash', message: `${err.code} wrapping ${String(cause.stack ?? cause).slice(0, 600)}` };
    return { kind: 'error', code: err.code };
  }
}
