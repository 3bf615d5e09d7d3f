import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import path from "node:path";
import { dataDir } from "@/db/client";
import type { PendingClick } from "@/lib/click-writer";

/** How many unwritten clicks the journal keeps (CHORUS_JOURNAL_MAX_CLICKS); past it the oldest are dropped. */
export const JOURNAL_MAX_CLICKS = Number(process.env.CHORUS_JOURNAL_MAX_CLICKS ?? 200_000);

export function defaultJournalFile(): string {
  return path.join(dataDir(), "click-journal.ndjson");
}

/**
 * The local file every answered click is appended to before its redirect is sent, so a crash (SIGKILL, an
 * outage) loses none: one JSON line per click, appended in batches (one write for all the clicks of an event
 * loop turn), read back on start (docs/architecture.md#click-journal). It survives the process, not the machine:
 * appends reach the operating system, not the disk, unless CHORUS_JOURNAL_FSYNC=1.
 */
export class ClickJournal {
  private fd: number;
  private buffer: string[] = [];
  private waiters: (() => void)[] = [];
  private scheduled = false;
  private readonly fsync = process.env.CHORUS_JOURNAL_FSYNC === "1";
  /** Click lines in the file, written ones included until the next compaction. */
  lines = 0;
  appendErrors = 0;

  constructor(
    readonly file: string = defaultJournalFile(),
    readonly maxClicks: number = JOURNAL_MAX_CLICKS,
  ) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.fd = openSync(file, "a");
  }

  /** Resolves once `click` is in the file (with the other clicks of this turn, in one write). */
  append(click: PendingClick): Promise<void> {
    this.buffer.push(JSON.stringify(click));
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Writes what is buffered now; a failed write is counted and reported by the caller's health, not thrown. */
  flush(): void {
    this.scheduled = false;
    const [lines, waiters] = [this.buffer, this.waiters];
    this.buffer = [];
    this.waiters = [];
    if (lines.length) {
      try {
        writeSync(this.fd, `${lines.join("\n")}\n`);
        if (this.fsync) fsyncSync(this.fd);
        this.lines += lines.length;
      } catch {
        this.appendErrors += lines.length;
      }
    }
    for (const resolve of waiters) resolve();
  }

  /** The clicks in the file, each once (by id), oldest first; a torn last line (a crash mid-write) is skipped. */
  read(): PendingClick[] {
    let text = "";
    try {
      text = readFileSync(this.file, "utf8");
    } catch {
      return [];
    }
    const byId = new Map<string, PendingClick>();
    for (const line of text.split("\n")) {
      if (!line) continue;
      try {
        const click = JSON.parse(line) as PendingClick & { at: string };
        if (click.id) byId.set(click.id, { ...click, at: new Date(click.at) });
      } catch {
        // a line cut short by the crash: its click never got its redirect
      }
    }
    return [...byId.values()];
  }

  /** Replaces the file by `clicks` (those still unwritten): a new file renamed over the old one. */
  rewrite(clicks: PendingClick[]): void {
    this.flush();
    const temporary = `${this.file}.tmp`;
    const fd = openSync(temporary, "w");
    try {
      if (clicks.length) writeSync(fd, `${clicks.map((click) => JSON.stringify(click)).join("\n")}\n`);
      if (this.fsync) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, this.file);
    closeSync(this.fd);
    this.fd = openSync(this.file, "a");
    this.lines = clicks.length;
  }

  /** After a commit: the file is compacted once written clicks outnumber unwritten ones (amortised, linear). */
  compact(unwritten: PendingClick[]): void {
    if (unwritten.length === 0 ? this.lines > 0 : this.lines >= 2 * unwritten.length + 1_000) this.rewrite(unwritten);
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
