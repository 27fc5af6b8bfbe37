import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { ArchivistError } from '../src/errors.js';
import { convertPage } from '../src/pipeline.js';
import { BUILTIN_RULES, hostMatches, loadRulesFile, ruleFor, savedFromUrl, validateRules } from '../src/sites/index.js';
import { fakeIO } from './support/io.js';
import { tempDir } from './support/tmp.js';

const PARA = '县里把供水站运行情况纳入乡镇年度考核，每季度通报一次，管水员队伍经过集中培训后持证上岗，学会了消毒设备操作和管道抢修。';
const page = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>样本标题_示例网</title></head><body>
<h1>样本标题</h1><div class="info">2024-07-13 10:20 <span class="who">王小明</span></div>
<div class="content"><p>${PARA}</p><p>${PARA}</p><p>${PARA}</p></div></body></html>`;
const convert = (rules = BUILTIN_RULES, url = 'https://news.example.org/a/1.html') =>
  convertPage({ input: 'x', bytes: new TextEncoder().encode(page), url: new URL(url), headers: {} }, () => new Date(0), rules);

describe('rule matching', () => {
  it('matches the exact host or a dot-suffix, never a substring', () => {
    expect(hostMatches('www.fengtai.gov.cn', 'gov.cn')).toBe(true);
    expect(hostMatches('gov.cn', 'gov.cn')).toBe(true);
    expect(hostMatches('netflix.com', 'x.com')).toBe(false);
    expect(hostMatches('example.co.uk', 'co.uk')).toBe(true);
    expect(hostMatches('mygov.cn', 'gov.cn')).toBe(false);
  });

  it('lets user rules, passed first, win', () => {
    const mine = validateRules([{ name: 'mine', hosts: ['baidu.com'] }]);
    expect(ruleFor(new URL('https://baijiahao.baidu.com/s?id=1'), [...mine, ...BUILTIN_RULES])?.name).toBe('mine');
    expect(ruleFor(new URL('https://baijiahao.baidu.com/s?id=1'), BUILTIN_RULES)?.name).toBe('baijiahao');
    expect(ruleFor(undefined, BUILTIN_RULES)).toBeNull();
  });

  it('finds the saved-from address of a page saved without --url', () => {
    const html = '<!-- saved from url=(0040)https://mp.weixin.qq.com/s?__biz=abc -->\n<html><body></body></html>';
    expect(savedFromUrl(new JSDOM(html).window.document, html)?.hostname).toBe('mp.weixin.qq.com');
    const canon = '<link rel="canonical" href="https://example.org/a">';
    expect(savedFromUrl(new JSDOM(canon).window.document, canon)?.href).toBe('https://example.org/a');
  });
});

describe('applying a rule', () => {
  it('overrides field by field and falls back to the generic extractor', () => {
    const generic = convert();
    expect(generic.title).toBe('样本标题');
    expect(generic.published).toBe('2024-07-13T10:20+08:00');
    const rules = validateRules([{ name: 'example', hosts: ['example.org'], authors: '.who', source: null, editors: '.nothing-here' }]);
    const ruled = convert(rules);
    expect(ruled.authors).toEqual(['王小明']);
    expect(ruled.source).toBeNull();
    // a selector that finds nothing changes nothing
    expect(ruled.editors).toEqual(generic.editors);
    expect(ruled.title).toBe(generic.title);
    expect(ruled.published).toBe(generic.published);
  });

  it('removes the elements a rule names from the body', () => {
    const rules = validateRules([{ name: 'example', hosts: ['example.org'], remove: ['.content p:first-child'] }]);
    expect(convert(rules).text.split(PARA).length - 1).toBe(2);
  });
});

describe('validating rules', () => {
  const bad: [unknown, RegExp][] = [
    [{}, /expected array/i],
    [[{ hosts: ['a.com'] }], /name/],
    [[{ name: 'x', hosts: [] }], /hosts/],
    [[{ name: 'x', hosts: ['https://a.com/'] }], /host name/],
    [[{ name: 'x', hosts: ['a.com'], titel: 'h1' }], /titel|unrecognized/i],
    [[{ name: 'x', hosts: ['a.com'], title: 'h1[' }], /invalid CSS selector "h1\["/],
  ];
  it.each(bad)('rejects %j with E_RULES', (data, message) => {
    let err: unknown;
    try {
      validateRules(data);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ArchivistError);
    expect((err as ArchivistError).code).toBe('E_RULES');
    expect((err as Error).message).toMatch(message);
  });

  it('accepts the built-in rules', () => {
    expect(validateRules(BUILTIN_RULES)).toHaveLength(BUILTIN_RULES.length);
  });
});

describe('--rules on the command line', () => {
  const io = () => fakeIO({ now: () => new Date(0) });

  it('applies a rules file', async () => {
    const dir = await tempDir('rules');
    await writeFile(path.join(dir, 'p.html'), page);
    await writeFile(path.join(dir, 'rules.json'), JSON.stringify({ rules: [{ name: 'ex', hosts: ['example.org'], authors: '.who' }] }));
    const x = io();
    const code = await main(['convert', path.join(dir, 'p.html'), '--url', 'https://example.org/a', '--rules', path.join(dir, 'rules.json'), '-f', 'json'], x);
    expect(code).toBe(0);
    expect(JSON.parse(x.out()).authors).toEqual(['王小明']);
    expect((await loadRulesFile(path.join(dir, 'rules.json')))[0]?.name).toBe('ex');
  });

  it('stops with E_RULES and exit 2 on a bad rules file', async () => {
    const dir = await tempDir('rules');
    await writeFile(path.join(dir, 'p.html'), page);
    await writeFile(path.join(dir, 'bad.json'), JSON.stringify([{ name: 'ex', hosts: 'example.org' }]));
    await writeFile(path.join(dir, 'broken.json'), '[{');
    for (const f of ['bad.json', 'broken.json', 'missing.json']) {
      const x = io();
      const code = await main(['convert', path.join(dir, 'p.html'), '--rules', path.join(dir, f)], x);
      expect(code).toBe(2);
      expect(x.err()).toMatch(/\[E_RULES\]/);
      expect(x.out()).toBe('');
    }
  });
});
