import { useEffect, useRef, useState } from "react";

const DEBOUNCE_MS = 400;

/**
 * A text field bound to a committed value (e.g. in the URL): typing commits after a pause, and
 * a change from outside (Back, a saved view) replaces what is typed.
 */
export function useDebouncedField(committed: string, commit: (value: string) => void): [string, (value: string) => void, () => void] {
  const [value, setValue] = useState(committed);
  const last = useRef(committed);

  useEffect(() => {
    if (committed !== last.current) {
      last.current = committed;
      setValue(committed);
    }
  }, [committed]);

  useEffect(() => {
    if (value.trim() === committed) return;
    const t = setTimeout(() => {
      last.current = value.trim();
      commit(value.trim());
    }, DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [value, committed, commit]);

  const flush = () => {
    last.current = value.trim();
    if (value.trim() !== committed) commit(value.trim());
  };
  return [value, setValue, flush];
}
