import { apiRoute } from "@/src/server/http/api-route";

// GET /api/v1/metrics – the centre's live figures (admin)
export const GET = apiRoute({ role: "admin" }, async ({ ctx }) => ({
  agentsConnected: ctx.presence.onlineCount(),
  tunnelStreamsOpen: ctx.presence.openTunnelStreams(),
  uptimeSeconds: Math.round((Date.now() - ctx.startedAt.getTime()) / 1000),
}));
