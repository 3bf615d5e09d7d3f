import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-md p-8 text-center">
      <h1 className="text-2xl font-semibold">Not allowed</h1>
      <p className="mt-2 text-slate-600">Your role does not give you access to this page.</p>
      <Link href="/feed" className="mt-4 inline-block text-indigo-700 underline">
        Back to the feed
      </Link>
    </main>
  );
}
