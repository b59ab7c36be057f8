import { apiRoute } from "@/src/server/http/api-route";
import { storeUploadedBlob } from "@/src/server/bundles/store-uploaded-blob";

// POST /api/v1/blobs – upload a file (raw body); the centre names it by its sha256
export const POST = apiRoute({ role: "operator" }, async ({ ctx, req }) => Response.json(await storeUploadedBlob(ctx, req), { status: 201 }));
