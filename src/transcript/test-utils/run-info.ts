import type { RunInfo } from '../events-file.js';

/** The run record of a transcript written by a test. */
export const runInfo: RunInfo = {
  version: '0.1.0',
  baseUrl: 'http://127.0.0.1:8000/v1',
  model: 'gpt-test',
  tableDir: 'tables/demo',
  settings: { turns: 6, summary: true },
};
