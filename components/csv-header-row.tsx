/** A CSV's header row, as a file must start: a named, focusable region, since a long row scrolls sideways. */
export function CsvHeaderRow({ columns }: { columns: readonly string[] }) {
  return (
    // biome-ignore lint/a11y/useAriaPropsSupportedByRole: the scrollable region is named for the keyboard user
    <pre
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (axe)
      tabIndex={0}
      aria-label="The CSV header row"
      className="overflow-x-auto rounded-md bg-slate-100 p-3 text-xs text-slate-800 focus:outline-2 focus:outline-indigo-700"
    >
      {columns.join(",")}
    </pre>
  );
}
