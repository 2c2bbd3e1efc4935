/** The PostgreSQL NOTIFY channel every server process listens on. */
export const LIVE_CHANNEL = "observatory_live";
