/** The dashboard's window of order dates and creation days, and its currency (amounts are never added across currencies). */
export interface ReportWindow {
  from: string;
  to: string;
  currency: string;
}
