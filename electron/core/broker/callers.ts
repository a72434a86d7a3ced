import type { BrokerApprovalRequest } from '../../../shared/ipc/contract';
import { describePeer, UNKNOWN_PEER, type Peer } from './peer';
import type { BrokerSession } from './sessions';
import type { ToolRecord, ToolStore } from './toolStore';

/**
 * Who is calling, as the broker shows it: the tool's name (one per tool identity) and the program
 * the OS shows at the other end of the session's socket. A tool's own word is never the program.
 */

/** The session's peer, once the lookup started at connect has ended (at once after that). */
export function peerOf(session: BrokerSession): Promise<Peer> {
  return session.caller ?? Promise.resolve(UNKNOWN_PEER);
}

/** Each session's program once its lookup has ended (a session's peer never changes). */
const programs = new WeakMap<BrokerSession, string>();

/**
 * The program that called, for the audit line: an executable, or "unknown program"; at once (no
 * promise) after the session's first call, as every call of a session needs it.
 */
export function programOf(session: BrokerSession): string | Promise<string> {
  return (
    programs.get(session) ??
    peerOf(session).then((peer) => {
      const program = describePeer(peer);
      programs.set(session, program);
      return program;
    })
  );
}

/** The executable to keep for a tool (a known one only: "unknown" is no change of program). */
export function executableOf(peer: Peer): string | undefined {
  return peer.known ? peer.executable : undefined;
}

/**
 * The tool as the approval dialog names it: an approved tool by its name; a new one by the name it
 * will get, "my-agent (2)" when another tool is "my-agent" already, with the name it gave beside.
 */
export function askingTool(toolStore: ToolStore, tool: ToolRecord | undefined, claimedName: string, peer: Peer): BrokerApprovalRequest['tool'] {
  const program = describePeer(peer);
  if (tool) return { name: tool.name, known: true, program };
  const name = toolStore.uniqueName(claimedName);
  return { name, ...(name !== claimedName ? { claimedName } : {}), known: false, program };
}

/** Notes which executable presented a known tool's secret (the Tools view shows a new one). */
export function notePeer(toolStore: ToolStore, toolId: string, session: BrokerSession, now: () => Date): void {
  void peerOf(session).then((peer) => {
    const executable = executableOf(peer);
    if (executable) toolStore.sawProgram(toolId, executable, now());
  });
}
