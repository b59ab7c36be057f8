/** Runs a bench's clean-up steps newest first, each even when an earlier one failed. */
export async function runCleanup(steps: (() => Promise<void> | void)[], progress: (line: string) => void): Promise<void> {
  for (const step of steps.splice(0).reverse()) {
    try {
      await step();
    } catch (err) {
      progress(`cleanup step failed: ${String(err)}`);
    }
  }
}
