import { describe, expect, it } from "vitest";
import { sanitizeLogText } from "./sanitize-log-text";

describe("sanitizeLogText", () => {
  it("removes terminal escapes and control characters but keeps tabs, newlines and emoji", () => {
    expect(sanitizeLogText("\x1b[1;32mok\x1b[0m\tdone\r\n\x07🚀")).toBe("ok\tdone\n🚀");
  });
  it("replaces lone surrogates", () => {
    expect(sanitizeLogText("a\ud800b\udc00c")).toBe("a\ufffdb\ufffdc");
  });
  it("bounds the length and says how much was cut", () => {
    const out = sanitizeLogText("x".repeat(5000));
    expect(out.startsWith("x".repeat(4000))).toBe(true);
    expect(out.endsWith("… (1000 more characters)")).toBe(true);
  });
});
