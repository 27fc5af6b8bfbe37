import { createReadStream } from 'node:fs';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { STATUS_CODES } from 'node:http';
import path from 'node:path';
import { WARCParser, WARCRecord, WARCSerializer } from 'warcio';
import { ArchivistError } from '../errors.js';
import { isHtmlContentType } from '../load/sniff.js';
import type { Page } from '../types.js';
import { TOOL } from '../version.js';

/**
 * Headers that describe the transfer, not the payload. The WARC keeps the decoded body (the
 * bytes archivist converted), so a stored Content-Encoding: gzip would make readers gunzip plain text.
 */
const TRANSFER_HEADERS = new Set(['content-encoding', 'transfer-encoding', 'content-length', 'connection', 'keep-alive']);

/**
 * Appends one WARC/1.1 response record per fetched page (one gzip member each for .warc.gz, so
 * the file stays readable by every WARC tool and can be appended to across resumed runs).
 * Records are serialised in memory and written with one write each, in order.
 */
export class WarcWriter {
  private chain: Promise<void> = Promise.resolve();
  private constructor(
    private readonly fh: FileHandle,
    private readonly gzip: boolean,
  ) {}

  static async open(file: string): Promise<WarcWriter> {
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    const fh = await open(file, 'a');
    const w = new WarcWriter(fh, /\.gz$/i.test(file));
    if ((await fh.stat()).size === 0) {
      const info = WARCRecord.createWARCInfo({ filename: path.basename(file), warcVersion: 'WARC/1.1' }, { software: TOOL, format: 'WARC File Format 1.1' });
      await w.write(info);
    }
    return w;
  }

  /**
   * Queues the page's response record; resolves once it is written. A rendered page (--render) is
   * two records: the main document's response as the browser received it, and the DOM its scripts
   * built as a `resource` record of the address the browser ended at.
   */
  append(page: Page): Promise<void> {
    if (page.rendered) {
      const doc = page.rendered.document;
      const response = doc
        ? this.append({ input: page.input, url: doc.url, status: doc.status, headers: doc.headers, bytes: doc.bytes, fetchedAt: page.fetchedAt })
        : Promise.resolve();
      const url = page.url ?? page.requestedUrl;
      if (!url) return response;
      const dom = WARCRecord.create(
        {
          url: url.href,
          date: page.fetchedAt ?? new Date().toISOString(),
          type: 'resource',
          warcVersion: 'WARC/1.1',
          warcHeaders: { 'Content-Type': 'text/html; charset=utf-8' },
        },
        [page.bytes],
      );
      return Promise.all([response, this.write(dom)]).then(() => undefined);
    }
    const url = page.url ?? page.requestedUrl;
    if (!url) return Promise.resolve();
    const status = page.status ?? 200;
    const httpHeaders: [string, string][] = Object.entries(page.headers).filter(([k]) => !TRANSFER_HEADERS.has(k));
    const bytes = page.bytes;
    const record = WARCRecord.create(
      {
        url: url.href,
        date: page.fetchedAt ?? new Date().toISOString(),
        type: 'response',
        warcVersion: 'WARC/1.1',
        statusline: `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`.trimEnd(),
        httpHeaders,
      },
      [bytes],
    );
    return this.write(record);
  }

  private write(record: WARCRecord): Promise<void> {
    const next = this.chain.then(async () => {
      const buf = await WARCSerializer.serialize(record, { gzip: this.gzip });
      await this.fh.write(buf);
    });
    // A failed write fails its own page; later records still get their turn.
    this.chain = next.catch(() => undefined);
    return next.catch((cause) => {
      throw new ArchivistError('E_OUTPUT', `cannot write WARC record: ${(cause as Error).message}`, { cause });
    });
  }

  async close(): Promise<void> {
    await this.chain;
    await this.fh.close();
  }
}

const READ_CHUNK_BYTES = 16 * 1024;

/** A record's decoded content, or null as soon as it passes `maxBytes` (the rest is skipped by the parser). */
async function readCapped(record: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of record) {
    size += chunk.byteLength;
    if (size > maxBytes) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** One HTML response from a WARC, as a Page with the record's target URI and date as provenance. */
export interface WarcPage {
  input: string;
  page: Page | null;
  error?: ArchivistError;
}

/**
 * Streams the HTML responses of a WARC or WARC.gz: record by record, so a multi-gigabyte crawl
 * costs one record of memory. Non-HTML records and non-2xx responses are skipped (a crawl is
 * full of images, redirects and robots.txt); an oversized HTML record is reported, not read.
 */
export async function* readWarcPages(file: string, maxBytes: number): AsyncGenerator<WarcPage> {
  // Small reads: the parser inflates each chunk whole, so a chunk of a gzip bomb is at most ~1,000 times its size in memory.
  const parser = new WARCParser(createReadStream(file, { highWaterMark: READ_CHUNK_BYTES }));
  for await (const record of parser) {
    const type = record.warcType;
    if (type !== 'response' && type !== 'resource') continue;
    const uri = record.warcTargetURI;
    if (!uri || !/^https?:\/\//i.test(uri)) continue;
    const info = record.getResponseInfo();
    const status = type === 'response' ? Number(info?.status ?? 0) : 200;
    if (status < 200 || status >= 300) continue;
    const headers: Record<string, string> = {};
    if (info) for (const [k, v] of info.headers as Iterable<[string, string]>) headers[k.toLowerCase()] = v;
    const contentType = type === 'response' ? headers['content-type'] : (record.warcContentType ?? undefined);
    if (type === 'resource' && contentType) headers['content-type'] = contentType;
    if (!contentType || !isHtmlContentType(contentType) || /^text\/plain|octet-stream/i.test(contentType)) continue;
    const date = record.warcDate ?? undefined;
    if (record.warcContentLength > maxBytes) {
      yield {
        input: uri,
        page: null,
        error: new ArchivistError('E_TOO_LARGE', `WARC record for ${uri} is ${record.warcContentLength} bytes, over ${maxBytes}`),
      };
      continue;
    }
    // The record's content undoes chunking and Content-Encoding, as a browser would; counted as it is
    // inflated, so a small record that inflates to gigabytes stops at the cap, as a fetched body does.
    const bytes = await readCapped(record, maxBytes);
    if (!bytes) {
      yield { input: uri, page: null, error: new ArchivistError('E_TOO_LARGE', `WARC record for ${uri} exceeds ${maxBytes} bytes when decoded`) };
      continue;
    }
    for (const h of TRANSFER_HEADERS) delete headers[h];
    const url = new URL(uri);
    yield { input: uri, page: { input: uri, bytes, url, requestedUrl: url, status, headers, fetchedAt: date ? new Date(date).toISOString() : undefined } };
  }
}
