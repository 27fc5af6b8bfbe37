import { describe, expect, it } from 'vitest';
import { dateFromUrl, findDate, findShortYearDate, findYearlessDate, fromEpoch, parseDate } from '../src/extract/dates.js';

const CST = '+08:00';

describe('parseDate: real-world formats', () => {
  // [input, default zone, expected ISO]
  const cases: [string, string | null, string][] = [
    ['2024-07-13', null, '2024-07-13'],
    ['2024-7-3', null, '2024-07-03'],
    ['2024/07/13', null, '2024-07-13'],
    ['2024.07.13', null, '2024-07-13'],
    ['2024年07月13日', null, '2024-07-13'],
    ['2024年7月13日', null, '2024-07-13'],
    ['2024-07-13 10:20', CST, '2024-07-13T10:20+08:00'],
    ['2024-07-13 10:20:00', CST, '2024-07-13T10:20:00+08:00'],
    ['2024年07月13日 10:20', CST, '2024-07-13T10:20+08:00'],
    ['2024年07月13日10:20', CST, '2024-07-13T10:20+08:00'],
    ['2024年7月13日 10时20分', CST, '2024-07-13T10:20+08:00'],
    ['2024年7月13日 下午3:05', CST, '2024-07-13T15:05+08:00'],
    ['2024年07月13日 10:20 星期六', CST, '2024-07-13T10:20+08:00'],
    ['星期六 2024年07月13日', CST, '2024-07-13'],
    ['2024-07-13T10:20:00Z', CST, '2024-07-13T10:20:00Z'],
    ['2024-07-13T10:20:00+08:00', null, '2024-07-13T10:20:00+08:00'],
    ['2024-07-13T10:20:00.000+0800', null, '2024-07-13T10:20:00+08:00'],
    ['2024-07-13T10:20', null, '2024-07-13T10:20'],
    ['2007-08-20-23:59:59', CST, '2007-08-20T23:59:59+08:00'],
    ['20240713', null, '2024-07-13'],
    ['20240713102030', CST, '2024-07-13T10:20:30+08:00'],
    ['2019 09/07 19:02', CST, '2019-09-07T19:02+08:00'],
    ['2024-07-13 10:20 (UTC+8)', null, '2024-07-13T10:20+08:00'],
    ['2024-07-13 10:20 GMT+8', null, '2024-07-13T10:20+08:00'],
    ['2024-07-13 10:20 北京时间', null, '2024-07-13T10:20+08:00'],
    ['Jul 13, 2024', null, '2024-07-13'],
    ['July 13, 2024 10:20 AM', null, '2024-07-13T10:20'],
    ['July 13th, 2024', null, '2024-07-13'],
    ['Saturday, July 13, 2024', null, '2024-07-13'],
    ['13 July 2024', null, '2024-07-13'],
    ['Sat, 13 Jul 2024 10:20:00 GMT', null, '2024-07-13T10:20:00Z'],
    ['July 13, 2024 3:05 p.m. EDT', null, '2024-07-13T15:05-04:00'],
    ['Sept. 3, 2024', null, '2024-09-03'],
    ['13/07/2024', null, '2024-07-13'],
    ['07/13/2024', null, '2024-07-13'],
    ['13.07.2024 12:00', null, '2024-07-13T12:00'],
    ['1581517074', CST, '2020-02-12T22:17:54+08:00'],
  ];
  it.each(cases)('%s', (input, zone, want) => {
    expect(parseDate(input, zone)?.iso).toBe(want);
  });

  it('flags a zone it assumed, and only then', () => {
    expect(parseDate('2024-07-13 10:20', CST)?.zoneAssumed).toBe(true);
    expect(parseDate('2024-07-13T10:20Z', CST)?.zoneAssumed).toBe(false);
    expect(parseDate('2024-07-13', CST)?.zoneAssumed).toBe(false);
  });

  it('rejects what is not a date', () => {
    for (const s of ['', 'yesterday', '2024-13-01', '2024-02-30', '1880-01-01', '123456', 'Tel 010-12345678']) expect(parseDate(s)).toBeNull();
  });

  it('keeps the date when the time is impossible', () => {
    expect(parseDate('2024-07-13 25:61')?.iso).toBe('2024-07-13');
  });
});

describe('findDate: a date inside a meta line', () => {
  it.each([
    ['发布时间:2024-07-13 来源: 皖南时讯网 作者:佚名', '2024-07-13'],
    ['发布日期：2024年07月13日 10:20', '2024-07-13T10:20+08:00'],
    ['时间：2024/07/13', '2024-07-13'],
    ['2024-07-13 10:20:00 来源：某某日报', '2024-07-13T10:20:00+08:00'],
    ['2019-09-26 12:11来源：证券时报网作者：李在山', '2019-09-26T12:11+08:00'],
    ['发表于2014-08-24 21:30| 1164次阅读| 来源CSDN', '2014-08-24T21:30+08:00'],
    ['Published July 13, 2024', '2024-07-13'],
  ])('%s', (line, want) => {
    expect(findDate(line, CST)?.iso).toBe(want);
  });

  it('skips numbers glued to other digits (phone numbers, IDs)', () => {
    expect(findDate('电话 0102024-07-13', CST)).toBeNull();
  });
});

describe('findYearlessDate', () => {
  it('takes the year from a known date on the same day', () => {
    expect(findYearlessDate('发布时间：10-08 12:00', '2019-10-08T12:00:57+08:00', CST)?.iso).toBe('2019-10-08T12:00+08:00');
  });
  it('reads a two-digit year', () => {
    expect(findYearlessDate('发布时间：18-03-08 23:16', null, CST)?.iso).toBe('2018-03-08T23:16+08:00');
  });
  it('refuses a day that disagrees with the known date', () => {
    expect(findYearlessDate('10-09 12:00', '2019-10-08', CST)).toBeNull();
  });
});

describe('findShortYearDate', () => {
  it('reads a day-first date with a two-digit year as 20yy', () => {
    expect(findShortYearDate('Party, 30.10.23')?.iso).toBe('2023-10-30');
    expect(findShortYearDate('1.2.24')?.iso).toBe('2024-02-01');
  });
  it('refuses an impossible day and a longer dotted number', () => {
    expect(findShortYearDate('31.02.23')).toBeNull();
    expect(findShortYearDate('Version 1.2.345')).toBeNull();
    expect(findShortYearDate('1.2.3.45')).toBeNull();
  });
});

describe('dates from elsewhere', () => {
  it('reads the URL', () => {
    expect(dateFromUrl('http://www.example.gov.cn/zt/2024-07/13/c_1.htm')).toBe('2024-07-13');
    expect(dateFromUrl('http://news.example.cn/20240713/a.html')).toBe('2024-07-13');
    expect(dateFromUrl('https://example.com/2024/07/13/slug/')).toBe('2024-07-13');
    expect(dateFromUrl('http://www.example.gov.cn/yw/201909/t20190918_693227.shtml')).toBe('2019-09-18');
    expect(dateFromUrl('https://example.com/about/')).toBeNull();
  });
  it('converts epoch seconds in a zone', () => {
    expect(fromEpoch(0)).toBeNull();
    expect(fromEpoch(1581418070, CST)?.iso).toBe('2020-02-11T18:47:50+08:00');
    expect(fromEpoch(1581418070)?.iso).toBe('2020-02-11T10:47:50Z');
  });
});
