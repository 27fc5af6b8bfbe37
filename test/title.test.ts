import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { cleanTitle, findTitle } from '../src/extract/title.js';

describe('cleanTitle', () => {
  it.each([
    ['英伟达发布新一代芯片_科技_腾讯网', ['腾讯网'], '英伟达发布新一代芯片'],
    ['女儿出嫁，郑板桥画了几笔兰花当嫁妆--文化--人民网', ['人民网'], '女儿出嫁，郑板桥画了几笔兰花当嫁妆'],
    ['凤台县召开防汛工作会议 - 凤台县人民政府', [], '凤台县召开防汛工作会议'],
    ['How the river came back | The Example Times', ['The Example Times'], 'How the river came back'],
    ['临溪县：“三张清单”让山区饮水更安心_清风法治网', [], '临溪县：“三张清单”让山区饮水更安心'],
    ['关于批准调整国债余额限额的决议__2007年第23号国务院公报_中国政府网', ['中国政府网'], '关于批准调整国债余额限额的决议'],
    ['Example News - Home of the best stories ever told in one place', ['Example News'], 'Home of the best stories ever told in one place'],
    ['A title without a suffix', [], 'A title without a suffix'],
  ])('%s', (raw, sites, want) => {
    expect(cleanTitle(raw, sites)).toBe(want);
  });

  it('does not cut a headline at a separator inside it when the parts are alike in length', () => {
    expect(cleanTitle('Paris - Berlin - Rome: a week by train', [])).toBe('Paris - Berlin - Rome: a week by train');
  });
});

describe('findTitle', () => {
  const doc = (body: string, title = '') => new JSDOM(`<title>${title}</title><body>${body}</body>`).window.document;

  it('prefers the headline element that the declared title contains', () => {
    const d = doc('<h1><a href="/">网易</a></h1><div class="art_title">多地项目"暗伤"曝露？</div>', '多地项目"暗伤"曝露？_网易财经');
    const r = findTitle({ doc: d, declared: ['多地项目', d.title], siteNames: [] });
    expect(r.title).toBe('多地项目"暗伤"曝露？');
    expect(r.element?.className).toBe('art_title');
  });

  it('never takes the site-name element for the headline', () => {
    const d = doc('<div class="title">中国地理学会</div><h5>年会在西南大学成功举行！</h5>', '新闻动态--中国地理学会官网');
    const r = findTitle({ doc: d, declared: [d.title], siteNames: [] });
    expect(r.element).toBeNull();
    expect(r.title).toBe('新闻动态');
  });

  it('finds a headline that follows a channel prefix', () => {
    const d = doc('<div class="title-text">最新出炉联合国贸发报告</div>', '明日股市预测--最新出炉联合国贸发报告');
    expect(findTitle({ doc: d, declared: [d.title], siteNames: [] }).title).toBe('最新出炉联合国贸发报告');
  });

  it('matches the headline to a declared title whatever its quotes, dashes and capitals', () => {
    const d = doc('<h1>Signa in Sorge – Finanzdaten und der ‘Berater’-Auftrag</h1>', "Signa in Sorge - Finanzdaten und der 'Berater'-Auftrag | Example");
    expect(findTitle({ doc: d, declared: [d.title], siteNames: ['Example'] }).title).toBe('Signa in Sorge – Finanzdaten und der ‘Berater’-Auftrag');
    const caps = doc('<h2 class="headline">WIERER DARF NOCH JUBELN</h2>', '23.01.2022 - Wierer darf noch jubeln');
    expect(findTitle({ doc: caps, declared: ['Wierer darf noch jubeln', caps.title], siteNames: [] }).title).toBe('WIERER DARF NOCH JUBELN');
  });

  it('takes the headline a declared title was cut from', () => {
    // Two <h1>s (the site's and the article's): the one that goes on from the declared title.
    const d = doc('<h1>Ratgeber Kredit</h1><h1>Leasing oder Finanzierung – was lohnt sich mehr?</h1>', 'Leasing oder Finanzierung');
    expect(findTitle({ doc: d, declared: [d.title], siteNames: [] }).title).toBe('Leasing oder Finanzierung – was lohnt sich mehr?');
  });

  it('takes the page’s one <h1> when no element shows a declared title', () => {
    const d = doc(
      '<header><a href="/">Kettle Lab</a></header><h1>Perfect your pour: five gooseneck kettles for coffee lovers</h1>',
      'The 5 Best Gooseneck Kettles (2026) | Kettle Lab',
    );
    expect(findTitle({ doc: d, declared: [d.title], siteNames: ['Kettle Lab'] }).title).toBe('Perfect your pour: five gooseneck kettles for coffee lovers');
    const two = doc('<h1>Kettles</h1><h1>Grinders</h1>', 'The 5 Best Gooseneck Kettles (2026) | Kettle Lab');
    expect(findTitle({ doc: two, declared: [two.title], siteNames: ['Kettle Lab'] }).title).toBe('The 5 Best Gooseneck Kettles (2026)');
  });
  it('leaves out a kicker or subtitle set inside the headline element', () => {
    const d = doc(
      '<h1><span class="entry-title__toptitle">Hafen im Umbau</span> Neue Kräne für das Containerterminal</h1>',
      'Neue Kräne für das Containerterminal - Beispielblatt',
    );
    expect(findTitle({ doc: d, declared: [d.title], siteNames: [] }).title).toBe('Neue Kräne für das Containerterminal');
    // The separator the kicker leaves behind goes with it; a <small> subtitle is not headline either.
    const colon = doc('<h1><span class="overline">Hafen im Umbau</span><span> : </span><span>Neue Kräne</span> <small>Ab Mai im Betrieb</small></h1>');
    expect(findTitle({ doc: colon, declared: [], siteNames: [] }).title).toBe('Neue Kräne');
    // A heading that is only a kicker-marked span keeps its text.
    const only = doc('<h1><span class="label">Neue Kräne für das Containerterminal</span></h1>');
    expect(findTitle({ doc: only, declared: [], siteNames: [] }).title).toBe('Neue Kräne für das Containerterminal');
  });

  it('never takes a hidden share-widget copy of the headline', () => {
    const d = doc(
      '<div class="h-title">港口扩建工程正式开工</div><div style="display:none"><div class="share-title">港口扩建工程正式开工-示例网</div></div>',
      '港口扩建工程正式开工-示例网',
    );
    expect(findTitle({ doc: d, declared: [d.title], siteNames: [] }).title).toBe('港口扩建工程正式开工');
  });
});
