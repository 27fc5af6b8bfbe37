/**
 * Body-extraction quality gate: small pages written for this test, each with what the body must
 * contain, must not contain, and where it must start and end. Not the shared corpus — these pin
 * the rules in src/extract (clean, density, choose, edges) so a change that breaks one shows here.
 */
import { describe, expect, it } from 'vitest';
import { endsRight, scorePage, shingles, startsRight } from './support/score.js';
import { measure } from '../src/extract/measure.js';
import { CAPTION_ATTR, copyWithoutChrome } from '../src/extract/clean.js';
import { CENTERED_ATTR, trimEdges } from '../src/extract/edges.js';
import { withRemovals, type SiteRule } from '../src/sites/index.js';
import { parse } from '../src/parse/index.js';
import { decode } from '../src/load/decode.js';
import { convertPage } from '../src/pipeline.js';
import type { Article } from '../src/schema.js';

const NOW = () => new Date('2026-01-01T00:00:00Z');
function convert(html: string, url = 'https://news.example.org/2026/01/story.html'): Article {
  return convertPage({ input: 'case.html', bytes: new TextEncoder().encode(html), url: new URL(url), headers: {} }, NOW);
}

const EN_P = [
  'The county council voted on Tuesday to rebuild the old stone bridge over the river, ending a debate that has run for more than a decade.',
  'Engineers told the meeting that the bridge, built in 1871, could carry light traffic for another five years at most before it must close.',
  'Residents who crowded into the chamber applauded when the vote was read out, and several said they had feared the crossing would simply be demolished.',
  'Work is expected to begin next spring and to last about eighteen months, during which a temporary footbridge will stand a few metres downstream.',
];

const ZH_P = [
  '本报讯 近日，青溪县召开农村公路建设推进会，对今年下半年的道路改造工作作出部署，要求各乡镇倒排工期、挂图作战。',
  '会议指出，今年以来全县新建和改造农村公路八十六公里，完成年度计划的百分之六十二，但仍有部分路段进度滞后。',
  '会议要求，各乡镇要把质量放在第一位，严格落实监理制度，确保每一条路都经得起群众检验，让群众走上放心路。',
];

interface Case {
  name: string;
  html: string;
  contains: string[];
  absent: string[];
  first: string;
  last: string;
}

const CASES: Case[] = [
  {
    name: 'English news wrapped in one <form>, with share bar, related list, caption and footer',
    html: `<!doctype html><html lang="en"><head><title>Council votes to rebuild bridge | Valley Post</title></head><body>
      <form id="aspnetForm" method="post" action="/story">
        <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
        <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
        <article class="story">
          <h1>Council votes to rebuild bridge</h1>
          <p class="byline">By Ann Writer</p>
          <figure><img src="/img/bridge.jpg" alt="The bridge"><figcaption>The old bridge at dusk. Photo: Valley Post</figcaption></figure>
          ${EN_P.map((p) => `<p>${p}</p>`).join('\n')}
          <ul class="more"><li><a href="/a">Mayor opens new library</a></li><li><a href="/b">School wins chess cup</a></li><li><a href="/c">Market returns to square</a></li></ul>
        </article>
        <footer>Copyright 2026 Valley Post. All rights reserved.</footer>
      </form></body></html>`,
    contains: EN_P,
    absent: ['Share on Facebook', 'Mayor opens new library', 'All rights reserved', 'The old bridge at dusk', 'By Ann Writer', 'Home'],
    first: 'The county council voted on Tuesday',
    last: 'a few metres downstream.',
  },
  {
    name: 'Chinese portal: 原标题 line, centred caption, editor line, share bar, related links, footer',
    html: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>青溪县部署农村公路建设_青溪新闻网</title></head><body>
      <div class="nav"><a href="/">首页</a> <a href="/xw">新闻</a></div>
      <div class="position">当前位置：首页 &gt; 新闻 &gt; 正文</div>
      <div class="main-left">
        <h1>青溪县部署农村公路建设</h1>
        <div class="info">发布时间：2026-01-05 来源：青溪日报 作者：李文</div>
        <div class="content">
          <p>（原标题：青溪县召开农村公路建设推进会）</p>
          <p style="text-align:center"><img src="/img/road.jpg"></p>
          <p style="text-align:center">图为新修的村道。（张三摄）</p>
          ${ZH_P.map((p) => `<p>${p}</p>`).join('\n')}
          <p>责任编辑：王五</p>
        </div>
        <div class="bshare">分享到：<a href="#">微信</a><a href="#">微博</a></div>
        <div class="xgyd"><h3>相关阅读</h3><ul><li><a href="/1">县领导调研春耕生产工作</a></li><li><a href="/2">全县召开安全生产会议</a></li><li><a href="/3">青溪县举办农民丰收节</a></li></ul></div>
      </div>
      <div class="footer">主办：青溪县人民政府 版权所有 电话：0571-12345678</div>
      </body></html>`,
    contains: ZH_P,
    absent: ['原标题', '图为新修的村道', '责任编辑', '分享到', '县领导调研春耕生产工作', '版权所有', '当前位置'],
    first: '本报讯 近日，青溪县召开农村公路建设推进会',
    last: '让群众走上放心路。',
  },
  {
    name: 'Story inside a chrome-named column, next to a sidebar, with a related list in the same container',
    html: `<!doctype html><html><head><title>Bridge</title></head><body>
      <div class="col-right sidebar"><h3>Most read</h3><p>Weather: rain later in the week, with a chance of hail on the hills.</p></div>
      <div class="left-side">
        <div class="text">${EN_P.map((p) => `<p>${p}</p>`).join('')}</div>
        <div class="post-box"><span>Mayor opens new library</span><span>2026-01-04</span></div>
        <div class="post-box"><span>School wins chess cup</span><span>2026-01-03</span></div>
        <div class="post-box"><span>Market returns to square</span><span>2026-01-02</span></div>
      </div></body></html>`,
    contains: EN_P,
    absent: ['Mayor opens new library', '2026-01-04', 'Weather: rain later'],
    first: 'The county council voted',
    last: 'a few metres downstream.',
  },
  {
    name: 'A huge hidden SEO keyword block does not outweigh a short Chinese story',
    html: `<!doctype html><html><head><title>公路</title></head><body>
      <div class="post-body">${ZH_P.map((p) => `<p>${p}</p>`).join('')}</div>
      <div style="display:none">${Array.from({ length: 3000 }, (_, i) => `关键词${i} 下载${i}`).join(' ')}</div>
      </body></html>`,
    contains: ZH_P,
    absent: ['关键词1 '],
    first: '本报讯 近日',
    last: '让群众走上放心路。',
  },
  {
    name: 'A 划重点 lead box and a byline above the story',
    html: `<!doctype html><html><head><title>公路建设</title></head><body><div id="Cnt-Main-Article">
      <p>划重点：</p><ol><li>全县新建和改造农村公路八十六公里。</li><li>要求各乡镇倒排工期、挂图作战。</li></ol>
      <p>《周刊》作者 赵六</p>
      ${ZH_P.map((p) => `<p>${p}</p>`).join('')}
      </div></body></html>`,
    contains: ZH_P,
    absent: ['划重点', '《周刊》作者'],
    first: '本报讯 近日',
    last: '让群众走上放心路。',
  },
  {
    name: 'A lead box that repeats the declared description (meta name in any case)',
    html: `<!doctype html><html><head><title>公路建设</title><meta name="Description" content="青溪县部署下半年农村公路建设，要求倒排工期。"></head><body><div id="Cnt-Main-Article">
      <div class="summary">青溪县部署下半年农村公路建设，要求倒排工期。</div>
      ${ZH_P.map((p) => `<p>${p}</p>`).join('')}
      </div></body></html>`,
    contains: ZH_P,
    absent: ['要求倒排工期。'],
    first: '本报讯 近日',
    last: '让群众走上放心路。',
  },
  {
    name: 'A "recommended" box whose teasers outweigh a one-paragraph story in the same container',
    html: `<!doctype html><html><head><title>青溪县公路快讯_青溪新闻网</title></head><body><div class="box_left">
      <h1>青溪县公路快讯</h1>
      <div class="txt_con">${ZH_P[0]}<p></p></div>
      <div class="shenming"><p>声明：本网力求信息真实、准确，文章提及内容仅供参考，不构成实质性投资建议，据此操作风险自担。</p></div>
      <div class="tuijian"><h2>为你推荐</h2><div class="tuijian_con">${[
        ['山区小学迎来新校车', '新学期开学前，县教育局为十二所山区小学配备了新校车，孩子们上学路上的时间平均缩短了二十分钟。'],
        ['青溪县举办农民丰收节', '丰收节期间，全县各乡镇共展销农特产品三百余种，吸引了周边县市的大批游客前来采购。'],
        ['县医院开通远程会诊', '通过远程会诊平台，乡镇卫生院的患者在家门口就能得到县医院专家的诊断意见，看病更方便了。'],
      ]
        .map(
          ([t, d]) =>
            `<dl><dt><a href="/t/${t}.html"><img src="/thumb/${t}.jpg"></a></dt><dd class="tit"><a href="/t/${t}.html">${t}</a></dd><dd class="exp">${d}</dd><dd class="sj">2026-01-05<span>07:42</span></dd></dl>`,
        )
        .join('')}</div></div>
      </div></body></html>`,
    contains: [ZH_P[0]!],
    absent: ['为你推荐', '山区小学迎来新校车', '孩子们上学路上', '远程会诊'],
    first: '本报讯 近日',
    last: '挂图作战。',
  },
  {
    name: 'Widget lines in paragraphs of their own, inside the story',
    html: `<!doctype html><html><head><title>Bridge</title></head><body><article class="story">
      <p>${EN_P[0]}</p><p>${EN_P[1]}</p><p>Continue reading below</p><p>${EN_P[2]}</p><p>This slideshow requires JavaScript.</p><p>${EN_P[3]}</p>
      <p><strong><em>Like this story? Share it with a friend!</em></strong></p><p></p>
      </article></body></html>`,
    contains: EN_P,
    absent: ['Continue reading', 'slideshow', 'Like this story'],
    first: 'The county council voted',
    last: 'a few metres downstream.',
  },
  {
    name: 'Widget labels of news sites and WordPress, in English and Indonesian, headings included',
    html: `<!doctype html><html><head><title>Bridge</title></head><body><article class="story">
      <div class="textresizer"><span class="textresizer__label">Text size</span><button></button></div>
      <p>${EN_P[0]}</p><div class="wpa"><span class="wpa-about">Iklan</span></div><h4>More:</h4><p>${EN_P[1]}</p>
      <div class="read-more-button"><div class="read-more-link">Read More</div></div><p>${EN_P[2]}</p>
      <figure class="media-landscape lead"><span class="image-and-copyright-container"><img src="/bridge.jpg"> <span class="off-screen">Image copyright</span> <span class="story-image-copyright">Example Images</span></span></figure><p>${EN_P[3]}</p>
      <div class="likes-widget-placeholder"><span class="button"><span>Suka</span></span> <span class="loading">Memuat...</span></div>
      <div class="nav-links"><a href="/prev">previous post</a></div><div><a href="/next">next post</a></div>
      </article></body></html>`,
    contains: EN_P,
    absent: ['Text size', 'Image copyright', 'Iklan', 'More:', 'Read More', 'Memuat', 'previous post', 'next post'],
    first: 'The county council voted',
    last: 'a few metres downstream.',
  },
  {
    name: 'Links to other stories set between the paragraphs, after a label',
    html: `<!doctype html><html><head><title>Bridge</title></head><body><article class="story">
      <p>${EN_P[0]}</p><p><strong>Read more:</strong> <a href="/a">Mayor opens the new library on the quay after two years of building work</a></p>
      <p>${EN_P[1]}</p><p><b>[Related: <a href="/b">School wins the county chess cup for a third year</a>]</b></p><p>${EN_P[2]}</p>
      <p>Also: <a href="/c">See our winter roads coverage</a></p>
      <p>See also: the council published its full report on Monday, and residents can <a href="/report">read it online</a>.</p><p>${EN_P[3]}</p>
      </article></body></html>`,
    contains: [...EN_P, 'See also: the council published its full report'],
    absent: ['Read more', 'Mayor opens', 'Related', 'chess cup', 'winter roads'],
    first: 'The county council voted',
    last: 'a few metres downstream.',
  },
  {
    name: 'A "More:" label inside the story, with a list of links to other stories after it',
    html: `<!doctype html><html><head><title>Bridge</title></head><body><article class="story">
      <p>${EN_P[0]}</p><p>${EN_P[1]}</p>
      <h4>More:</h4>${['Mayor opens new library', 'School wins chess cup', 'Market returns to square'].map((t, i) => `<ul><li><h4><a href="/${i}">${t}</a></h4></li></ul>`).join('')}
      <p>${EN_P[2]}</p><p>${EN_P[3]}</p>
      </article></body></html>`,
    contains: EN_P,
    absent: ['More:', 'Mayor opens', 'chess cup', 'Market returns'],
    first: 'The county council voted',
    last: 'a few metres downstream.',
  },
  {
    name: 'An unrendered WordPress shortcode goes; one around an image keeps the image',
    html: `<!doctype html><html><head><title>Bridge</title></head><body><article class="story">
      <p>${EN_P[0]}</p><p>[button link="/submit" type="big" newwindow="yes"] Send us YOUR bridge photos[/button]</p><p>${EN_P[1]}</p>
      <p>[caption id="a1" width="600"]<img src="https://news.example.org/old-bridge.jpg"> The old bridge in 1900[/caption]</p>
      <p>${EN_P[2]}</p><p>${EN_P[3]}</p>
      </article></body></html>`,
    contains: EN_P,
    absent: ['[button', 'Send us YOUR'],
    first: 'The county council voted',
    last: 'a few metres downstream.',
  },
];

describe('body quality gate (own fixtures)', () => {
  it('keeps the image of a [caption] shortcode', () => {
    const c = CASES.find((x) => x.name.startsWith('An unrendered WordPress shortcode'))!;
    expect(convert(c.html).images.map((i) => i.url)).toContain('https://news.example.org/old-bridge.jpg');
  });

  for (const c of CASES) {
    it(c.name, () => {
      const { text } = convert(c.html);
      for (const s of c.contains) expect(text).toContain(s);
      for (const s of c.absent) expect(text).not.toContain(s);
      expect(startsRight(text, c.first)).toBe(true);
      expect(endsRight(text, c.last)).toBe(true);
    });
  }

  it('keeps a removed caption on its image', () => {
    const article = convert(CASES[0]!.html);
    expect(article.images[0]?.caption).toBe('The old bridge at dusk. Photo: Valley Post');
  });

  it('a page of menus only is still an error, not a body', () => {
    expect(() => convert('<html><body><nav><a href="/">Home</a> menu</nav></body></html>')).toThrow(/no article text/);
  });

  it('a one-line page keeps its line even when it repeats the headline', () => {
    expect(convert('<html><head><title>测试文章</title></head><body><p>测试文章</p></body></html>').text).toBe('测试文章');
  });

  it('copes with deep nesting (no recursion over the tree)', () => {
    const depth = 600;
    const html = `<html><body>${'<div>'.repeat(depth)}${EN_P.join(' ')}${'</div>'.repeat(depth)}</body></html>`;
    expect(convert(html).text).toContain(EN_P[0]);
  });
});

describe('measure: per-element text stats in one walk', () => {
  it('counts characters, link text, punctuation and paragraphs up the tree', () => {
    const parsed = parse(
      decode({
        input: 'x',
        bytes: new TextEncoder().encode(
          '<body><div id="a">Hello, <a href="x">world</a>.<p>One. Two</p><script>var x = 1;</script></div><span>x y</span></body>',
        ),
        headers: {},
      }),
    );
    const doc = parsed.document;
    const stats = measure(doc.body);
    const a = stats.get(doc.getElementById('a')!)!;
    // "Hello," 6 + "world" 5 + "." 1 + "One.Two" 7; the script's text is not seen.
    expect(a.chars).toBe(19);
    expect(a.linkChars).toBe(5);
    expect(a.links).toBe(1);
    expect(a.paragraphs).toBe(1);
    expect(stats.get(doc.body)!.chars).toBe(21);
    parsed.close();
  });
});

describe('trimEdges', () => {
  const trimmed = (html: string, title = '青溪县部署农村公路建设', authors: string[] = []) => {
    const parsed = parse(decode({ input: 'x', bytes: new TextEncoder().encode('<body></body>'), headers: {} }));
    const div = parsed.document.createElement('div');
    div.innerHTML = html;
    trimEdges(div, { title, authors });
    const out = div.textContent ?? '';
    parsed.close();
    return out;
  };

  it('keeps the link lines of a body that is a list of links, and trims them off a story', () => {
    const items = ['Bridge reopens after repairs', 'Ferry timetable changes', 'New cycle lane on the quay', 'Harbour market returns'];
    const list = items.map((t, i) => `<p><a href="/n/${i}">${t}</a> · 2d</p>`).join('');
    expect(trimmed(list, 'Latest news')).toContain(items[0]);
    expect(trimmed(list, 'Latest news')).toContain(items[3]);
    const story = `<p><a href="/n/9">Ferry timetable changes</a></p>${EN_P.map((p) => `<p>${p}</p>`).join('')}`;
    expect(trimmed(story, 'Bridge')).not.toContain('Ferry timetable');
  });

  it('drops a repeated headline, a 原标题 line and trailing credits', () => {
    const out = trimmed(
      `<p>青溪县部署农村公路建设</p><p>（原标题：青溪县召开推进会）</p>${ZH_P.map((p) => `<p>${p}</p>`).join('')}<p>新京报记者 陆一夫</p><p>编辑 刘晓阳 校对 李铭</p>`,
    );
    expect(out.startsWith(ZH_P[0]!)).toBe(true);
    expect(out.endsWith(ZH_P[2]!)).toBe(true);
  });

  it('keeps a lede that retells the headline in a sentence', () => {
    const title = 'Valley Rovers beat Hill Town to reach the county final';
    const lede = 'Valley Rovers beat Hill Town 3-1 on Tuesday night to reach the county final for the first time.';
    const out = trimmed(`<p><em>Hill Town —</em> ${lede}</p>${EN_P.map((p) => `<p>${p}</p>`).join('')}`, title);
    expect(out.startsWith(`Hill Town — ${lede}`)).toBe(true);
    expect(trimmed(`<p>${title}</p>${EN_P.map((p) => `<p>${p}</p>`).join('')}`, title).startsWith(EN_P[0]!)).toBe(true);
  });

  it('drops a byline line naming a known author with a date, and a footer line; keeps sentences that mention them', () => {
    const body = EN_P.map((p) => `<p>${p}</p>`).join('');
    const title = 'Council votes to rebuild the bridge';
    for (const top of ['Veröffentlicht am 21.01.2025 um 16:40 Uhr · Von Jana Weber', 'Jana Weber · 2 December 2023', 'By Jana Weber']) {
      expect(trimmed(`<p>${top}</p>${body}`, title, ['Jana Weber']).startsWith(EN_P[0]!), top).toBe(true);
    }
    const lede = 'Jana Weber, who has covered the council since 2019, watched the vote from the gallery.';
    expect(trimmed(`<p>${lede}</p>${body}`, title, ['Jana Weber']).startsWith(lede)).toBe(true);
    expect(trimmed(`${body}<p>© 2025 Valley Post GmbH · Impressum · Datenschutz · Tel. 0000 000000</p>`, title).endsWith(EN_P[3]!)).toBe(true);
    const closing = 'The council said it would publish the plans under its usual privacy policy.';
    expect(trimmed(`${body}<p>${closing}</p>`, title).endsWith(closing)).toBe(true);
  });

  it('drops a counter behind an icon-font glyph above the story, and keeps private-use characters inside it', () => {
    // U+E60E: an icon font's glyph, as <i class="iconfont"> shows it; the digits after it are a view counter.
    // U+E000 inside a sentence: a rare character in a GBK page's user-defined area; it is text, and stays.
    const rare = '会后，村民张\ue000说，家门口的路修好了，孩子上学再也不用绕远路。';
    const out = trimmed(`<div><p><i class="iconfont">\ue60e</i><span class="counter">4</span></p></div><p>${ZH_P[0]}</p><p>${rare}</p><p>${ZH_P[1]}</p>`);
    expect(out.startsWith(ZH_P[0]!)).toBe(true);
    expect(out).toContain(rare);
  });

  it('drops teasers of other stories that end in their 【详细】 link', () => {
    const body = ZH_P.map((p) => `<p>${p}</p>`).join('');
    const teaser = (t: string) => `<p>${t} <a href="/other.html">【详细】</a></p>`;
    const out = trimmed(
      `${body}${teaser('专题回顾 青溪县十年交通建设成就展今日开幕，带您回看一条条农村公路如何改变山区面貌。')}<p><a href="/a">交通周刊</a>|<a href="/b">乡村振兴</a></p>${teaser('青溪县文化频道推出“山路故事”征文活动，欢迎读者投稿讲述身边的修路故事。')}`,
    );
    expect(out.endsWith(ZH_P[2]!)).toBe(true);
  });

  it('drops a reading-time line and an affiliate disclosure above the story', () => {
    const body = EN_P.map((p) => `<p>${p}</p>`).join('');
    for (const top of [
      '5 min read',
      'Reading time: 4 minutes',
      'Tempo de leitura: 2 minutos',
      'This post may contain affiliate links. Please see my disclosure page.',
    ]) {
      expect(trimmed(`<p>${top}</p>${body}`, 'Bridge').startsWith(EN_P[0]!), top).toBe(true);
    }
  });

  it('drops an English date line above the story, and keeps a lede that retells the headline up to a colon', () => {
    const body = EN_P.map((p) => `<p>${p}</p>`).join('');
    for (const top of [
      'Updated 10:01 pm PST, Tuesday, November 19, 2019',
      'Nov. 20, 2019 5:52 AM EST',
      'October 06, 2018',
      'By November 18, 2019 at 2:26 PM HST - Updated November 18 at 4:46 PM',
    ]) {
      expect(trimmed(`<p>${top}</p>${body}`, 'Council votes to rebuild the bridge').startsWith(EN_P[0]!), top).toBe(true);
    }
    const title = 'The Latest: Council votes to rebuild the old stone bridge';
    const lede = 'VALLEY, Kan. (AP) — The Latest on the council vote to rebuild the old stone bridge (all times local):';
    expect(trimmed(`<p>Nov. 20, 2019 5:52 AM EST</p><p>${lede}</p>${body}`, title).startsWith(lede)).toBe(true);
    // Not a date line: a sentence with a month in it.
    expect(trimmed(`<p>May 2026 be the year the bridge reopens.</p>${body}`, title).startsWith('May 2026')).toBe(true);
  });

  it('drops a line of a date and its section or place above the story, and keeps a dated name or post header', () => {
    const body = EN_P.map((p) => `<p>${p}</p>`).join('');
    for (const top of ['Party, 14.07.23', 'Bonn, 11.10.2021', '2021-10-16 | Botschaft', 'May 06, 2022 News']) {
      expect(trimmed(`<p>${top}</p>${body}`, 'Bridge').startsWith(EN_P[0]!), top).toBe(true);
    }
    for (const top of ['11.12.2019 - Amelie Loevenich', 'Noah_B May 4, 2022, 3:47pm 1', 'Release 2024.4.4 on 12.03.2024']) {
      expect(trimmed(`<p>${top}</p>${body}`, 'Bridge').startsWith(top), top).toBe(true);
    }
  });

  it("drops reporting credits, a reporter's address and promos for the outlet's channels below the story", () => {
    const body = EN_P.map((p) => `<p>${p}</p>`).join('');
    for (const tail of [
      'Jana Weber contributed reporting from Hill Town.',
      'Associated Press writers Ann Writer and Bo Reporter contributed to this report',
      'Additional reporting by Ann Writer',
      'Write to Ann Writer at ann.writer@valleypost.example',
      'Follow Valley Post on Instagram, Facebook, Twitter and YouTube.',
      'Listen to Valley Radio live at 12:45 weekdays - or listen back here.',
    ]) {
      expect(trimmed(`${body}<p>${tail}</p>`, 'Bridge').endsWith(EN_P[3]!), tail).toBe(true);
    }
    // An address and a handle, each a paragraph, both inside one <em>: two lines on screen, both junk.
    expect(trimmed(`${body}<em><p>ann.writer@valleypost.example</p><p>twitter.com/annwriter</p></em>`, 'Bridge').endsWith(EN_P[3]!)).toBe(true);
    const closing = 'Residents who contributed to the repair fund will be invited to the reopening.';
    expect(trimmed(`${body}<p>${closing}</p>`, 'Bridge').endsWith(closing)).toBe(true);
  });

  it('drops a labelled box below the story with its items, which are sentences; not a label high in the story', () => {
    const body = EN_P.map((p) => `<p>${p}</p>`).join('');
    const author =
      '<h3>About the Author</h3><p>Ann Writer</p><p>Ann Writer has covered the county council for the Valley Post since 2014, and lives by the river.</p>';
    expect(trimmed(`${body}${author}`, 'Bridge').endsWith(EN_P[3]!)).toBe(true);
    const more =
      '<p><strong>More Great Valley Stories</strong></p><ul><li><a href="/1">The strange life of the ferryman</a></li><li><a href="/2">How the town kept its market square</a></li></ul>';
    expect(trimmed(`${body}${more}`, 'Bridge').endsWith(EN_P[3]!)).toBe(true);
    const zh = `${ZH_P.map((p) => `<p>${p}</p>`).join('')}<p>为你推荐</p><p>县医院开通远程会诊，乡镇患者在家门口就能得到专家诊断。</p>`;
    expect(trimmed(zh).endsWith(ZH_P[2]!)).toBe(true);
    // High in the story, a label is more than half the text away from the end: kept, with what follows.
    const early = `<p>${EN_P[0]}</p><h3>Related stories</h3>${EN_P.slice(1)
      .map((p) => `<p>${p}</p>`)
      .join('')}`;
    expect(trimmed(early, 'Bridge')).toContain('Related stories');
  });

  it("drops a post's categories line below it", () => {
    const body = EN_P.map((p) => `<p>${p}</p>`).join('');
    expect(trimmed(`${body}<p>Filed under: <a href="/c/roads">Roads</a> | <a href="/c/council">Council</a></p>`, 'Bridge').endsWith(EN_P[3]!)).toBe(true);
  });

  it("keeps a notice's signature date and office", () => {
    const out = trimmed(`${ZH_P.map((p) => `<p>${p}</p>`).join('')}<p>青溪县交通运输局</p><p>2026年1月5日</p>`);
    expect(out).toContain('2026年1月5日');
  });

  it('never trims away more than half of the text', () => {
    const out = trimmed('<p>责任编辑：王五</p><p>编辑：赵六</p>');
    expect(out).toContain('王五');
  });
});

describe('bench scoring', () => {
  it("tokenises letters of every script, as Python's \\w+ does", () => {
    expect([...shingles('Привет мир это тест').keys()]).toEqual(['Привет мир это тест']);
    expect(scorePage('Weizsäcker was here today', 'Weizsäcker was here today').f1).toBe(1);
  });

  it('checks body ends against the first and last paragraph, not anywhere near the start', () => {
    expect(startsRight('图集\n\n新华社巴黎电 法国再次爆发大罢工', '新华社巴黎电')).toBe(false);
    expect(startsRight('新华社巴黎电 法国再次爆发大罢工\n\n第二段', '新华社巴黎电')).toBe(true);
    expect(endsRight('正文最后一句。\n\n责任编辑：王五', '正文最后一句。')).toBe(false);
  });
});

describe('copyWithoutChrome', () => {
  const PAGE = `<!doctype html><html><head><title>Bridge</title></head><body>
    <nav class="menu"><a href="/">Home</a><a href="/news">News</a></nav>
    <div class="main"><figure><img src="/bridge.jpg"><figcaption class="caption">The old bridge at dawn</figcaption></figure>
    <p align="center">Tuesday, 5 May</p>
    ${EN_P.map((p) => `<p>${p}</p>`).join('')}
    <div class="share-bar">Share this story</div></div>
    <footer>Contact us: 000-0000</footer></body></html>`;

  it('copies what stays, marks captions and centred lines, and leaves the page as it was', () => {
    const parsed = parse(decode({ input: 'x', bytes: new TextEncoder().encode(PAGE), url: new URL('https://news.example.org/a.html'), headers: {} }));
    const before = parsed.document.documentElement.outerHTML;
    const copy = copyWithoutChrome(parsed.document);
    expect(parsed.document.documentElement.outerHTML).toBe(before);
    const text = copy.body.textContent ?? '';
    expect(text).toContain(EN_P[0]);
    for (const gone of ['Home', 'Share this story', 'Contact us', 'The old bridge at dawn']) expect(text).not.toContain(gone);
    expect(copy.querySelector('img')?.getAttribute(CAPTION_ATTR)).toBe('The old bridge at dawn');
    expect(copy.querySelector(`[${CENTERED_ATTR}]`)?.textContent).toBe('Tuesday, 5 May');
    expect(copy.URL).toBe('https://news.example.org/a.html');
    parsed.close();
  });

  it('leaves out the head elements no stage reads, and gives the copy a base of its own address (same base URL)', () => {
    const head =
      '<link rel="stylesheet" href="/s.css"><style>p{}</style><script>x()</script><script type="application/ld+json">{}</script>' +
      '<meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta property="og:title" content="Bridge"><meta name="author" content="A. Writer">';
    const make = (extra: string) =>
      parse(
        decode({
          input: 'x',
          bytes: new TextEncoder().encode(PAGE.replace('<title>', `${extra}${head}<title>`)),
          url: new URL('https://news.example.org/a.html'),
          headers: {},
        }),
      );
    const parsed = make('');
    const copy = copyWithoutChrome(parsed.document);
    const kept = Array.from(copy.head.children, (el) => el.outerHTML);
    expect(kept).toEqual([
      '<base href="https://news.example.org/a.html">',
      '<script type="application/ld+json">{}</script>',
      '<meta property="og:title" content="Bridge">',
      '<meta name="author" content="A. Writer">',
      '<title>Bridge</title>',
    ]);
    expect(copy.baseURI).toBe('https://news.example.org/a.html');
    expect(copy.querySelector('img')?.getAttribute('src')).toBe('/bridge.jpg');
    parsed.close();
    // The page's own base stays the one that counts.
    const based = make('<base href="https://cdn.example.org/news/">');
    const copy2 = copyWithoutChrome(based.document);
    expect(copy2.querySelectorAll('base')).toHaveLength(1);
    expect(copy2.baseURI).toBe('https://cdn.example.org/news/');
    based.close();
  });

  it('keeps, shown, a page the strict plan would empty: all of it hidden, or all of it one link list', () => {
    const copyOf = (body: string) => {
      const parsed = parse(decode({ input: 'x', bytes: new TextEncoder().encode(`<!doctype html><body>${body}</body>`), headers: {} }));
      const copy = copyWithoutChrome(parsed.document);
      parsed.close();
      return copy;
    };
    const story = EN_P.map((p) => `<p>${p}</p>`).join('');
    const hidden = copyOf(`<div class="loading">Loading…</div><div hidden id="S:0"><nav><a href="/">Home</a></nav>${story}</div><script>x()</script>`);
    expect(hidden.body.textContent).toContain(EN_P[0]);
    expect(hidden.body.textContent).not.toContain('Home'); // by tag, still chrome
    expect(hidden.querySelector('[hidden]')).toBeNull();
    const styled = copyOf(`<div style="visibility: hidden; min-height: 100vh">${story}</div>`);
    expect(styled.body.textContent).toContain(EN_P[0]);
    expect(styled.querySelector('div')?.getAttribute('style')).not.toMatch(/hidden/);
    const links = Array.from({ length: 12 }, (_, i) => `<li><a href="/r/${i}">Result number ${i} of the search for bridges</a></li>`).join('');
    expect(copyOf(`<ul>${links}</ul>`).body.textContent).toContain('Result number 11');
    // A page that shows next to nothing stays a page of nothing; a hidden block beside the story still goes.
    expect(copyOf('<div hidden>Loading the app, please wait.</div><p>Loading…</p>').body.textContent).not.toContain('please wait');
    const beside = copyOf(`<div class="main">${story}</div><div hidden>${'Keyword stuffing for search engines. '.repeat(20)}</div>`);
    expect(beside.body.textContent).not.toContain('Keyword stuffing');
  });

  it("applies a site rule's removals to a copy, never to the page", () => {
    const parsed = parse(decode({ input: 'x', bytes: new TextEncoder().encode(PAGE), headers: {} }));
    const rule: SiteRule = { name: 'test', hosts: ['news.example.org'], remove: ['p[align]'] };
    const ruled = withRemovals(rule, parsed.document);
    expect(ruled).not.toBe(parsed.document);
    expect(parsed.document.querySelector('p[align]')).not.toBeNull();
    expect(ruled.querySelector('p[align]')).toBeNull();
    expect(withRemovals(null, parsed.document)).toBe(parsed.document);
    parsed.close();
  });
});
