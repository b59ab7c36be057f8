import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { ZObjectRef, type ObjectRef } from "@outpost/cluster-core";
import { isErrnoCode, writeFileDurably } from "../util/durable-fs";

export const APPLIED_OBJECTS_FILE_NAME = "applied-objects.json";
const ZAppliedObjects = z.array(ZObjectRef);

/**
 * The objects this agent has put on its cluster for the desired state, kept on disk so that
 * an object the centre stops wanting is deleted even after a restart. A damaged or missing file
 * counts as "none": nothing is deleted that is not known to be ours.
 */
export class AppliedObjectsStore {
  private constructor(
    private readonly path: string,
    private refs: ObjectRef[],
  ) {}

  static async open(stateDir: string): Promise<AppliedObjectsStore> {
    const path = join(stateDir, APPLIED_OBJECTS_FILE_NAME);
    let refs: ObjectRef[] = [];
    try {
      const parsed = ZAppliedObjects.safeParse(JSON.parse(await readFile(path, "utf8")));
      if (parsed.success) refs = parsed.data;
    } catch (err) {
      if (!isErrnoCode(err, "ENOENT") && !(err instanceof SyntaxError)) throw err;
    }
    return new AppliedObjectsStore(path, refs);
  }

  current(): ObjectRef[] {
    return this.refs;
  }

  async replace(refs: ObjectRef[]): Promise<void> {
    if (JSON.stringify(refs) === JSON.stringify(this.refs)) return;
    await writeFileDurably(this.path, JSON.stringify(refs));
    this.refs = refs;
  }
}
