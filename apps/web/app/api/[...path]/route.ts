import { AppError } from "@/src/server/errors/app-error";
import { errorResponse } from "@/src/server/http/error-response";

// Any /api address no route serves: the JSON error every API answer uses, not the HTML 404 page.
const notFound = async (): Promise<Response> => errorResponse(new AppError("NOT_FOUND", "no API route at this address"));

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
