/**
 * The app binary's first argument that runs the built-in `scopekeeper` command instead of the app
 * (electron/main/commandMode.ts); the command names itself with it in a host's configuration.
 */
export const COMMAND_SWITCH = '--scopekeeper-command';
