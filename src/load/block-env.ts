/*
 * The environment switch for --block-private-addresses, apart from the guard itself (src/load/guard.ts)
 * so that reading it does not load undici and ipaddr.js when no URL is fetched.
 */

/** The environment variable that turns the guard on for every run (1, true or yes), for services that cannot change the command line. */
export const BLOCK_PRIVATE_ENV = 'ARCHIVIST_BLOCK_PRIVATE_ADDRESSES';

/** Whether the environment asks for the guard. */
export function blockPrivateFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(1|true|yes)$/i.test(env[BLOCK_PRIVATE_ENV]?.trim() ?? '');
}
