import type { ApiErrorBody, StoredBlobView } from "@outpost/cluster-core";
import { ApiError } from "../api-error";

/**
 * Streams one file to the centre's blob store (POST /api/v1/blobs), reporting bytes sent; the
 * centre names it by its sha256. XMLHttpRequest because fetch cannot report upload progress.
 */
export function uploadBlob(file: File, onProgress: (sent: number) => void, signal?: AbortSignal): Promise<StoredBlobView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/blobs");
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as StoredBlobView);
      const error = (body as Partial<ApiErrorBody> | undefined)?.error;
      reject(new ApiError(xhr.status, error?.code ?? `HTTP_${xhr.status}`, error?.message ?? `uploading ${file.name} failed with HTTP ${xhr.status}`, error?.issues ?? []));
    };
    xhr.onerror = () => reject(new ApiError(0, "NETWORK", `uploading ${file.name} failed: cannot reach the Outpost server`));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.onabort = () => reject(new ApiError(0, "ABORTED", `uploading ${file.name} was cancelled`));
    xhr.send(file);
  });
}
