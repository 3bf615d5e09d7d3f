import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/locale";
import de from "@/messages/de.json";
import en from "@/messages/en.json";
import es from "@/messages/es.json";
import fr from "@/messages/fr.json";

type Tree = { [key: string]: string | Tree };
const CATALOGS: Record<(typeof LOCALES)[number], Tree> = { en, de, fr, es };

/** Every message of a catalog by its dotted key. */
function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/**
 * The names a message needs filled in: ICU arguments ({name}, {count, plural, ...}, also inside plural and
 * select branches) and rich-text tags (<link>...</link>). Branch texts ("other {posts}") are not arguments.
 */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  let i = 0;
  const skipSpace = () => {
    while (i < message.length && /\s/.test(message[i] ?? "")) i++;
  };
  const readUntil = (stop: RegExp) => {
    const start = i;
    while (i < message.length && !stop.test(message[i] ?? "")) i++;
    return message.slice(start, i).trim();
  };
  // Text up to the `}` that closes the current branch (or the end); `{` opens an argument.
  const text = (): void => {
    while (i < message.length) {
      const c = message[i];
      if (c === "'" && message[i + 1] === "'") i += 2;
      else if (c === "'" && /[{}#<]/.test(message[i + 1] ?? "")) i = message.indexOf("'", i + 1) + 1 || message.length;
      else if (c === "}") return;
      else if (c === "{") {
        i++;
        argument();
      } else i++;
    }
  };
  const argument = (): void => {
    names.add(readUntil(/[,}]/));
    if (message[i] === "}") {
      i++;
      return;
    }
    i++;
    const type = readUntil(/[,}]/);
    if (message[i] === "}") {
      i++;
      return;
    }
    i++;
    if (!["plural", "select", "selectordinal"].includes(type)) {
      readUntil(/}/);
      i++;
      return;
    }
    for (;;) {
      skipSpace();
      if (i >= message.length) return;
      if (message[i] === "}") {
        i++;
        return;
      }
      readUntil(/[\s{]/); // the selector: one, other, =0, offset:1 ...
      skipSpace();
      if (message[i] !== "{") continue;
      i++;
      text();
      i++;
    }
  };
  text();
  for (const tag of message.matchAll(/<([A-Za-z][\w-]*)>/g)) names.add(`<${tag[1]}>`);
  return [...names].sort();
}

const english = flatten(en);

describe("messages", () => {
  it("reads ICU arguments, plural branches and tags", () => {
    expect(placeholders("{count, plural, one {# post by {name}} other {# posts}} in <b>{team}</b>")).toEqual([
      "<b>",
      "count",
      "name",
      "team",
    ]);
    expect(placeholders("Hello, {name}!")).toEqual(["name"]);
    expect(placeholders("No arguments '{here}'")).toEqual([]);
  });

  for (const locale of LOCALES.filter((l) => l !== "en")) {
    const translated = flatten(CATALOGS[locale]);

    it(`${locale} has every English message`, () => {
      const missing = [...english.keys()].filter((key) => !translated.has(key));
      expect(missing).toEqual([]);
    });

    it(`${locale} has no message English lacks`, () => {
      const extra = [...translated.keys()].filter((key) => !english.has(key));
      expect(extra).toEqual([]);
    });

    it(`${locale} messages take the same placeholders as English`, () => {
      const different = [...english]
        .filter(([key]) => translated.has(key))
        .filter(([key, text]) => placeholders(text).join() !== placeholders(translated.get(key) ?? "").join())
        .map(([key]) => key);
      expect(different).toEqual([]);
    });
  }
});
