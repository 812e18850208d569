/** CLI entry: dispatches `tasksync <command>`. Filled in by the CLI module. */
export async function main(argv: string[]): Promise<number> {
  process.stderr.write(`tasksync: unknown command ${argv[0] ?? ""}\n`);
  return 2;
}
