/**
 * A real tool process for the broker's e2e tests: it reaches the running app's broker socket
 * (SCOPEKEEPER_BROKER), keeps its secret in SCOPEKEEPER_TOOLS_DIR like any tool, and prints one
 * JSON line with the outcome, `{ ok: true, result }` or `{ ok: false, code, message }`.
 *
 *   testTool <name> ask <providerId> <action>…
 *   testTool <name> call <connectionId> <action> <METHOD> <path> [body]
 */
import { BrokerRefusal } from '../../electron/cli/client';
import { ToolSession } from '../../electron/cli/toolSession';

const [name, command, ...args] = process.argv.slice(2);
if (!name || !command) throw new Error('usage: testTool <name> ask|call …');

const session = await ToolSession.open(name);
try {
  let result: unknown;
  if (command === 'ask') {
    const [providerId, ...actions] = args;
    result = await session.request({ providerId: providerId!, actions });
  } else if (command === 'list') {
    result = await session.list();
  } else {
    const [connectionId, action, method, path, body] = args;
    result = await session.client.send('call', { connectionId, action, method, path, ...(body !== undefined ? { body } : {}) });
  }
  // The secret is the tool's own; the test does not need to see it.
  const { secret: _secret, ...shown } = result as Record<string, unknown>;
  console.log(JSON.stringify({ ok: true, result: shown }));
} catch (error) {
  if (!(error instanceof BrokerRefusal)) throw error;
  console.log(JSON.stringify({ ok: false, code: error.code, message: error.message }));
} finally {
  session.close();
}
