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

/**
 * An object with `build`'s properties, built when one of them is first read: for a module's
 * record of zod schemas that other modules read by name (settingSchemas.turns), so that importing
 * it builds nothing. Reads, `in`, keys and spreading all see the built object.
 */
export function onFirstRead<T extends object>(build: () => T): T {
  const built = once(build);
  return new Proxy({} as T, {
    get: (_target, key) => Reflect.get(built(), key),
    has: (_target, key) => Reflect.has(built(), key),
    ownKeys: () => Reflect.ownKeys(built()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(built(), key);
      // A proxy may not report a property its (empty) target lacks as non-configurable.
      return descriptor === undefined ? undefined : { ...descriptor, configurable: true };
    },
  });
}
