import { readFile } from "node:fs/promises";
import { ZJoinTokenAnswer, type JoinTokenAnswer } from "@outpost/cluster-core";
import { describeError } from "../util/describe-error";

/**
 * The k3s server's join token (its node-token file), for the centre to join a new node to this
 * cluster. The token is answered to the centre only and never logged.
 */
export async function readJoinToken(file: string): Promise<JoinTokenAnswer> {
  try {
    const token = (await readFile(file, "utf8")).trim();
    const answer = ZJoinTokenAnswer.safeParse({ ok: true, token });
    return answer.success ? answer.data : { ok: false, error: `${file} does not hold a k3s token` };
  } catch (err) {
    return { ok: false, error: `cannot read the k3s join token from ${file}: ${describeError(err)} (is this a k3s server? see --k3s-token-file)` };
  }
}
