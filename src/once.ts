/**
 * `build`'s value, built on the first call and kept. For what is costly to build and not needed
 * by every run (the zod schemas of a transcript's records: a run that reads no events file never
 * builds them), so that importing a module stays cheap.
 */
export function once<T>(build: () => T): () => T {
  let built: { readonly value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}
