/** Hostile and broken inputs the test files share: a plain article, a page around an inner part, one conversion's outcome. */
import { ArchivistError, type ErrorCode } from '../../src/errors.js';
import { convertPage } from '../../src/pipeline.js';
import { ArticleSchema, type Article } from '../../src/schema.js';

export const NOW = () => new Date('2026-11-25T00:00:00Z');
export const PARAGRAPH = 'Archivists keep pages that are broken, huge or hostile, and report each one plainly. ';
export const ARTICLE = `<!doctype html><html><head><meta charset="utf-8"><title>Plain story</title></head><body><article><h1>Plain story</h1><p>${PARAGRAPH.repeat(5)}</p></article></body></html>`;
export const wrap = (inner: string) =>
  `<!doctype html><html><head><title>Story</title></head><body><article><p>${PARAGRAPH.repeat(3)}</p>${inner}</article></body></html>`;

/** Runs one conversion and reduces the outcome to what the table checks: 'ok' (schema-valid) or the error code. */
export async function outcome(run: () => Promise<Article> | Article): Promise<{ result: 'ok'; article: Article } | { result: ErrorCode; message: string }> {
  try {
    const article = await run();
    ArticleSchema.parse(article);
    return { result: 'ok', article };
  } catch (err) {
    // Anything but an ArchivistError escaping is a failure of this test: let it through.
    if (!(err instanceof ArchivistError)) throw err;
    return { result: err.code, message: err.message };
  }
}

export const fromBytes = (bytes: Uint8Array | string) => () =>
  convertPage({ input: 'case', bytes: typeof bytes === 'string' ? Buffer.from(bytes) : bytes, headers: {} }, NOW);
// Two sentences about the archive in GBK, written out as bytes so the test needs no encoder.
export const GBK_DECODED = '档案馆保存网页，记录新闻报道和政府公告，供研究人员长期查阅。这些资料来自各地网站，每一篇都注明来源、作者和发布时间。';
export const GBK_TEXT = Buffer.from(
  'b5b5b0b8b9ddb1a3b4e6cdf8d2b3a3acbcc7c2bcd0c2cec5b1a8b5c0bacdd5feb8aeb9abb8e6a3acb9a9d1d0bebfc8cbd4b1b3a4c6dab2e9d4c4a1a3d5e2d0a9d7cac1cfc0b4d7d4b8f7b5d8cdf8d5bea3acc3bfd2bbc6aab6bcd7a2c3f7c0b4d4b4a1a2d7f7d5dfbacdb7a2b2bccab1bce4a1a3',
  'hex',
);
/** A page around raw bytes (wrap() takes text). */
export const wrapBytes = (inner: Buffer) => {
  const [head, tail] = wrap('\u0000').split('\u0000') as [string, string];
  return Buffer.concat([Buffer.from(head), inner, Buffer.from(tail)]);
};
