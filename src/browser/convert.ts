/** One URL through the pipeline with --render: rendered always, or (auto) only when its static page is a shell. */
import { toArchivistError } from '../errors.js';
import { convertPage, load, type ConvertOptions } from '../pipeline.js';
import type { Article } from '../schema.js';
import type { RenderMode } from './options.js';
import type { RenderService } from './service.js';
import { renderReason } from './shell.js';

export async function convertUrl(url: URL, mode: RenderMode, browser: RenderService, options: ConvertOptions = {}): Promise<Article> {
  if (mode === 'auto') {
    const page = await load({ kind: 'url', url }, options);
    let outcome: { article: Article } | { error: ReturnType<typeof toArchivistError> };
    try {
      outcome = { article: convertPage(page, options.now, options.rules) };
    } catch (err) {
      outcome = { error: toArchivistError(err) };
    }
    const reason = renderReason(Buffer.from(page.bytes).toString('latin1'), outcome);
    if (!reason) {
      if ('error' in outcome) throw outcome.error;
      return outcome.article;
    }
  }
  await options.fetch?.checkUrl?.(url);
  return convertPage(await browser.render(url), options.now, options.rules);
}
