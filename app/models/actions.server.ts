import type { Db } from "../../db/index";
import { listedActions, type ListedAction } from "~/lib/action-list";
import { getReadModel } from "~/models/read-model.server";

/**
 * Every stored register action (from the cached read model), in effective-date order.
 * `knownVersion`: the data version the server has just read, if any (see getReadModel).
 */
export async function getRegisterActions(db: Db, knownVersion?: string): Promise<ListedAction[]> {
  return listedActions((await getReadModel(db, knownVersion)).events);
}
