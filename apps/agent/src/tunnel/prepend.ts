/** Yields `first`, then everything `rest` yields (bytes already read, then the stream itself). */
export async function* prepend(first: Buffer[], rest: AsyncIterable<Uint8Array> | null): AsyncIterable<Uint8Array> {
  yield* first;
  if (rest) yield* rest;
}
