/**
 * A port with every method returning a Promise: the shape the PostgreSQL stores implement. For a
 * port that is already async this is the port itself.
 */
export type AsyncPort<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : T[K];
};

/** Where a store sends its queries: the pool, or the client of a transaction in progress. */
export interface Queryable {
  query<R extends Record<string, unknown> = Record<string, unknown>>(
    text: string,
    values?: readonly unknown[],
  ): Promise<{ rows: R[]; rowCount: number | null }>;
}
