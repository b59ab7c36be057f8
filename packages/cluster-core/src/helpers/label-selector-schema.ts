import { z } from "zod";
import { LabelSelectorError, parseLabelSelector } from "./label-selector";

/**
 * A label selector in an API body or query (grants, rollout targets, the fleet list): the text
 * must parse; the message says where it does not. The value stays text, so it is stored and
 * shown as the user wrote it.
 */
export const ZLabelSelector = z
  .string()
  // The parser checks the length first, so an over-long text costs nothing to refuse.
  .superRefine((text, ctx) => {
    try {
      parseLabelSelector(text);
    } catch (err) {
      if (!(err instanceof LabelSelectorError)) throw err;
      ctx.addIssue({ code: "custom", message: `label selector: ${err.message}` });
    }
  });
