/** Tailwind classes of text inputs, selects and textareas; red when `invalid`. */
export function inputClasses(invalid = false): string {
  return `block w-full rounded-md border-0 bg-white px-3 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset placeholder:text-slate-500 focus:ring-2 focus:ring-inset focus:outline-none disabled:bg-slate-50 disabled:text-slate-500 ${
    invalid ? "ring-red-400 focus:ring-red-500" : "ring-slate-300 focus:ring-indigo-500"
  }`;
}
