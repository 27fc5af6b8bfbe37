import { cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { junitReport, xmlEscape } from '../src/check/reporters/junit.js';
import { main } from '../src/cli.js';
import { comparePartial } from '../src/check/compare.js';
import { PartialSchema } from '../src/check/case.js';
import type { Article } from '../src/schema.js';
import { fakeIO } from './support/io.js';
import { tempDir } from './support/tmp.js';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures');
/** A real fixture of the project, copied and then edited. */
const FIXTURE = 'en-news--jsonld';

async function check(args: string[], tty = false) {
  const io = fakeIO({ tty });
  const code = await main(['check', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

const PARAGRAPH = 'A saved page keeps what a site said on the day it was archived, and a check notices when that changes. ';
const page = (title: string, extra = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>` +
  `<nav><a href="/">Home</a></nav><article><h1>${title}</h1><p>${PARAGRAPH.repeat(3)}</p><p>${PARAGRAPH}${extra}</p></article>` +
  `<footer>Footer text of the site</footer></body></html>`;

let dir: string;
beforeEach(async () => {
  dir = await tempDir('check');
});

/** A case folder with a page and case.json; expected files only after --update. */
async function makeCase(name: string, html: string | Buffer, spec: object = { url: 'https://example.org/story.html' }) {
  const d = path.join(dir, name);
  await mkdir(d, { recursive: true });
  await writeFile(path.join(d, 'input.html'), html);
  await writeFile(path.join(d, 'case.json'), JSON.stringify(spec));
  return d;
}

describe('archivist check: comparing', () => {
  it('passes an unedited copy of a project fixture', async () => {
    await cp(path.join(FIXTURES, FIXTURE), path.join(dir, FIXTURE), { recursive: true });
    const r = await check([dir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`ok    ${FIXTURE}`);
    expect(r.out).toMatch(/^check: 1 passed, 0 failed$/m);
  });

  it('exits 1 with a readable diff naming the case and the field when an expected file is edited', async () => {
    const d = path.join(dir, FIXTURE);
    await cp(path.join(FIXTURES, FIXTURE), d, { recursive: true });
    const json = JSON.parse(await readFile(path.join(d, 'expected.json'), 'utf8'));
    json.title = 'A title nobody wrote';
    json.images[0].url = 'https://img.example.com/edited.jpg';
    await writeFile(path.join(d, 'expected.json'), JSON.stringify(json, null, 2));
    const md = await readFile(path.join(d, 'expected.md'), 'utf8');
    await writeFile(path.join(d, 'expected.md'), md.replace('nine votes to three', 'ten votes to two'));

    const r = await check([dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`FAIL  ${FIXTURE}`);
    expect(r.out).toContain('expected.json: title: expected "A title nobody wrote", got "Harbour town votes to keep its ferry running through winter"');
    expect(r.out).toContain(
      'expected.json: images[0].url: expected "https://img.example.com/edited.jpg", got "https://img.coastline-courier.example.co.uk/2025/02/ferry-at-quay.jpg"',
    );
    // The Markdown diff is unified, with the changed line on both sides and context around it.
    expect(r.out).toContain('--- expected.md');
    expect(r.out).toMatch(/^ +-The decision, taken by ten votes to two/m);
    expect(r.out).toMatch(/^ +\+The decision, taken by nine votes to three/m);
    expect(r.out).toMatch(/^ +@@ -\d+,\d+ \+\d+,\d+ @@/m);
    expect(r.out).not.toContain('\x1b['); // not a terminal: no colour
    expect(r.out).toMatch(/^check: 0 passed, 1 failed$/m);
  });

  it('colours the diff only on a terminal', async () => {
    const d = path.join(dir, FIXTURE);
    await cp(path.join(FIXTURES, FIXTURE), d, { recursive: true });
    const md = await readFile(path.join(d, 'expected.md'), 'utf8');
    await writeFile(path.join(d, 'expected.md'), md.replace('fortnight', 'month'));
    const r = await check([dir], true);
    expect(r.code).toBe(1);
    expect(r.out).toContain('\x1b[31m');
    expect(r.out).toContain('\x1b[32m');
  });

  it('ignores the volatile fields, and says which', async () => {
    const d = path.join(dir, FIXTURE);
    await cp(path.join(FIXTURES, FIXTURE), d, { recursive: true });
    const json = JSON.parse(await readFile(path.join(d, 'expected.json'), 'utf8'));
    json.provenance.archivedAt = '2031-05-05T05:05:05.000Z';
    json.provenance.fetchedAt = '2031-05-05T05:05:00.000Z';
    json.provenance.tool = 'archivist/99.0.0';
    await writeFile(path.join(d, 'expected.json'), JSON.stringify(json, null, 2));
    const md = await readFile(path.join(d, 'expected.md'), 'utf8');
    await writeFile(path.join(d, 'expected.md'), md.replace(/^archived_at: .*$/m, 'archived_at: 2031-05-05T05:05:05.000Z'));
    const r = await check([dir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('ignored fields: provenance.fetchedAt, provenance.archivedAt, provenance.tool, front matter archived_at');
  });

  it('takes a single case folder as well as a folder of them, and tolerates CRLF expected files', async () => {
    const d = path.join(dir, FIXTURE);
    await cp(path.join(FIXTURES, FIXTURE), d, { recursive: true });
    const md = await readFile(path.join(d, 'expected.md'), 'utf8');
    await writeFile(path.join(d, 'expected.md'), md.replace(/\n/g, '\r\n'));
    const r = await check([d]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`ok    ${FIXTURE}`);
  });

  it('fails a missing expected file with the hint to run --update, and never creates it', async () => {
    const d = await makeCase('plain--story', page('Story one'));
    const r = await check([dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`expected.md: missing: run \`archivist check ${d} --update\``);
    expect(r.out).toContain('expected.json: missing');
    expect((await readdir(d)).sort()).toEqual(['case.json', 'input.html']);
  });

  it('reports a malformed case naming the file, and still checks the others', async () => {
    await makeCase('a--good', page('Good story'));
    expect((await check([dir, '--update'])).code).toBe(0);
    const bad = path.join(dir, 'b--bad-json');
    await mkdir(bad);
    await writeFile(path.join(bad, 'input.html'), page('Bad'));
    await writeFile(path.join(bad, 'case.json'), '{ "url": "https://example.org/", }');
    const noInput = path.join(dir, 'c--no-input');
    await mkdir(noInput);
    await writeFile(path.join(noInput, 'case.json'), '{ "url": "https://example.org/" }');
    await makeCase('d--bad-field', page('D'), { url: 'ftp://example.org/x' });

    const r = await check([dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('ok    a--good');
    expect(r.out).toMatch(/FAIL {2}b--bad-json\n {4}case\.json: not valid JSON: /);
    expect(r.out).toMatch(/FAIL {2}c--no-input\n {4}input\.html or input\.html\.gz: missing/);
    expect(r.out).toMatch(/FAIL {2}d--bad-field\n {4}case\.json: expected an http\(s\) URL at url/);
    expect(r.out).toMatch(/^check: 1 passed, 3 failed$/m);
  });

  it('checks partial expectations (expect.json) without expected files', async () => {
    const d = await makeCase('partial--story', page('Partial story', ' Unique closing words.'));
    await writeFile(
      path.join(d, 'expect.json'),
      JSON.stringify({ title: 'Partial story', contains: ['Unique closing words.'], absent: ['Footer text of the site'] }),
    );
    expect((await check([dir])).code).toBe(0);
    await writeFile(path.join(d, 'expect.json'), JSON.stringify({ title: 'Other', contains: ['not there'], absent: ['Unique closing'] }));
    const r = await check([dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('expect.json: title: expected "Other", got "Partial story"');
    expect(r.out).toContain('expect.json: contains[0]: body lacks "not there"');
    expect(r.out).toContain('expect.json: absent[0]: body holds "Unique closing"');
    await writeFile(path.join(d, 'expect.json'), JSON.stringify({ contain: ['typo'] }));
    expect((await check([dir])).out).toContain('expect.json: Unrecognized key: "contain"');
  });

  it('passes a case that expects an error only on that error code', async () => {
    await makeCase('edge--empty', '<!doctype html><html><body><div id="app"></div></body></html>', { expectError: 'E_NO_CONTENT' });
    expect((await check([dir])).code).toBe(0);
    await writeFile(path.join(dir, 'edge--empty', 'case.json'), JSON.stringify({ expectError: 'E_NOT_HTML' }));
    const r = await check([dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('case.json: expected error E_NOT_HTML, got E_NO_CONTENT');
  });
});

describe('archivist check: --update and --init', () => {
  it('--update writes missing and differing expected files, then the case passes', async () => {
    const d = await makeCase('plain--story', page('Story one'));
    const r = await check([dir, '--update']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('UPD   plain--story (wrote expected.md, expected.json)');
    const json = JSON.parse(await readFile(path.join(d, 'expected.json'), 'utf8'));
    expect(json.title).toBe('Story one');
    expect(json.provenance.input).toBe('input.html');

    await writeFile(path.join(d, 'input.html'), page('Story one, revised'));
    expect((await check([dir])).code).toBe(1);
    expect((await check([dir, '--update'])).out).toContain('UPD   plain--story');
    const again = await check([dir, '--update']);
    expect(again.out).toContain('ok    plain--story'); // nothing differs: nothing rewritten
    expect((await check([dir])).code).toBe(0);
  });

  it('--init creates a case folder from a page and writes its expectations', async () => {
    const saved = path.join(dir, 'saved.html');
    await writeFile(saved, page('Initial story'));
    const root = path.join(dir, 'cases');
    const r = await check([root, '--init', saved, '--url', 'https://news.example.com/2026/11/initial-story.html']);
    expect(r.code).toBe(0);
    const caseDir = path.join(root, 'news.example.com--2026-11-initial-story');
    expect((await readdir(caseDir)).sort()).toEqual(['case.json', 'expected.json', 'expected.md', 'input.html']);
    expect(JSON.parse(await readFile(path.join(caseDir, 'case.json'), 'utf8'))).toEqual({ url: 'https://news.example.com/2026/11/initial-story.html' });
    expect((await check([root])).code).toBe(0);
    // Never over an existing case.
    const again = await check([root, '--init', saved, '--url', 'https://news.example.com/2026/11/initial-story.html']);
    expect(again.code).toBe(2);
    expect(again.err).toContain('already exists');
  });
});

describe('archivist check: usage', () => {
  it('exits 2 on bad combinations and on a folder without cases', async () => {
    await makeCase('plain--story', page('Story'));
    expect((await check([dir, '--update', '--live'])).code).toBe(2);
    expect((await check([dir, '--init', 'x.html'])).code).toBe(2);
    expect((await check([dir, '--url', 'https://example.org/'])).code).toBe(2);
    expect((await check([dir, '--reporter', 'xml'])).code).toBe(2);
    const empty = await tempDir('empty');
    const r = await check([empty]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no case folders');
    expect((await check([path.join(empty, 'nope')])).code).toBe(2);
  });
});

describe('archivist check: reporters', () => {
  async function mixedCases() {
    await makeCase('a--passes', page('Passing story'));
    await makeCase('b--differs & <breaks> "xml"', page('Story with <b>markup</b> & "quotes"'));
    await check([dir, '--update']);
    const json = path.join(dir, 'b--differs & <breaks> "xml"', 'expected.json');
    const data = JSON.parse(await readFile(json, 'utf8'));
    data.title = 'Control \u0001 chars ]]> and <tags> & ampersands';
    await writeFile(json, JSON.stringify(data));
  }

  it('JUnit output is well-formed XML with testsuite, testcase and failure', async () => {
    await mixedCases();
    const r = await check([dir, '--reporter', 'junit']);
    expect(r.code).toBe(1);
    expect(XMLValidator.validate(r.out)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(r.out);
    const suite = doc.testsuites.testsuite;
    expect(suite.tests).toBe('2');
    expect(suite.failures).toBe('1');
    const cases = suite.testcase as { name: string; failure?: { '#text': string; message: string } }[];
    expect(cases.map((c) => c.name)).toEqual(['a--passes', 'b--differs & <breaks> "xml"']);
    expect(cases[0]!.failure).toBeUndefined();
    expect(cases[1]!.failure!.message).toContain('expected.json: title: expected "Control');
    expect(cases[1]!.failure!['#text']).toContain('and <tags> & ampersands');
  });

  it('escapes every character XML cannot hold', () => {
    expect(xmlEscape('a&b<c>"d\'\u0000\uFFFE\uD800')).toBe('a&amp;b&lt;c&gt;&quot;d&apos;\uFFFD\uFFFD\uFFFD');
    const xml = junitReport({
      results: [
        {
          name: 'x\u0007y',
          dir: '/x',
          status: 'fail',
          failures: [{ file: 'expected.md', message: 'differs', diff: '-\u001b[31mred\n+]]>' }],
          written: [],
          durationMs: 1,
        },
      ],
      ignored: [],
      durationMs: 1,
      mode: 'compare',
    });
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it('JSON output lists every case with its failures and field paths', async () => {
    await mixedCases();
    const r = await check([dir, '--reporter', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ mode: 'compare', cases: 2, passed: 1, failed: 1 });
    expect(report.ignored).toContain('provenance.archivedAt');
    const failing = report.results.find((c: { status: string }) => c.status === 'fail');
    expect(failing.failures[0]).toMatchObject({ file: 'expected.json', path: 'title' });
  });
});

describe('archivist check --live', () => {
  let server: Server;
  let base: string;
  let body = '';
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('refetches the case URL: no drift passes, a changed page fails naming the field', async () => {
    body = page('Live story');
    await makeCase('live--story', page('Live story'), { url: `${base}/live-story.html` });
    expect((await check([dir, '--update'])).code).toBe(0);

    const same = await check([dir, '--live']);
    expect(same.out).toContain('ignored fields: provenance, front matter archived_at');
    expect(same.code).toBe(0);

    body = page('Live story, corrected');
    const drift = await check([dir, '--live', '--retries', '0']);
    expect(drift.code).toBe(1);
    expect(drift.out).toContain('DRIFT live--story');
    expect(drift.out).toContain('expected.json: title: expected "Live story", got "Live story, corrected"');
  });
});

describe('expect.json pins Article fields', () => {
  const article = {
    title: 'T',
    published: '2024-07-13',
    site: { name: 'Site', url: 'https://s.example/' },
    authors: ['A'],
    markdown: 'body text here',
  } as unknown as Article;

  it('matches objects on the keys given and reports each differing path', () => {
    expect(comparePartial({ site: { name: 'Site' }, title: 'T', contains: ['body'] }, article)).toEqual([]);
    const failures = comparePartial({ site: { name: 'Other' }, published: '2024-07-14', authors: [], absent: ['text'] }, article);
    expect(failures.map((f) => f.path)).toEqual(['site.name', 'published', 'authors[0]', 'absent[0]']);
  });

  it('rejects keys that are not Article fields', () => {
    expect(PartialSchema.safeParse({ titel: 'x' }).success).toBe(false);
    expect(PartialSchema.safeParse({ markdown: 'x' }).success).toBe(false);
  });
});
