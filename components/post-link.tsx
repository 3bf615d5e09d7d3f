/** The link a post shares, opened in a new tab. */
export function PostLink({ url }: { url: string }) {
  return (
    <a href={url} className="break-all text-sm text-indigo-700 underline" rel="noopener noreferrer" target="_blank">
      {url}
    </a>
  );
}
