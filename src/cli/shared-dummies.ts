// One in-process Markov server per seed, shared by every offline run of a batch or a worker,
// rather than one per run; each seed keeps its own so a run repeats `roundtable run --seed n`.
type Server = { url: string; close(): Promise<void> };

export interface SharedDummies {
  /** What `openSeating` calls to start the offline model, for a run with this seed. */
  forSeed(seed: number): () => Promise<Server>;
  closeAll(): Promise<void>;
}

export function sharedDummies(): SharedDummies {
  const servers = new Map<number, Promise<Server>>();
  return {
    forSeed: (seed) => async () => {
      let server = servers.get(seed);
      if (server === undefined) {
        // Set before any await: runs starting together share the one server.
        server = import('../../test-server/server.js').then(({ startDummyServer }) =>
          startDummyServer({ host: '127.0.0.1', port: 0, logLevel: 'silent', seed }),
        );
        servers.set(seed, server);
      }
      const { url } = await server;
      // Closed with the batch or the worker, not by each run.
      return { url, close: async () => {} };
    },
    async closeAll() {
      const all = [...servers.values()];
      servers.clear();
      await Promise.all(all.map(async (s) => (await s.catch(() => undefined))?.close()));
    },
  };
}
