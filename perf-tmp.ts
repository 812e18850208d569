import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import { gfmTaskListItemFromMarkdown } from "mdast-util-gfm-task-list-item";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { performance } from "node:perf_hooks";
function gen(count:number){const out=["# Tasks",""];for(let n=1;n<=count;n++){if((n-1)%100===0)out.push(`## Phase ${n}: x`,"");out.push(`- [ ] T${String(n).padStart(4,"0")} [P] [US1] Implement part ${n} in \`src/module/file${n}.ts\` (depends on T0001)`);if(n%5===0)out.push(`  - Acceptance: part ${n} works`,`  - Files: \`tests/p.ts\``);}return out.join("\n");}
for (const n of [300,5000]) { const t=gen(n);
 const dis={disable:{null:["attention","autolink","characterEscape","characterReference","codeText","hardBreakEscape","htmlText","labelStartImage","labelStartLink","labelEnd"]}};
 for (const [name,opts] of [["noinline",{extensions:[dis]}],["noinline+task+table",{extensions:[dis,gfmTaskListItem(),gfmTable()],mdastExtensions:[gfmTaskListItemFromMarkdown(),gfmTableFromMarkdown()]}],["plain",{}],["task",{extensions:[gfmTaskListItem()],mdastExtensions:[gfmTaskListItemFromMarkdown()]}],["task+table",{extensions:[gfmTaskListItem(),gfmTable()],mdastExtensions:[gfmTaskListItemFromMarkdown(),gfmTableFromMarkdown()]}]] as const) {
  for(let i=0;i<3;i++) fromMarkdown(t,opts as any); const s=performance.now(); for(let i=0;i<5;i++) fromMarkdown(t,opts as any); console.log(n,name,((performance.now()-s)/5).toFixed(1),"ms", t.length);
 }}
