import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import {
  EXAMPLE_SEED,
  offlineExample,
  quotedExample,
} from '../../scripts/readme-offline-example.js';
import { ensureBuilt } from '../helpers/cli.js';

it('the README quotes the offline discussion as `roundtable run` really prints it', async () => {
  ensureBuilt();
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  expect(readme).toContain(`npx roundtable run --seed ${EXAMPLE_SEED}`);
  expect(
    quotedExample(readme),
    'README.md is out of date: run `npx tsx scripts/readme-offline-example.ts`',
  ).toBe(await offlineExample());
}, 60_000);
