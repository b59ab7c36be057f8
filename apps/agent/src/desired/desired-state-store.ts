import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ZDesiredState, type DesiredState } from "@outpost/cluster-core";
import { isErrnoCode, writeFileDurably } from "../util/durable-fs";

export const DESIRED_FILE_NAME = "desired.json";

/**
 * What the centre wants on this cluster, cached on disk so the agent can keep reconciling it
 * when the link is down and after a restart. A damaged file counts as "nothing desired yet":
 * the centre sends the current generation again at the next hello.
 */
export class DesiredStateStore {
  private constructor(
    private readonly path: string,
    private state: DesiredState | null,
  ) {}

  static async open(stateDir: string): Promise<DesiredStateStore> {
    const path = join(stateDir, DESIRED_FILE_NAME);
    let state: DesiredState | null = null;
    try {
      const parsed = ZDesiredState.safeParse(JSON.parse(await readFile(path, "utf8")));
      state = parsed.success ? parsed.data : null;
    } catch (err) {
      if (!isErrnoCode(err, "ENOENT") && !(err instanceof SyntaxError)) throw err;
    }
    return new DesiredStateStore(path, state);
  }

  current(): DesiredState | null {
    return this.state;
  }

  /** Keeps `next` if it is newer than what is cached; returns whether it was. */
  async offer(next: DesiredState): Promise<boolean> {
    if (this.state && next.generation <= this.state.generation) return false;
    await writeFileDurably(this.path, JSON.stringify(next));
    this.state = next;
    return true;
  }
}
