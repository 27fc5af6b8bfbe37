import { createHash } from 'node:crypto';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { request, type Dispatcher } from 'undici';
import { ArchivistError } from '../errors.js';
import { writeAtomic } from '../output.js';
import type { Article } from '../schema.js';

export const ASSETS_DIR = 'assets';
/** Largest image kept: a full-width news photo is well under this; anything bigger is a video or a mistake. */
export const DEFAULT_MAX_ASSET_BYTES = 10 * 1024 * 1024;
/** Images per article: a gallery page with hundreds of thumbnails should not turn into hundreds of fetches. */
const MAX_ASSETS_PER_PAGE = 50;
const ASSET_TIMEOUT_MS = 30_000;
const MAX_ASSET_REDIRECTS = 5;

/** Image types kept, with the extension they are stored under. SVG is left out: it can carry script. */
const IMAGE_TYPES: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
};

const starts = (b: Buffer, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
/** Each stored type's signature, checked on the bytes. */
const IMAGE_MAGIC: Record<string, (b: Buffer) => boolean> = {
  jpg: (b) => starts(b, [0xff, 0xd8, 0xff]),
  png: (b) => starts(b, [0x89, 0x50, 0x4e, 0x47]),
  gif: (b) => starts(b, [0x47, 0x49, 0x46, 0x38]),
  webp: (b) => starts(b, [0x52, 0x49, 0x46, 0x46]) && starts(b, [0x57, 0x45, 0x42, 0x50], 8),
  avif: (b) => starts(b, [0x66, 0x74, 0x79, 0x70], 4), // ISO-BMFF 'ftyp' box
};

export interface AssetOptions {
  outDir: string;
  maxBytes?: number;
  /** Runs a request under the per-host politeness limits. */
  politely: <T>(url: URL, fn: () => Promise<T>) => Promise<T>;
  /** robots.txt and other URL checks. */
  checkUrl?: (url: URL) => Promise<void>;
  /** The connection pool; --block-private-addresses passes a guarded one. Default: undici's global one. */
  dispatcher?: Dispatcher;
}

/**
 * Downloads the article's images into DIR/assets/ (named by a hash of their URL, so an image
 * shared by many articles is fetched once) and rewrites the Markdown links to the local copies.
 * `images[].url` keeps the original address as provenance. A failed image keeps its remote link
 * and adds a warning: it never fails the article.
 */
export async function localiseAssets(article: Article, o: AssetOptions): Promise<{ article: Article; files: string[] }> {
  let markdown = article.markdown;
  const warnings = [...article.warnings];
  const files: string[] = [];
  for (const img of article.images.slice(0, MAX_ASSETS_PER_PAGE)) {
    try {
      const rel = await fetchAsset(new URL(img.url), o);
      files.push(rel);
      markdown = markdown.split(`](${img.url})`).join(`](${rel})`).split(`](${img.url} "`).join(`](${rel} "`);
    } catch (err) {
      warnings.push(`image ${img.url} not saved: ${(err as Error).message}`);
    }
  }
  return { article: { ...article, markdown, warnings }, files };
}

type Got = { redirect: URL } | { bytes: Buffer; ext: string };

async function fetchAsset(url: URL, o: AssetOptions): Promise<string> {
  const key = createHash('sha256').update(url.href).digest('hex').slice(0, 20);
  const maxBytes = o.maxBytes ?? DEFAULT_MAX_ASSET_BYTES;
  // Already saved by an earlier article or run: any of the known extensions. lstat: a symlink planted
  // there is not a saved image (it would link the archive to a file outside it); it is replaced.
  for (const ext of new Set(Object.values(IMAGE_TYPES))) {
    const rel = `${ASSETS_DIR}/${key}.${ext}`;
    if (
      await lstat(path.join(o.outDir, rel)).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      return rel;
  }
  let current = url;
  for (let hop = 0; hop <= MAX_ASSET_REDIRECTS; hop++) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:') throw new ArchivistError('E_REDIRECT', `not an http(s) image: ${current.protocol}`);
    await o.checkUrl?.(current);
    const target = current;
    const result = await o.politely<Got>(target, async () => {
      const res = await request(target, {
        method: 'GET',
        signal: AbortSignal.timeout(ASSET_TIMEOUT_MS),
        headers: { accept: 'image/*' },
        ...(o.dispatcher ? { dispatcher: o.dispatcher } : {}),
      });
      const location = res.headers.location;
      if (res.statusCode >= 300 && res.statusCode < 400 && typeof location === 'string') {
        await res.body.dump();
        return { redirect: new URL(location, target) };
      }
      if (res.statusCode >= 400) {
        await res.body.dump();
        throw new ArchivistError('E_HTTP_STATUS', `GET ${target.href} → ${res.statusCode}`, { status: res.statusCode });
      }
      const type = String(res.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim()
        .toLowerCase();
      const ext = IMAGE_TYPES[type];
      if (!ext) {
        await res.body.dump();
        throw new ArchivistError('E_NOT_HTML', `content type ${type || 'missing'} is not a supported image`);
      }
      const declared = Number(res.headers['content-length'] ?? 0);
      if (declared > maxBytes) {
        await res.body.dump();
        throw new ArchivistError('E_TOO_LARGE', `image is ${declared} bytes, over ${maxBytes}`);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        size += (chunk as Buffer).length;
        if (size > maxBytes) {
          res.body.destroy();
          throw new ArchivistError('E_TOO_LARGE', `image exceeds ${maxBytes} bytes`);
        }
        chunks.push(chunk as Buffer);
      }
      const bytes = Buffer.concat(chunks);
      // Servers answer a missing image with an HTML error page labelled image/*: the bytes must agree with the label.
      if (!IMAGE_MAGIC[ext]!(bytes)) throw new ArchivistError('E_NOT_HTML', `body is not ${type} data`);
      return { bytes, ext };
    });
    if ('redirect' in result) {
      current = result.redirect;
      continue;
    }
    const rel = `${ASSETS_DIR}/${key}.${result.ext}`;
    await writeAtomic(path.join(o.outDir, rel), result.bytes);
    return rel;
  }
  throw new ArchivistError('E_REDIRECT', `more than ${MAX_ASSET_REDIRECTS} redirects`);
}
