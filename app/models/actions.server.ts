import type { Db } from "../../db/index";
import { listedActions, type ListedAction } from "~/lib/action-list";
import { getReadModel } from "~/models/read-model.server";

/** Every stored register action (from the cached read model), in effective-date order. */
export async function getRegisterActions(db: Db): Promise<ListedAction[]> {
  return listedActions((await getReadModel(db)).events);
}
