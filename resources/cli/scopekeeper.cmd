@echo off
rem The `scopekeeper` command as the Windows package ships it (electron-builder.json): runs
rem scopekeeper.mjs, the self-contained CLI and MCP server beside this file, with Node.js 20 or
rem later (SCOPEKEEPER_NODE, else node on PATH). The app's own binary is not used: it would run
rem the file only with Electron's RunAsNode fuse on, which this build keeps off (SECURITY.md item 19).
setlocal
set RUN_WITH_APP_BINARY=no
set "SK_NODE=node"
if defined SCOPEKEEPER_NODE set "SK_NODE=%SCOPEKEEPER_NODE%"
"%SK_NODE%" -e "process.exit(Number(process.versions.node.split('.')[0]) >= 20 ? 0 : 1)" >nul 2>nul
if errorlevel 1 (
  echo scopekeeper needs Node.js 20 or later: install it ^(https://nodejs.org^), or set SCOPEKEEPER_NODE to its path. 1>&2
  exit /b 1
)
"%SK_NODE%" "%~dp0scopekeeper.mjs" %*
exit /b %ERRORLEVEL%
