import type { Metadata } from "next";
import { LibraryNav } from "@/components/library-nav";
import { requirePermission } from "@/lib/auth";
import { listHashtags } from "@/lib/hashtags";
import { can } from "@/lib/permissions";
import { createHashtagAction, retireHashtagAction, updateHashtagAction } from "./actions";
import { EditHashtag, NewHashtagForm, RetireHashtag } from "./hashtag-forms";

export const metadata: Metadata = { title: "Hashtags" };

export default async function HashtagsPage() {
  const user = await requirePermission("library.read", "/library/hashtags");
  const tags = await listHashtags();
  const canWrite = can(user.roles, "posts.write");
  return (
    <>
      <LibraryNav user={user} current="hashtags" />
      <h1 className="text-2xl font-semibold">Hashtags</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        Posts use only hashtags from this list. <code>#Cloud</code>, <code>cloud</code> and <code>CLOUD</code> are the same tag. A retired hashtag stays on the posts that have it but cannot be added to new ones.
      </p>
      {canWrite && (
        <section className="mt-6 max-w-2xl rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="text-lg font-medium">Add a hashtag</h2>
          <NewHashtagForm create={createHashtagAction} />
        </section>
      )}
      {tags.length === 0 ? (
        <p className="mt-8 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">No hashtags yet.</p>
      ) : (
        <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th className="px-4 py-2 font-medium">Hashtag</th>
                <th className="px-4 py-2 font-medium">Description</th>
                <th className="px-4 py-2 text-right font-medium">Posts</th>
                <th className="px-4 py-2 font-medium">Status</th>
                {canWrite && <th className="px-4 py-2"><span className="sr-only">Actions</span></th>}
              </tr>
            </thead>
            <tbody>
              {tags.map((tag) => (
                <tr key={tag.id} className="border-t border-slate-100 align-top" data-testid="hashtag-row" data-tag={tag.tag}>
                  <td className="px-4 py-3 font-medium">#{tag.tag}</td>
                  <td className="px-4 py-3 text-slate-700">{tag.description ?? <span className="text-slate-400">—</span>}</td>
                  <td className="px-4 py-3 text-right tabular-nums" data-testid="hashtag-usage">{tag.usage}</td>
                  <td className="px-4 py-3">
                    {tag.retiredAt ? <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">Retired</span> : <span className="rounded-full bg-green-50 px-2 py-0.5 text-xs text-green-800">Active</span>}
                  </td>
                  {canWrite && (
                    <td className="space-y-2 px-4 py-3 text-right">
                      <RetireHashtag hashtagId={tag.id} tag={tag.tag} retired={!!tag.retiredAt} retire={retireHashtagAction} />
                      <EditHashtag hashtagId={tag.id} tag={tag.tag} description={tag.description} save={updateHashtagAction} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
