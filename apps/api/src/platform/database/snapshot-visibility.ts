/**
 * A logged change (its writing transaction's id in `xid`, a `xid8` column) that a stored snapshot (`pg_snapshot`) did
 * not see: its transaction committed after the snapshot was taken, or was still running then. The xmin comparison
 * comes first: an id below the snapshot's xmin was settled before it, and is cheap to rule out. The change logs of the
 * customer dashboards' and the satisfaction report's summaries are read this way.
 */
export const unseenBy = (xid: string, snapshot: string): string => `${xid} >= pg_snapshot_xmin(${snapshot}) and not pg_visible_in_snapshot(${xid}, ${snapshot})`;
