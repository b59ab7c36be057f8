import type { CurrentUser, SavedViewView, ZCreateSavedViewRequest } from "@outpost/cluster-core";
import type { z } from "zod";
import type { Db } from "../db/open-database";
import { AppError } from "../errors/app-error";

const MAX_VIEWS_PER_USER = 100;

function toView(v: { id: string; name: string; query: string; createdAt: Date }): SavedViewView {
  return { id: v.id, name: v.name, query: v.query, createdAt: v.createdAt.toISOString() };
}

/** The caller's own saved fleet views, by name. */
export async function listSavedViews(db: Db, user: CurrentUser): Promise<SavedViewView[]> {
  return (await db.savedView.findMany({ where: { userId: user.id }, orderBy: { name: "asc" } })).map(toView);
}

/** Saves the fleet list's current filter under a name; the same name again replaces it. */
export async function saveView(db: Db, user: CurrentUser, input: z.output<typeof ZCreateSavedViewRequest>): Promise<SavedViewView> {
  const existing = await db.savedView.findUnique({ where: { userId_name: { userId: user.id, name: input.name } } });
  if (!existing && (await db.savedView.count({ where: { userId: user.id } })) >= MAX_VIEWS_PER_USER) {
    throw new AppError("CONFLICT", `you have ${MAX_VIEWS_PER_USER} saved views; delete one first`);
  }
  const row = await db.savedView.upsert({
    where: { userId_name: { userId: user.id, name: input.name } },
    create: { userId: user.id, name: input.name, query: input.query },
    update: { query: input.query },
  });
  return toView(row);
}

export async function deleteSavedView(db: Db, user: CurrentUser, id: string): Promise<void> {
  const res = await db.savedView.deleteMany({ where: { id, userId: user.id } });
  if (res.count === 0) throw new AppError("NOT_FOUND", `no saved view of yours with id ${id}`);
}
