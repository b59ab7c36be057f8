import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { shellCommand, shellQuote } from "./shell-quote";

describe("shellQuote", () => {
  it("leaves plain words alone and quotes everything else so the shell reads it back unchanged", () => {
    expect(shellQuote("/usr/local/bin/k3s")).toBe("/usr/local/bin/k3s");
    for (const word of ["it's", "a b", "$(reboot)", "`x`", "semi;colon", "new\nline", "", "\"'\\", "*"]) {
      expect(execFileSync("sh", ["-c", `printf %s ${shellQuote(word)}`], { encoding: "utf8" })).toBe(word);
    }
    expect(shellCommand(["echo", "a b", "c"])).toBe("echo 'a b' c");
  });
});
