/** The public API: convert a page, render it, and the types and errors that come with them. */
export { convert, convertPage, extract, load, type ConvertOptions } from './pipeline.js';
export { render, FORMATS, type Format } from './render/index.js';
export { ArticleSchema, SCHEMA_VERSION, type Article } from './schema.js';
export { ArchivistError, ERROR_CODES, type ErrorCode } from './errors.js';
export type { Source, Page, Decoded, Extraction, Metadata } from './types.js';
export { runArchive as archive, type ArchiveOptions } from './batch/runner.js';
export { VERSION } from './version.js';
