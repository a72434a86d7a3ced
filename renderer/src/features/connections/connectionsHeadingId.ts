/** The "Connected accounts" heading, a focus target once a card is removed. */
export const CONNECTIONS_HEADING_ID = 'connections-heading';
