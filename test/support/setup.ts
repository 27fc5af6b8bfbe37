/** Runs before every test file (vitest `setupFiles`); its hooks apply to the whole file. */
import { afterAll } from 'vitest';
import { removeTempDirs } from './tmp.js';

afterAll(removeTempDirs);
