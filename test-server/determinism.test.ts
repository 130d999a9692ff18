// The same reply to the same request under the same seed; variety without one.
import { describe, expect, it } from 'vitest';
import { buildDummyApp } from './app.js';
import { appClient, turn5 } from './test-utils/app-client.js';

const { chat } = appClient();

describe('determinism', () => {
  const body = { messages: turn5.messages, temperature: 1 };

  it('gives the same reply to the same request under the same seed', async () => {
    const other = buildDummyApp({ seed: 7, logLevel: 'silent' });
    try {
      const a = await chat(body);
      const b = await chat(body, other);
      expect(b.choices[0]?.message.content).toBe(a.choices[0]?.message.content);
      const differentSeed = buildDummyApp({ seed: 8, logLevel: 'silent' });
      try {
        const c = await chat(body, differentSeed);
        expect(c.choices[0]?.message.content).not.toBe(a.choices[0]?.message.content);
      } finally {
        await differentSeed.close();
      }
    } finally {
      await other.close();
    }
  });

  it('varies without a seed, except at temperature 0 or with a request seed', async () => {
    const unseeded = buildDummyApp({ logLevel: 'silent' });
    try {
      const texts = async (extra: Record<string, unknown>) => {
        const replies = [];
        for (let i = 0; i < 4; i++)
          replies.push((await chat({ ...body, ...extra }, unseeded)).choices[0]?.message.content);
        return new Set(replies).size;
      };
      expect(await texts({})).toBeGreaterThan(1);
      expect(await texts({ temperature: 0 })).toBe(1);
      expect(await texts({ seed: 123 })).toBe(1);
    } finally {
      await unseeded.close();
    }
  });
});
