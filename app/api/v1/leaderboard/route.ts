import type { z } from "zod";
import { apiError, parseOrError } from "@/lib/api/errors";
import { leaderboardQuery, type ApiLeaderboardRow, type leaderboardPage } from "@/lib/api/schemas";
import { decodeCursor, encodeCursor, json, leaderboardCursor, searchParams, withToken } from "@/lib/api/v1";
import { getLeaderboard, type LeaderboardRow } from "@/lib/leaderboard";
import { PERIOD_NAMES, rangeLabel, resolvePeriod } from "@/lib/periods";
import { getSettings } from "@/lib/settings";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

type Board = { page: number; pageSize: number; from: string | null; to: string | null; teamId: number | null };

/** The leaderboard as the page ranks it, for a period and optionally one team; `me` is the owner's row wherever it falls. */
export const GET = withToken("leaderboard.read", async (request, { user }) => {
  const query = parseOrError(leaderboardQuery, searchParams(request));
  if ("response" in query) return query.response;
  const cursor = decodeCursor(leaderboardCursor, query.data.cursor);
  let board: Board;
  if (cursor) {
    const [page, pageSize, from, to, teamId] = cursor;
    board = { page, pageSize, from, to, teamId };
  } else {
    const { timeZone } = await getSettings();
    const { period, error } = resolvePeriod(
      { period: query.data.period, from: query.data.from, to: query.data.to },
      { timeZone },
    );
    if (error) return apiError("invalid", error.message, error.fields);
    board = {
      page: 1,
      pageSize: query.data.limit,
      from: period.from,
      to: period.to,
      teamId: query.data.teamId ?? null,
    };
  }
  const { page, pageSize, from, to, teamId } = board;
  const found = await getLeaderboard({ page, pageSize, viewerId: user.id, range: { from, to }, teamId });
  // The documented fields only: no advocate ids (a hidden name must stay hidden), and no Influenced count, which
  // the admin shows to chosen roles only.
  const row = (r: LeaderboardRow): ApiLeaderboardRow => ({
    rank: r.rank,
    name: r.name,
    team: r.team,
    shares: r.shares,
    countedClicks: r.countedClicks,
    reshares: r.reshares,
    points: r.points,
    score: r.score,
    isMe: r.advocateId === user.id,
  });
  return json<z.infer<typeof leaderboardPage>>({
    items: found.items.map(row),
    nextCursor: page * pageSize < found.total ? encodeCursor([page + 1, pageSize, from, to, teamId]) : null,
    total: found.total,
    me: found.me ? row(found.me) : null,
    period: { from, to, label: from && to ? rangeLabel(from, to) : from ? `From ${from}` : PERIOD_NAMES.all },
    teamId,
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
