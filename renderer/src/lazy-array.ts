// Arrays whose items are made when first read (see model.ts hydrateModel).

/**
 * An array of `n` values made on first read (and then kept), e.g. 140k packet rows of which the
 * virtualised list shows forty. Indexing, length, iteration and the array methods work as on an
 * array; it cannot be structured-cloned (copy it with `Array.from` first).
 */
export function lazyArray<T>(n: number, make: (i: number) => T): T[] {
  const made = new Array<T | undefined>(n);
  const index = (key: string | symbol): number => {
    if (typeof key !== 'string') return -1;
    const c = key.charCodeAt(0);
    if (c < 48 || c > 57) return -1;
    const i = Number(key);
    return Number.isInteger(i) && i < n && String(i) === key ? i : -1;
  };
  const at = (i: number): T => made[i] ?? (made[i] = make(i));
  return new Proxy(made as T[], {
    get(target, key, receiver) {
      const i = index(key);
      if (i >= 0) return at(i);
      return Reflect.get(target, key, receiver) as unknown;
    },
    has(target, key) {
      return index(key) >= 0 || Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      const i = index(key);
      if (i >= 0) return { value: at(i), writable: true, enumerable: true, configurable: true };
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    ownKeys(target) {
      const keys: (string | symbol)[] = [];
      for (let i = 0; i < n; i++) keys.push(String(i));
      return [...keys, ...Reflect.ownKeys(target).filter((k) => index(k) < 0)];
    },
  });
}
