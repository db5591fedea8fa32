/**
 * The parser's cache of documents (and of parse errors), bounded by count and by document size.
 * Yoga's default keeps the last 1 000 documents of any size; documents run up to the length limit
 * (100 000 characters), so a stream of large distinct documents would hold hundreds of megabytes of
 * text and syntax trees. Operations real clients repeat are small; large ones are parsed each time.
 */
export const DOCUMENT_CACHE_ENTRIES = 500;
export const DOCUMENT_CACHE_MAX_LENGTH = 8_000;

export interface TextKeyedCache<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
  readonly size: number;
}

/** A least-recently-used cache of at most `entries` values, keyed by texts of at most `maxKeyLength`. */
export function boundedDocumentCache<T>(
  entries = DOCUMENT_CACHE_ENTRIES,
  maxKeyLength = DOCUMENT_CACHE_MAX_LENGTH,
): TextKeyedCache<T> {
  const values = new Map<string, T>();
  return {
    get(key) {
      const value = values.get(key);
      if (value !== undefined) {
        // Most recently used last, so eviction drops the least recently used.
        values.delete(key);
        values.set(key, value);
      }
      return value;
    },
    set(key, value) {
      if (key.length > maxKeyLength) return;
      values.delete(key);
      values.set(key, value);
      if (values.size > entries) values.delete(values.keys().next().value as string);
    },
    get size() {
      return values.size;
    },
  };
}
