import { useEffect } from 'react';
import type { JSX } from 'react';
import { useAppStore } from '../../store';
import { PLACES } from '../../store/places';
import { MainPane } from '../shell/MainPane';
import { Feedback } from '../notices/Feedback';
import { ConnectTools } from './ConnectTools';
import { StillWorking } from './StillWorking';
import { ToolDetail } from './ToolDetail';
import { ToolList } from './ToolList';

/** With no tool to show: what tools are, whether any is approved, and how to connect one. */
function ConnectPane({ empty }: { empty: boolean }): JSX.Element {
  const setup = useAppStore((s) => s.toolSetup);
  const before = useAppStore((s) => s.toolsApprovedBefore);
  // Not before the first list is in (a refetch keeps what was said).
  const loaded = useAppStore((s) => s.toolsLoadStatus === 'ready' || s.toolsLoadStatus === 'error' || s.toolsApprovedBefore);
  return (
    <>
      <p>Scripts, command-line tools and AI agents that act through Scopekeeper. Tokens never leave Scopekeeper unless you let a tool receive them.</p>
      {empty &&
        loaded &&
        (before ? (
          <p>
            No tool is approved now. A tool you revoked can no longer act for you; its past calls stay under “Calls by tools” in each connection and in the
            exports.
          </p>
        ) : (
          <p>No tool is approved yet.</p>
        ))}
      <ConnectTools setup={setup} />
    </>
  );
}

/**
 * The Tools view, laid out as Connections is: the approved tools in a side list, the chosen one's
 * approvals and calls beside it, and "Connect a tool" (shown at once while there is none).
 */
export function ToolsView(): JSX.Element {
  const tools = useAppStore((s) => s.tools);
  const selectedToolId = useAppStore((s) => s.selectedToolId);
  const connectShown = useAppStore((s) => s.connectToolShown);
  const loadTools = useAppStore((s) => s.loadTools);
  const loadToolSetup = useAppStore((s) => s.loadToolSetup);
  // A tool revoked whole has no detail left to show what its given tokens still do: the pane's top does.
  const revokedWhole = useAppStore((s) => (s.stillWorking && !s.tools.some((t) => t.id === s.stillWorking!.toolId) ? s.stillWorking.toolId : null));
  const dismissStillWorking = useAppStore((s) => s.dismissStillWorking);
  useEffect(() => {
    void loadTools();
    void loadToolSetup();
  }, [loadTools, loadToolSetup]);
  // A Revoke's outcome belongs to that visit: coming back later does not move focus to it again.
  useEffect(() => dismissStillWorking, [dismissStillWorking]);
  // The chosen tool; one revoked since gives way to the first.
  const shown = connectShown ? undefined : (tools.find((t) => t.id === selectedToolId) ?? tools[0]);
  return (
    <div className="tools-view side-layout">
      <ToolList tools={tools} shownId={shown?.id ?? null} />
      <MainPane>
        <Feedback place={PLACES.tools} />
        {revokedWhole !== null && <StillWorking toolId={revokedWhole} />}
        {shown ? <ToolDetail key={shown.id} tool={shown} /> : <ConnectPane empty={tools.length === 0} />}
      </MainPane>
    </div>
  );
}
