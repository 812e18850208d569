import { describe, expect, it } from "@jest/globals";
import type { Nodes } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmTaskListItemFromMarkdown } from "mdast-util-gfm-task-list-item";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import { emptyBlocks, readMarkdownBlocks } from "../../../../src/tasks/markdown/read-blocks.js";
import type { BlockKind, MarkdownBlocks } from "../../../../src/tasks/markdown/blocks.js";
import { corpusAvailable, corpusFiles } from "../../../../scripts/corpus/corpus-files.js";
import { fixture, fixtureNames } from "../fixture-files.js";

/**
 * markdown-blocks.ts reads micromark's event stream and stops before the inline step (the
 * blocks are final by then). The reference here is the whole mdast tree that
 * mdast-util-from-markdown builds from the same text, with the GFM task-list-item extension and
 * inline constructs off (as tasksync read headings before: their raw text): every line's block,
 * every list item, heading (depth and text) and code block must be the same.
 */
const NO_INLINE = {
  disable: {
    null: [
      "attention",
      "autolink",
      "characterEscape",
      "characterReference",
      "codeText",
      "hardBreakEscape",
      "htmlText",
      "labelStartImage",
      "labelStartLink",
      "labelEnd",
    ],
  },
};

function blocksFromTree(lines: readonly string[]): MarkdownBlocks {
  const out = emptyBlocks(lines.length);
  const tree = fromMarkdown(lines.join("\n"), {
    extensions: [NO_INLINE, gfmTaskListItem()],
    mdastExtensions: [gfmTaskListItemFromMarkdown()],
  });
  const startOf = (node: Nodes): number => node.position?.start.line ?? 0;
  const endOf = (node: Nodes): number => node.position?.end.line ?? 0;
  const mark = (node: Nodes, kind: BlockKind, item: number): void => {
    for (let l = startOf(node); l <= endOf(node) && l < out.lines.length; l++) out.lines[l] = { kind, item };
  };
  const textOf = (node: Nodes): string => {
    if ("value" in node && typeof node.value === "string") return node.value;
    return "children" in node ? (node.children as Nodes[]).map(textOf).join("") : "";
  };
  const walk = (node: Nodes, item: number): void => {
    if (node.type === "root" || node.type === "list") {
      for (const child of node.children) walk(child, item);
    } else if (node.type === "listItem") {
      const index = out.items.length;
      out.items.push({ line: startOf(node), parent: item });
      out.itemAt.set(startOf(node), index);
      if (out.lines[startOf(node)]) out.lines[startOf(node)] = { kind: "text", item: index };
      for (const child of node.children) walk(child, index);
    } else if (node.type === "heading") {
      mark(node, "heading", item);
      out.headings.set(startOf(node), {
        depth: node.depth,
        text: textOf(node)
          .replace(/\s*\n\s*/g, " ")
          .trim(),
      });
    } else if (node.type === "code") {
      mark(node, "code", item);
      const fenced = /^\s*(?:`{3,}|~{3,})/.test(lines[startOf(node) - 1] ?? "");
      out.codes.set(startOf(node), {
        endLine: endOf(node),
        lang: fenced ? (/^[\w+-]*/.exec(node.lang ?? "")?.[0] ?? "").toLowerCase() : null,
      });
    } else if (node.type === "blockquote" || node.type === "html" || node.type === "thematicBreak") {
      mark(node, node.type === "blockquote" ? "quote" : node.type === "html" ? "html" : "rule", item);
    } else {
      mark(node, "text", item);
      if (node.type === "paragraph" && (lines[startOf(node) - 1] ?? "").trimStart().startsWith("|")) {
        for (let l = startOf(node); l <= endOf(node); l++)
          if ((lines[l - 1] ?? "").trimStart().startsWith("|")) out.lines[l] = { kind: "table", item };
      }
    }
  };
  walk(tree, -1);
  return out;
}

const linesOf = (text: string): string[] => text.split(/\r?\n/);
const oneRead = (lines: string[]): MarkdownBlocks => readMarkdownBlocks(lines, Number.POSITIVE_INFINITY);

/** Snippets where the block structure is easy to get wrong. */
const TRICKY: Record<string, string> = {
  "setext heading over lines, with a hard break and a soft one":
    "Phase  \n   one\t\n  two \nthree\n===\n\nPhase\\\ntwo  \n---\n",
  "setext heading in a list item, lazy line": "- Title\nlazy\n  ---\n- [ ] T001 a\n",
  "ATX headings: closing sequence, empty, tabs, in an item":
    "#\tT001: tab\n## Phase 2 ##\n###\n- ## [x] T002 in item #\n####### seven\n",
  "fenced code in items and indented code":
    "- ```js  meta\n  - [ ] T001 no\n  ```\n\n      indented\n- ~~~\n  open to the end\n",
  "fence info with escapes and entities": "```js\\&amp; x\ncode\n```\n~~~ Mermaid\ngraph\n~~~\n",
  "blockquotes holding lists and code":
    "> - [ ] T001 quoted\n>   - nested\n> ```\n> # code\n\n- [ ] T002\n  > quoted detail\n  > - [ ] T003\n",
  "lists: ordered, nested, empty items, blank runs":
    "1. [ ] T001\n   1) T002\n\n\n   - \n-\n  text\n+ [X] T003\n* T004\n\n10. ten\n",
  "HTML blocks and comments":
    "<!-- a\n- [ ] T001 hidden\n-->\n<details>\n\n- [ ] T002 shown\n\n</details>\n<div>\n- [ ] T003 html\n\nafter\n",
  "definitions before table rows": "[ref]: /url\n| id | task |\n|---|---|\n| T001 | x |\n\n| T002 | y |\n",
  "thematic breaks and lists": "- - -\n* * *\n- [ ] T001\n---\n___\n",
  "tabs as indentation": "-\tT001 tab item\n\t- [ ] T002 nested by tab\n\t\tdeep\n",
  "lone carriage return inside a line": "# Title\r- [ ] T001 a\n## Phase\rnext\n",
  "headings with inline syntax": "## Phase 1: *Setup* `code` [link](x) <b>x</b> &amp; \\#\n",
};

describe("reading micromark's events gives the mdast tree's blocks", () => {
  it.each(Object.entries(TRICKY))("%s", (_name, text) => {
    const lines = linesOf(text);
    expect(oneRead(lines)).toEqual(blocksFromTree(lines));
  });

  it("reads a heading's text as the inline step would (hard breaks join with nothing)", () => {
    const headings = readMarkdownBlocks(
      linesOf(TRICKY["setext heading over lines, with a hard break and a soft one"] as string),
    ).headings;
    expect([...headings.values()]).toEqual([
      { depth: 1, text: "Phaseone two three" },
      { depth: 2, text: "Phase\\ two" },
    ]);
  });

  it.each(fixtureNames())("fixture %s", (name) => {
    const lines = linesOf(fixture(name));
    expect(oneRead(lines)).toEqual(blocksFromTree(lines));
  });

  if (corpusAvailable("markdown events")) {
    it.each(corpusFiles().map((c) => [c.file, c.text] as const))("corpus %s", (_file, text) => {
      const lines = linesOf(text);
      expect(oneRead(lines)).toEqual(blocksFromTree(lines));
    });
  }

  it("random documents built from the line kinds task lists use", () => {
    let seed = 20261130;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const kinds = [
      "",
      "",
      "# Tasks",
      "## Phase 1: Setup",
      "Setext",
      "===",
      "---",
      "- [ ] T001 task",
      "- [x] T002 done  ",
      "  - detail",
      "    - deeper",
      "1. [ ] T003",
      "   text",
      "lazy continuation",
      "```",
      "~~~text",
      "    indented",
      "> quote",
      "> - [ ] T004",
      "<!-- c",
      "-->",
      "<div>",
      "| a | b |",
      "|---|---|",
      "[r]: /u",
      "\t- tab",
      "* * *",
      "Heading line  ",
      "  with a tab\t",
      "- ## T005 heading item",
      "   > - [ ] T006",
      "2) [ ] T007",
      "  ```mermaid",
      ">",
    ];
    // 300 here; MARKDOWN_EVENTS_DOCS=20000 for a deeper search (it found no difference either).
    const docs = Number(process.env["MARKDOWN_EVENTS_DOCS"] ?? 300);
    for (let doc = 0; doc < docs; doc++) {
      const lines = Array.from({ length: 5 + random(40) }, () => kinds[random(kinds.length)] as string);
      expect({ doc, blocks: oneRead(lines) }).toEqual({ doc, blocks: blocksFromTree(lines) });
    }
  });
});
