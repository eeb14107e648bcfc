import { describe, expect, it } from "vitest";
import { LruCache } from "~/lib/lru";

describe("LruCache", () => {
  it("evicts the least recently used entries to stay within the size bound", () => {
    const cache = new LruCache<string, string>({ maxSize: 10, sizeOf: (value) => value.length });
    cache.set("a", "aaaa");
    cache.set("b", "bbbb");
    expect(cache.get("a")).toBe("aaaa"); // a is now the most recently used
    cache.set("c", "cccc");
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe("aaaa");
    expect(cache.get("c")).toBe("cccc");
    expect(cache.size).toBe(8);
  });

  it("refuses an entry larger than the whole bound and keeps the others", () => {
    const cache = new LruCache<string, string>({ maxSize: 10, sizeOf: (value) => value.length });
    cache.set("a", "aaaa");
    expect(cache.set("big", "x".repeat(11))).toBe(false);
    expect(cache.get("big")).toBeUndefined();
    expect(cache.get("a")).toBe("aaaa");
  });

  it("bounds the entry count and accounts for replaced and deleted entries", () => {
    const cache = new LruCache<number, string>({ maxEntries: 2, sizeOf: (value) => value.length });
    cache.set(1, "x");
    cache.set(2, "yy");
    cache.set(2, "zzz");
    expect(cache.size).toBe(4);
    cache.set(3, "w");
    expect(cache.count).toBe(2);
    expect(cache.get(1)).toBeUndefined();
    cache.delete(2);
    expect(cache.size).toBe(1);
    cache.clear();
    expect([cache.count, cache.size]).toEqual([0, 0]);
  });
});
