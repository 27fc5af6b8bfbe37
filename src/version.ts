import { createRequire } from 'node:module';

// Read once from package.json so the User-Agent, provenance and --version never disagree.
const pkg = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

export const TOOL_NAME = 'archivist';
export const VERSION: string = pkg.version;
export const TOOL = `${TOOL_NAME}/${VERSION}`;
