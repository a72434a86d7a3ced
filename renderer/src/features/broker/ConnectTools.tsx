import { useId } from 'react';
import type { JSX } from 'react';
import { mcpHostConfig, terminalCommand, type McpHostFormat } from '../../../../shared/mcpConfig';
import type { ToolSetup } from '../../../../shared/ipc/contract';
import { CopyButton } from '../../ui/CopyButton';

/** A configuration to paste, labelled, with its Copy button beside it. */
function Snippet({ label, text, copyLabel }: { label: string; text: string; copyLabel: string }): JSX.Element {
  return (
    <div className="snippet">
      <pre aria-label={label} tabIndex={0}>
        <code>{text}</code>
      </pre>
      <div className="copy-row">
        <CopyButton text={text} label={copyLabel} />
      </div>
    </div>
  );
}

function HostSnippet({ setup, format }: { setup: ToolSetup; format: McpHostFormat }): JSX.Element {
  const vscode = format === 'vscode';
  return (
    <Snippet
      label={vscode ? 'MCP configuration for VS Code' : 'MCP configuration for Claude Desktop and Cursor'}
      text={mcpHostConfig(setup.launch, format)}
      copyLabel={vscode ? 'Copy the VS Code configuration' : 'Copy the MCP configuration'}
    />
  );
}

/** The command line: what to type, and a few first commands. */
function CommandLine({ setup }: { setup: ToolSetup | null }): JSX.Element {
  const command = setup ? terminalCommand(setup.launch) : 'scopekeeper';
  return (
    <>
      <h4>In a terminal: the scopekeeper command</h4>
      <p>Scripts and command-line tools use it to ask for actions and call them; their tokens stay here.</p>
      <pre aria-label="Commands to try" tabIndex={0}>
        <code>
          {`${command} actions sandbox\n${command} request sandbox read-files\n${command} call sandbox read-files`}
        </code>
      </pre>
      {setup?.dataDirMoved && (
        <p className="field-hint">
          This app keeps its data in <code>{setup.dataDir}</code>, not where the command looks by default, so the command above and the configuration below
          say so with <code>SCOPEKEEPER_DATA_DIR</code>.
        </p>
      )}
    </>
  );
}

/**
 * How a person connects a tool to Scopekeeper: the command, and an MCP host's configuration with
 * the steps for Claude Desktop, Cursor and VS Code. `setup` (the command and folder) comes from
 * the main process (`broker:setup`), which knows how this app was started; null while it loads.
 */
export function ConnectTools({ setup }: { setup: ToolSetup | null }): JSX.Element {
  const headingId = useId();
  return (
    <section className="connect-tools" aria-labelledby={headingId}>
      <h3 id={headingId}>Connect a tool</h3>
      <p>A tool asks for the actions it needs, and you approve each one here. Scopekeeper must be running while tools use it.</p>
      <CommandLine setup={setup} />
      <h4>AI agents: MCP</h4>
      <p>An MCP host (an AI app or editor) starts Scopekeeper’s MCP server itself from this configuration:</p>
      {setup ? <HostSnippet setup={setup} format="mcpServers" /> : <p>Loading the configuration for this computer…</p>}
      <ol className="host-steps">
        <li>
          <strong>Claude Desktop</strong>: Settings → Developer → Edit Config opens <code>claude_desktop_config.json</code>. Paste the configuration (or
          add its <code>scopekeeper</code> entry to the <code>mcpServers</code> already there), save, and restart Claude Desktop.
        </li>
        <li>
          <strong>Cursor</strong>: the same configuration in <code>~/.cursor/mcp.json</code> (every project) or <code>.cursor/mcp.json</code> in a project.
        </li>
        <li>
          <strong>VS Code</strong>: <code>.vscode/mcp.json</code> in the workspace calls the list <code>servers</code> and wants each entry’s{' '}
          <code>type</code>:
          {setup && <HostSnippet setup={setup} format="vscode" />}
        </li>
      </ol>
      <p className="field-hint">
        Each tool name gets its own approvals: add <code>&quot;--name&quot;, &quot;my-agent&quot;</code> after <code>&quot;mcp&quot;</code> to tell two agents
        apart. The tools it may use appear in the agent once you approve them here.
      </p>
    </section>
  );
}
