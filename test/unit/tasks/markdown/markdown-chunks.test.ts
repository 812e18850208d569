import { describe, expect, it } from "@jest/globals";
import { chunkStarts, readMarkdownBlocks } from "../../../../src/tasks/markdown/read-blocks.js";
import { corpusAvailable, corpusFiles } from "../../../../scripts/corpus/corpus-files.js";
import { fixture, fixtureNames } from "../fixture-files.js";

/**
 * The document is read in chunks (micromark slows down faster than linearly on one long run of
 * nested lists): cutting it must never change what any line is.
 */
const linesOf = (text: string): string[] => text.split(/\r?\n/);
const oneChunk = (lines: string[]) => readMarkdownBlocks(lines, Number.POSITIVE_INFINITY);

describe("chunked Markdown reading", () => {
  it("cuts only at column-0 headings and bullets, outside fences, comments and HTML blocks", () => {
    const lines = [
      "# Title", //          0
      "- [ ] T001 a", //     1: cut
      "  - detail", //       2
      "```md", //            3
      "# not a heading", //  4
      "- [ ] T002 fenced", // 5
      "```", //              6
      "<!--", //             7
      "## hidden", //        8
      "-->", //              9
      "<div>", //            10
      "## in the html block", // 11
      "", //                 12
      "* * *", //            13: a thematic break, no cut
      "## Phase 2", //       14: cut
      "- [ ] T003 b", //     15: cut
      "  continued", //      16
    ];
    expect(chunkStarts(lines, 1)).toEqual([0, 1, 14, 15]);
  });

  it("gives a long nested list the same blocks as one read, in far fewer steps", () => {
    const lines = ["# Tasks", ""];
    for (let i = 1; i <= 600; i++)
      lines.push(`- [ ] T${String(i).padStart(3, "0")} task ${i}`, `  - detail ${i}`, "    more");
    expect(chunkStarts(lines).length).toBeGreaterThan(5);
    expect(readMarkdownBlocks(lines)).toEqual(oneChunk(lines));
  });

  it.each(fixtureNames())("fixture %s reads the same in chunks of 3 lines as in one", (name) => {
    const lines = linesOf(fixture(name));
    expect(readMarkdownBlocks(lines, 3)).toEqual(oneChunk(lines));
  });

  if (corpusAvailable("chunked Markdown reading")) {
    it.each(corpusFiles().map((c) => [c.file, c.text] as const))(
      "corpus %s reads the same in chunks of 3 lines as in one",
      (_file, text) => {
        const lines = linesOf(text);
        expect(readMarkdownBlocks(lines, 3)).toEqual(oneChunk(lines));
      },
    );
  }
});
