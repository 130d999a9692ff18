import { expect, it } from 'vitest';
import { renderRequestExample } from './test-utils/request-example.js';

it('docs/request-example.md shows what the builder really sends', async () => {
  await expect(await renderRequestExample()).toMatchFileSnapshot('../../docs/request-example.md');
});
