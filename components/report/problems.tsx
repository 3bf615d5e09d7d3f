/** What was wrong with the filters in the URL, said plainly above a report that shows its defaults instead. */
export function Problems({ problems }: { problems: string[] }) {
  if (!problems.length) return null;
  return (
    <div
      role="alert"
      className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
      data-testid="filter-problems"
    >
      {problems.map((problem) => (
        <p key={problem}>{problem}</p>
      ))}
    </div>
  );
}
