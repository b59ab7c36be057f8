import { AppError } from "../errors/app-error";

/**
 * GETs a URL with a time limit and a size limit, for chart repositories. Failures become
 * INVALID_INPUT errors that name the URL and what went wrong.
 */
export async function fetchBytes(url: string, maxBytes: number, timeoutMs = 15_000): Promise<Buffer> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: "follow" });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new AppError("INVALID_INPUT", `cannot reach ${url}: ${cause?.code ?? cause?.message ?? (err as Error).message}`);
  }
  if (!res.ok) throw new AppError("INVALID_INPUT", `${url} answered HTTP ${res.status}`);
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = res.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new AppError("INVALID_INPUT", `${url} is larger than ${Math.round(maxBytes / 1024)} KiB`);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}
