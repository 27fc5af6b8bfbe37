import { describe, expect, it } from 'vitest';
import { closingAuthors, datelineAuthors, englishByline, parseMetaLine, splitNames } from '../src/extract/bylines.js';

describe('parseMetaLine', () => {
  it('reads the reference meta line; 佚名 is no author', () => {
    const m = parseMetaLine('发布时间:2024-07-13 来源: 皖南时讯网 作者:佚名');
    expect(m).toMatchObject({ dateText: '2024-07-13', source: '皖南时讯网', authors: [], editors: [], labelled: true });
  });

  it.each([
    ['来源：新华网', '新华网'],
    ['信息来源：省发改委', '省发改委'],
    ['稿件来源: 某某日报 浏览次数: 12', '某某日报'],
    ['2019-09-07 13:43:45　来源: 证券市场红周刊', '证券市场红周刊'],
    ['2019-09-26 12:11来源：证券时报网作者：李在山', '证券时报网'],
    ['发表于2014-08-24 21:30| 1164次阅读| 来源CSDN| 0 条评论| 作者魏星', 'CSDN'],
    ['2020-11-23 10:22:14 出处：快科技 作者： 宪瑞', '快科技'],
    ['来源：人民网-文化频道 原创稿', '人民网-文化频道'],
    ['信息来源: 中国空间技术研究院、中国运载火箭技术研究院等', '中国空间技术研究院、中国运载火箭技术研究院等'],
    ['来源于：东区办事处', '东区办事处'],
  ])('source in %s', (line, want) => {
    expect(parseMetaLine(line).source).toBe(want);
  });

  it('gives no source for an empty or placeholder label', () => {
    expect(parseMetaLine('来源: | 发布时间: 2018-05-17 | 浏览次数: 2168').source).toBeNull();
    expect(parseMetaLine('信息来源于网络').source).toBeNull();
  });

  it.each([
    ['作者：张三', ['张三']],
    ['作者：张三 李四', ['张三', '李四']],
    ['作者：张三、李四', ['张三', '李四']],
    ['记者 张三 李四', ['张三', '李四']],
    ['新京报记者 陆一夫', ['陆一夫']],
    ['采写：南都见习记者 林子沛', ['林子沛']],
    ['执笔/叨叨姐、胡一刀&李小飞刀', ['叨叨姐', '胡一刀', '李小飞刀']],
    ['文/王文', ['王文']],
    ['撰文：Jane Doe', ['Jane Doe']],
    ['作者：佚名', []],
    ['作者：未知 责任编辑：棒棒不是糖', []],
    ['作者：网络整理', []],
    ['中新社记者 贾天勇 摄', []],
    ['文章很值，打赏犒劳作者一下', []],
    ['每经记者注意到，该公司并未回应', []],
  ])('authors in %s', (line, want) => {
    expect(parseMetaLine(line).authors).toEqual(want);
  });

  it.each([
    ['责任编辑：杨倩_NF4425', ['杨倩']],
    ['[责任编辑：韩保林 PK155]', ['韩保林']],
    ['（责任编辑： HN666）', ['HN666']],
    ['（责任编辑：系统管理员）', ['系统管理员']],
    ['编辑 刘晓阳 校对 李铭', ['刘晓阳']],
    ['编辑|禤志杰', ['禤志杰']],
    ['责编：Demi Xia', ['Demi Xia']],
    ['(责编：汤诗瑶、丁涛)', ['汤诗瑶', '丁涛']],
    ['【编辑：姚昊】', ['姚昊']],
    ['医技药剂党支部、药剂科供稿 摄影/张艳 编辑/苏芳', ['苏芳']],
  ])('editors in %s, never authors', (line, want) => {
    const m = parseMetaLine(line);
    expect(m.editors).toEqual(want);
    expect(m.authors).toEqual([]);
  });

  it('does not read labels inside ordinary words', () => {
    const m = parseMetaLine('编辑部的故事在记者会上被提起');
    expect(m.editors).toEqual([]);
    expect(m.authors).toEqual([]);
  });
});

describe('credits in the body', () => {
  it('reads a dateline credit', () => {
    expect(datelineAuthors('新京报讯（记者 陆一夫）11月25日，新京报记者登录拼多多')).toEqual(['陆一夫']);
    expect(datelineAuthors('新华社巴黎12月9日电（记者唐霁）法国9日再次爆发')).toEqual(['唐霁']);
    expect(datelineAuthors('长江网10月4日讯（记者陈智 整合） 国庆中秋长假过半')).toEqual(['陈智']);
    expect(datelineAuthors('本站讯（职工通讯员 李琴雯 刘会）为深入推进')).toEqual(['李琴雯', '刘会']);
    expect(datelineAuthors('【文/观察者网专栏作者 王文】')).toEqual(['王文']);
    expect(datelineAuthors('今天（9月7日）下午，大会开幕')).toEqual([]);
  });

  it('reads a closing credit, not an organisation or an ending mark', () => {
    expect(closingAuthors('南美站活动将先后在巴西、乌拉圭、阿根廷举行。（张巨峰）')).toEqual(['张巨峰']);
    expect(closingAuthors('实现轻松换新iPhone。(李楠)')).toEqual(['李楠']);
    expect(closingAuthors('满足人民日益增长的美好生活需要。(文/图 刘玺东 易赛楠)')).toEqual(['刘玺东', '易赛楠']);
    expect(closingAuthors('总体全县投资结构趋稳趋优。（德清县发改局）')).toEqual([]);
    expect(closingAuthors('重启量化宽松。（完）')).toEqual([]);
    expect(closingAuthors('（新华社）')).toEqual([]);
  });

  it('reads English bylines', () => {
    expect(englishByline('By Jane Doe and John Roe')).toEqual(['Jane Doe', 'John Roe']);
    expect(englishByline('By Jane Doe, Staff Writer')).toEqual(['Jane Doe']);
    expect(englishByline('by the way, this is prose')).toEqual([]);
  });

  it('splits names without splitting Latin names', () => {
    expect(splitNames('张三 李四')).toEqual(['张三', '李四']);
    expect(splitNames('Demi Xia, John Roe')).toEqual(['Demi Xia', 'John Roe']);
    expect(splitNames('佚名')).toEqual([]);
  });
});
