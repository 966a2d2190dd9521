/**
 * What a contract suite takes from a backend's test file: the store (sync on SQLite, async on
 * PostgreSQL, or a Promise of either while the PostgreSQL database is being prepared). The suites
 * await every call, so one suite serves both.
 */
import type { AsyncPort } from '../../src/storage/postgres/async-port';

export type Backend<T> = T | AsyncPort<T> | Promise<T | AsyncPort<T>>;

/** The store seen through its async shape: awaiting a plain value is the value itself. */
export function asAsync<T>(store: T | AsyncPort<T>): AsyncPort<T> {
  return store as AsyncPort<T>;
}
