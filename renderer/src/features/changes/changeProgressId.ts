/** The "Change in progress" panel, where focus goes back when a change's sign-in panel closes. */
export const CHANGE_PROGRESS_ID = 'change-progress';
