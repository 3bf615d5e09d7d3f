import { describe, expect, it } from "vitest";
import { type LeaderboardRow, ownRow } from "@/lib/leaderboard";

const viewer = { id: "u1", name: null, email: "ada@example.com", teamId: 7 };
const me: LeaderboardRow = {
  rank: 31,
  advocateId: "u1",
  name: "Ada",
  team: "Sales",
  shares: 2,
  countedClicks: 3,
  reshares: 0,
  influenced: 0,
  points: 9,
  score: 42,
};

describe("ownRow: my own row is always on the board", () => {
  it("pins my ranked row below the page when it is not on it", () => {
    expect(ownRow({ me, meOnPage: false }, viewer, { teamId: null, viewerTeamName: "Sales" })).toEqual({
      pinned: me,
      unranked: false,
    });
  });

  it("pins nothing when my row is on the page", () => {
    expect(ownRow({ me, meOnPage: true }, viewer, { teamId: 7, viewerTeamName: "Sales" })).toEqual({
      pinned: null,
      unranked: false,
    });
  });

  it("shows me unranked with zeros (and my latest score), named from my email, when I have no activity", () => {
    const { pinned, unranked } = ownRow({ me: null, meOnPage: false }, viewer, {
      teamId: 7,
      viewerTeamName: "Sales",
      viewerScore: 17,
    });
    expect(unranked).toBe(true);
    expect(pinned).toEqual({
      rank: null,
      advocateId: "u1",
      name: "ada",
      team: "Sales",
      shares: 0,
      countedClicks: 0,
      reshares: 0,
      influenced: 0,
      points: 0,
      score: 17,
    });
  });

  it("leaves me off another team's board", () => {
    expect(ownRow({ me: null, meOnPage: false }, viewer, { teamId: 8, viewerTeamName: "Sales" })).toEqual({
      pinned: null,
      unranked: false,
    });
  });
});
