// Commands that serve until told to stop (dummy-server, serve) wait for Ctrl-C or SIGTERM, then
// close what they serve and exit normally.

/** Resolves at the first SIGINT or SIGTERM, and takes its listeners off again. */
export function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
