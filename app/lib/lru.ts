/**
 * The one least-recently-used cache of the project, bounded by entry count, by total size, or
 * both. The server's response cache bounds bytes (one client must not be able to fill memory);
 * the chart memo bounds entries.
 */
export interface LruOptions<V> {
  maxEntries?: number;
  /** Upper bound on the sum of `sizeOf` over all entries; an entry larger than this is not kept. */
  maxSize?: number;
  sizeOf?: (value: V) => number;
}

export class LruCache<K, V> {
  readonly #entries = new Map<K, { value: V; size: number }>();
  readonly #maxEntries: number;
  readonly #maxSize: number;
  readonly #sizeOf: (value: V) => number;
  #size = 0;

  constructor(options: LruOptions<V>) {
    this.#maxEntries = options.maxEntries ?? Infinity;
    this.#maxSize = options.maxSize ?? Infinity;
    this.#sizeOf = options.sizeOf ?? (() => 0);
  }

  /** The value, marked as most recently used. */
  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** Store a value, evicting the least recently used ones until both bounds hold; false when too big. */
  set(key: K, value: V): boolean {
    this.delete(key);
    const size = this.#sizeOf(value);
    if (size > this.#maxSize) return false;
    this.#entries.set(key, { value, size });
    this.#size += size;
    while (this.#entries.size > this.#maxEntries || this.#size > this.#maxSize) {
      this.delete(this.#entries.keys().next().value as K);
    }
    return true;
  }

  delete(key: K): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#size -= entry.size;
  }

  clear(): void {
    this.#entries.clear();
    this.#size = 0;
  }

  get count(): number {
    return this.#entries.size;
  }

  /** The sum of the entries' sizes. */
  get size(): number {
    return this.#size;
  }
}
