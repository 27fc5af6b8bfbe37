import { createRequire } from 'node:module';

// Read once from package.json so the User-Agent, provenance and --version never disagree.
const pkg = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

export const TOOL_NAME = 'archivist';
export const VERSION: string = pkg.version;
export const TOOL = `${TOOL_NAME}/${VERSION}`;
/**
 * What archivist says it is to servers: name and version, no address (the package is not
 * published, and a link to a page that does not exist tells a site owner nothing). Operators
 * who want to be reachable add a contact with --user-agent.
 */
export const DEFAULT_USER_AGENT = TOOL;
