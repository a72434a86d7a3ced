/** The "Permissions" heading in Settings, a focus target once the row that had focus is gone. */
export const PERMISSIONS_HEADING_ID = 'permissions-heading';
