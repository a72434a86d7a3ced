@echo off
rem The `scopekeeper` command as the Windows package ships it (electron-builder.json): runs
rem scopekeeper.mjs, the self-contained CLI and MCP server beside this file, with Node.js 20 or
rem later when there is one (SCOPEKEEPER_NODE, else node on PATH: it starts faster), else with the
rem app's own binary as "Scopekeeper.exe --scopekeeper-command ...". RunAsNode stays off (SECURITY.md
rem item 19): the app binary runs no file it is given, only the command built into its own app.asar
rem (electron/main/commandMode.ts), so this launcher can use it. A batch file waits for the app.
setlocal
set RUN_WITH_APP_BINARY=command-only
set "SK_NODE=node"
if defined SCOPEKEEPER_NODE set "SK_NODE=%SCOPEKEEPER_NODE%"
"%SK_NODE%" -e "process.exit(Number(process.versions.node.split('.')[0]) >= 20 ? 0 : 1)" >nul 2>nul
if errorlevel 1 goto app
"%SK_NODE%" "%~dp0scopekeeper.mjs" %*
exit /b %ERRORLEVEL%
:app
rem Only where this is the app's own resources\cli (app.asar beside it).
if not exist "%~dp0..\app.asar" goto none
if not exist "%~dp0..\..\Scopekeeper.exe" goto none
"%~dp0..\..\Scopekeeper.exe" --scopekeeper-command %*
exit /b %ERRORLEVEL%
:none
echo scopekeeper needs Node.js 20 or later, or the Scopekeeper app it came with: install Node.js ^(https://nodejs.org^), or set SCOPEKEEPER_NODE to its path. 1>&2
exit /b 1
