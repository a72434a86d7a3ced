import { useRef } from 'react';
import type { JSX } from 'react';
import type { BrokerToolView } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';
import { listboxProps } from '../../ui/listKeys';
import { PauseTools } from '../notices/PauseTools';
import { when } from './ToolDetail';

export const TOOLS_HEADING_ID = 'tools-heading';
const optionId = (index: number): string => `tool-option-${index}`;

/** The row's second line: "2 approvals · last used …", or that nothing is approved any more. */
export function toolSummary(tool: Pick<BrokerToolView, 'approvals' | 'lastUsedAt'>): string {
  const n = tool.approvals.length;
  if (n === 0) return 'Nothing approved any more';
  return `${n} approval${n === 1 ? '' : 's'} · last used ${when(tool.lastUsedAt)}`;
}

/**
 * The Tools view's side list, as the connections' sidebar: "Connect a tool", then the approved
 * tools as one listbox (one Tab stop; arrow keys, Home and End choose, and the detail follows).
 */
export function ToolList({ tools, shownId }: { tools: readonly BrokerToolView[]; shownId: string | null }): JSX.Element {
  const selectTool = useAppStore((s) => s.selectTool);
  const showConnectTool = useAppStore((s) => s.showConnectTool);
  const listRef = useRef<HTMLDivElement>(null);
  const index = tools.findIndex((t) => t.id === shownId);

  return (
    <nav className="sidebar side-list" aria-labelledby={TOOLS_HEADING_ID}>
      <h2 id={TOOLS_HEADING_ID} className="sidebar-heading">
        Tools
      </h2>
      <PauseTools only="running" />
      <button
        type="button"
        className={shownId === null ? 'connect-entry current' : 'connect-entry'}
        aria-current={shownId === null ? 'page' : undefined}
        onClick={showConnectTool}
      >
        <span aria-hidden="true" className="connect-entry-plus">
          +
        </span>{' '}
        Connect a tool
      </button>
      {tools.length > 0 && (
        <div ref={listRef} aria-label="Approved tools" className="tool-listbox" {...listboxProps(index, tools.length, optionId, (i) => selectTool(tools[i]!.id))}>
          {tools.map((tool, i) => (
            <div
              key={tool.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === index}
              // The whole visible text in its order (WCAG 2.5.3), as the connections' rows.
              className={i === index ? 'tool-option selected' : 'tool-option'}
              onClick={() => {
                selectTool(tool.id);
                listRef.current?.focus();
              }}
            >
              <span className="tool-option-name">{tool.name}</span>
              <span className="tool-option-summary">{toolSummary(tool)}</span>
            </div>
          ))}
        </div>
      )}
    </nav>
  );
}
